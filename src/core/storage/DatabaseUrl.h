#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

// A PostgreSQL connection URL as libpq and Open WebUI's DATABASE_URL write it:
// postgresql://user[:password]@host[:port]/database[?sslmode=require&…] (also postgres://). The password, when the URL
// has one, is kept for the connection only: describe() and everything shown leave it out. Without one, libpq reads
// PGPASSWORD or ~/.pgpass.
class DatabaseUrl final
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseUrl)

public:
    static constexpr int DefaultPort = 5432;

    // Whether location is written as a URL (scheme://…) rather than a file path.
    static bool isUrl(const QString& location);
    // The URL's parts, or nullopt with a translated reason (never quoting the password).
    static std::optional<DatabaseUrl> parse(const QString& location, QString* error = nullptr);

    // "host:port/database": what the window and the CLI show.
    QString describe() const;
    // QSqlDatabase::setConnectOptions() for QPSQL: the URL's query parameters (sslmode, connect_timeout…).
    QString connectOptions() const;
    // The same URL with a different database name (the tests make one database per test).
    QString withDatabase(const QString& name) const;

    QString host; // empty: the local socket
    int port = DefaultPort;
    QString user;
    QString password; // empty: PGPASSWORD or ~/.pgpass
    QString database;
    QList<QPair<QString, QString>> options;

private:
    QString m_location;
};
