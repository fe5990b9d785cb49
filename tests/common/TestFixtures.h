#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <sys/types.h>

class Database;
class QSqlDatabase;
struct Endpoint;

// A test that only makes sense on an SQLite file (file modes, old files, quick_check, WAL) skips itself when the suite
// runs against PostgreSQL, saying why.
#define CROCHET_SQLITE_ONLY(reason)                                                                                    \
    do {                                                                                                               \
        if (TestFixtures::onPostgres()) {                                                                              \
            QSKIP("SQLite only: " reason);                                                                             \
        }                                                                                                              \
    } while (false)

// Data the tests and benchmarks build the same way.
namespace TestFixtures {

// Whether this run of the suite is against PostgreSQL (CROCHET_TEST_ENGINE=postgresql, set by ctest for the tests
// labelled pg).
bool onPostgres();
// The database a test opens: path itself on SQLite; on PostgreSQL, the URL of a new, empty database on the test server
// (CROCHET_TEST_DATABASE_URL, or the URL in the file CROCHET_TEST_DATABASE_URL_FILE), the same one for the same path
// within the process. Without a reachable server, the test process stops with the reason: a PostgreSQL run never
// passes without PostgreSQL.
QString databaseLocation(const QString& path);
// Makes every INSERT into table (where the SQL condition when holds on NEW, if given) fail, on either engine: how the
// tests check that a write is all or nothing.
bool refuseInserts(const QSqlDatabase& db, const QString& table, const QString& when = {});
bool allowInserts(const QSqlDatabase& db, const QString& table);
// A new, empty database on the PostgreSQL test server (whatever CROCHET_TEST_ENGINE says): its URL.
QString newPostgresDatabase();
// The test server's URL (for tests that make their own databases or roles); aborts like databaseLocation().
QString postgresServerUrl();

// A CSV of count pending accounts without passwords ("User <i>", "user<i>@example.com"), with its header row.
QByteArray pendingAccountsCsv(int count);
bool writeFile(const QString& path, const QByteArray& content);

// Changes the main endpoint (what Settings → General and "crochet-cli webhook" edit); false when it was refused.
bool changeMainEndpoint(Database* database, const std::function<void(Endpoint& endpoint)>& change);
bool setWebhookUrl(Database* database, const QString& url);
bool setWebhookTimeout(Database* database, int seconds);
bool setWebhookFormat(Database* database, const QString& formatKey);
bool setSigningSecret(Database* database, const QString& secret);
bool setWebhookHeaders(Database* database, const QString& headersJson);
QString webhookUrl(Database* database);
// Every endpoint's id, for Outbox::claim.
QList<qint64> endpointIds(Database* database);

// A pending account created with its user.created notification; returns the notification's id.
QString createNotifiedUser(Database* database, const QString& email);

// A file's whole content (empty when it cannot be read) and its permission bits.
QByteArray readFile(const QString& path);
mode_t modeOf(const QString& path);

// Copies tests/data/<name> (a database written by an earlier version) to path, readable and writable by its owner only.
bool copyDataFile(const QString& name, const QString& path);

// A Crochet database with one account, every page in the main file (the WAL checkpointed when it closes).
bool makeDatabase(const QString& path);
// Overwrites the b-tree page header of the users table: the file still opens, but its pages no longer make sense.
bool damageUsersTable(const QString& path);

} // namespace TestFixtures
