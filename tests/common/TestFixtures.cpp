#include "TestFixtures.h"

#include "storage/Database.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"
#include "webhooks/WebhookConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <sys/stat.h>

namespace TestFixtures {

namespace {

const QString AdminConnection = QStringLiteral("crochet-test-admin");

QHash<QString, QString>& testDatabases()
{
    static QHash<QString, QString> databases;
    return databases;
}

QSqlDatabase adminConnection()
{
    if (QSqlDatabase::contains(AdminConnection)) {
        return QSqlDatabase::database(AdminConnection);
    }
    const auto url = DatabaseUrl::parse(postgresServerUrl());
    if (!url) {
        qFatal("PostgreSQL tests: the test server's URL is malformed");
    }
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), AdminConnection);
    db.setHostName(url->host);
    db.setPort(url->port);
    db.setUserName(url->user);
    db.setPassword(url->password);
    db.setDatabaseName(url->database);
    db.setConnectOptions(url->connectOptions());
    if (!db.open()) {
        qFatal("PostgreSQL tests: cannot connect to the test server %s: %s", qPrintable(url->describe()),
               qPrintable(db.lastError().text()));
    }
    return db;
}

// The test databases go with the process (WITH (FORCE): a connection a test left open does not keep one).
void dropTestDatabases()
{
    if (testDatabases().isEmpty() || !QSqlDatabase::contains(AdminConnection)) {
        return;
    }
    {
        QSqlQuery drop(QSqlDatabase::database(AdminConnection));
        for (const auto& url : std::as_const(testDatabases())) {
            drop.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(DatabaseUrl::parse(url)->database));
        }
    }
    testDatabases().clear();
    QSqlDatabase::removeDatabase(AdminConnection);
}

} // namespace

bool onPostgres()
{
    return qEnvironmentVariable("CROCHET_TEST_ENGINE") == QLatin1String("postgresql");
}

QString postgresServerUrl()
{
    auto url = qEnvironmentVariable("CROCHET_TEST_DATABASE_URL");
    const auto file = qEnvironmentVariable("CROCHET_TEST_DATABASE_URL_FILE");
    if (url.isEmpty() && !file.isEmpty()) {
        url = QString::fromUtf8(readFile(file)).trimmed();
    }
    if (url.isEmpty()) {
        qFatal("PostgreSQL tests: no test server. Set CROCHET_TEST_DATABASE_URL, run the suite under "
               "scripts/with-postgres.sh, or let ctest start one (the postgres_start test, which needs PostgreSQL 15: "
               "scripts/bootstrap.sh installs it)%s",
               file.isEmpty() ? "" : qPrintable(QStringLiteral("; %1 is missing or empty").arg(file)));
    }
    return url;
}

bool refuseInserts(const QSqlDatabase& db, const QString& table, const QString& when)
{
    QSqlQuery query(db);
    if (db.driverName() == QLatin1String("QPSQL")) {
        return query.exec(QStringLiteral("CREATE FUNCTION refuse_%1() RETURNS trigger LANGUAGE plpgsql AS "
                                         "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$")
                              .arg(table))
            && query.exec(QStringLiteral("CREATE TRIGGER refuse_%1 BEFORE INSERT ON %1 FOR EACH ROW %2 "
                                         "EXECUTE FUNCTION refuse_%1()")
                              .arg(table, when.isEmpty() ? QString() : QStringLiteral("WHEN (%1)").arg(when)));
    }
    return query.exec(QStringLiteral("CREATE TRIGGER refuse_%1 BEFORE INSERT ON %1 %2 BEGIN SELECT RAISE(ABORT, "
                                     "'refused by the test'); END")
                          .arg(table, when.isEmpty() ? QString() : QStringLiteral("WHEN %1").arg(when)));
}

bool allowInserts(const QSqlDatabase& db, const QString& table)
{
    QSqlQuery query(db);
    if (db.driverName() == QLatin1String("QPSQL")) {
        return query.exec(QStringLiteral("DROP TRIGGER refuse_%1 ON %1").arg(table))
            && query.exec(QStringLiteral("DROP FUNCTION refuse_%1()").arg(table));
    }
    return query.exec(QStringLiteral("DROP TRIGGER refuse_%1").arg(table));
}

QString databaseLocation(const QString& path)
{
    if (!onPostgres()) {
        return path;
    }
    if (const auto known = testDatabases().constFind(path); known != testDatabases().cend()) {
        return *known;
    }
    const auto url = newPostgresDatabase();
    testDatabases().insert(path, url);
    return url;
}

