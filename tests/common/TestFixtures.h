#pragma once

#include <QByteArray>
#include <QString>

class Database;

// Data the tests and benchmarks build the same way.
namespace TestFixtures {

// A CSV of count pending accounts without passwords ("User <i>", "user<i>@example.com"), with its header row.
QByteArray pendingAccountsCsv(int count);
bool writeFile(const QString& path, const QByteArray& content);

// A pending account created with its user.created notification; returns the notification's id.
QString createNotifiedUser(Database* database, const QString& email);

} // namespace TestFixtures