QString newPostgresDatabase()
{
    const auto name = QStringLiteral("t_%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    QSqlQuery create(adminConnection());
    if (!create.exec(QStringLiteral("CREATE DATABASE %1").arg(name))) {
        qFatal("PostgreSQL tests: cannot create a test database: %s", qPrintable(create.lastError().text()));
    }
    if (testDatabases().isEmpty()) {
        qAddPostRoutine(dropTestDatabases);
    }
    const auto url = DatabaseUrl::parse(postgresServerUrl())->withDatabase(name);
    testDatabases().insert(QStringLiteral("\n") + name, url); // dropped with the others
    return url;
}

QByteArray pendingAccountsCsv(int count)
{
    QByteArray csv = "name,email,password,role\n";
    for (int i = 0; i < count; ++i) {
        const auto number = QByteArray::number(i);
        csv += "User " + number + ",user" + number + "@example.com,,pending\n";
    }
    return csv;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

bool changeMainEndpoint(Database* database, const std::function<void(Endpoint& endpoint)>& change)
{
    EndpointStore store(database);
    return store.update(store.main().id, [&change](Endpoint& endpoint) {
        change(endpoint);
        return true;
    });
}

bool setWebhookUrl(Database* database, const QString& url)
{
    return changeMainEndpoint(database, [&url](Endpoint& endpoint) { endpoint.url = url; });
}

bool setWebhookTimeout(Database* database, int seconds)
{
    return changeMainEndpoint(database, [seconds](Endpoint& endpoint) { endpoint.timeoutSeconds = seconds; });
}

bool setWebhookFormat(Database* database, const QString& formatKey)
{
    return changeMainEndpoint(database, [&formatKey](Endpoint& endpoint) {
        endpoint.format = PayloadFormat::fromKey(formatKey).value_or(PayloadFormat::Auto);
    });
}

bool setSigningSecret(Database* database, const QString& secret)
{
    return changeMainEndpoint(database, [&secret](Endpoint& endpoint) { endpoint.signingSecret = secret; });
}

bool setWebhookHeaders(Database* database, const QString& headersJson)
{
    return changeMainEndpoint(
        database, [&headersJson](Endpoint& endpoint) { endpoint.headers = WebhookConfig::parseHeaders(headersJson); });
}

QString webhookUrl(Database* database)
{
    return EndpointStore(database).main().url;
}

QList<qint64> endpointIds(Database* database)
{
    QList<qint64> ids;
    for (const auto& endpoint : EndpointStore(database).list()) {
        ids.append(endpoint.id);
    }
    return ids;
}

QString createNotifiedUser(Database* database, const QString& email)
{
    NewUser user;
    user.name = email.section(QLatin1Char('@'), 0, 0);
    user.email = email;
    user.role = Role::Pending;
    const auto created = UserStore(database).create(user, QByteArray());
    return created.notifications.isEmpty() ? QString() : created.notifications.constFirst().id;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

mode_t modeOf(const QString& path)
{
    struct stat status = {};
    return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? status.st_mode & 07777 : 0;
}

// A Crochet database with one account, every page in the main file (the WAL checkpointed when it closes).
bool makeDatabase(const QString& path)
{
    Database database(path);
    if (!database.open()) {
        return false;
    }
    NewUser user;
    user.name = QStringLiteral("Ada");
    user.email = QStringLiteral("ada@example.com");
    return UserStore(&database).create(user, QByteArray()).ok;
}

// Overwrites the b-tree page header of the users table: the file still opens, but its pages no longer make sense.
bool damageUsersTable(const QString& path)
{
    int rootPage = 0;
    int pageSize = 0;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = 'users'")) && query.next()) {
                rootPage = query.value(0).toInt();
            }
            if (query.exec(QStringLiteral("PRAGMA page_size")) && query.next()) {
                pageSize = query.value(0).toInt();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
    QFile file(path);
    if (rootPage < 2 || pageSize == 0 || !file.open(QIODevice::ReadWrite)) {
        return false;
    }
    file.seek(qint64(rootPage - 1) * pageSize);
    return file.write(QByteArray(8, '\xff')) == 8;
}

bool copyDataFile(const QString& name, const QString& path)
{
    const auto source = QDir(qEnvironmentVariable("CROCHET_TEST_DATA")).filePath(name);
    return QFile::copy(source, path) && QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace TestFixtures
