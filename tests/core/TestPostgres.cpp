#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/DatabaseUrl.h"
#include "storage/SqlDialect.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

// PostgreSQL URLs, and what only PostgreSQL does: connection errors, the schema_meta table, one migration at a time,
// claims that pass over locked rows. The URL cases run everywhere; the others only in TestPostgres_pg, against the
// test server.
class TestPostgres : public QObject
{
    Q_OBJECT

private slots:
    void parsesUrls();
    void refusesMalformedUrls_data();
    void refusesMalformedUrls();
    void locationFollowsDatabaseUrl();
    void opensAndMigrates();
    void connectionErrorsAreExplainedWithoutThePassword();
    void refusesAnotherProgramsDatabase();
    void twoProcessesMigrateOnce();
    void claimPassesOverLockedRows();
    void notifyWakesAWorkerElsewhere();
    void schemaTenAttemptsAreKept();
};

// QSKIP returns from the function it is in: a macro, so that it is the test's.
#define REQUIRE_POSTGRES()                                                                                             \
    do {                                                                                                               \
        if (!TestFixtures::onPostgres()) {                                                                             \
            QSKIP("PostgreSQL only: runs in TestPostgres_pg, against the test server");                                \
        }                                                                                                              \
    } while (false)

void TestPostgres::parsesUrls()
{
    QVERIFY(DatabaseUrl::isUrl(QStringLiteral("postgresql://db.example/crochet")));
    QVERIFY(!DatabaseUrl::isUrl(QStringLiteral("/home/ann/crochet.sqlite")));
    QVERIFY(!DatabaseUrl::isUrl(QStringLiteral("relative/crochet:v2.sqlite")));

    const auto url = DatabaseUrl::parse(
        QStringLiteral("postgresql://ann%40team:p%3Ass%2Fw@db.example:6543/crochet?sslmode=require&connect_timeout=5"));
    QVERIFY(url);
    QCOMPARE(url->host, QStringLiteral("db.example"));
    QCOMPARE(url->port, 6543);
    QCOMPARE(url->user, QStringLiteral("ann@team"));
    QCOMPARE(url->password, QStringLiteral("p:ss/w"));
    QCOMPARE(url->database, QStringLiteral("crochet"));
    QCOMPARE(url->connectOptions(), QStringLiteral("sslmode='require';connect_timeout='5'"));
    QCOMPARE(url->describe(), QStringLiteral("db.example:6543/crochet"));

    const auto shortForm = DatabaseUrl::parse(QStringLiteral("postgres://ann@db.example/crochet"));
    QVERIFY(shortForm);
    QCOMPARE(shortForm->port, DatabaseUrl::DefaultPort);
    QCOMPARE(shortForm->password, QString());

    const auto socket = DatabaseUrl::parse(QStringLiteral("postgresql:///crochet?host=/var/run/postgresql"));
    QVERIFY(socket);
    QCOMPARE(socket->host, QStringLiteral("/var/run/postgresql"));
    QCOMPARE(socket->connectOptions(), QString());

    Database database(QStringLiteral("postgresql://ann:secret@db.example/crochet"));
    QCOMPARE(database.engine(), SqlDialect::Engine::Postgres);
    QVERIFY(database.isShared());
    QCOMPARE(database.describe(), QStringLiteral("db.example:5432/crochet"));
    Database file(QStringLiteral("/tmp/crochet.sqlite"));
    QCOMPARE(file.engine(), SqlDialect::Engine::Sqlite);
    QCOMPARE(file.describe(), QStringLiteral("/tmp/crochet.sqlite"));
}

void TestPostgres::refusesMalformedUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason");
    QTest::newRow("scheme") << QStringLiteral("mysql://ann:secret@db.example/crochet")
                            << QStringLiteral("Unsupported database URL scheme \"mysql\"");
    QTest::newRow("parameter") << QStringLiteral("postgresql://ann:secret@db.example/crochet?ssl=true")
                               << QStringLiteral("Unknown parameter \"ssl\"");
    QTest::newRow("sslmode") << QStringLiteral("postgresql://ann:secret@db.example/crochet?sslmode=always")
                             << QStringLiteral("sslmode=always");
    QTest::newRow("path") << QStringLiteral("postgresql://ann:secret@db.example/crochet/more")
                          << QStringLiteral("cannot contain \"/\"");
    QTest::newRow("port") << QStringLiteral("postgresql://ann:secret@db.example:port/crochet")
                          << QStringLiteral("malformed");
}

void TestPostgres::refusesMalformedUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!DatabaseUrl::parse(url, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(!error.contains(QLatin1String("secret")));
    Database database(url);
    QString openError;
    QVERIFY(!database.open(&openError));
    QCOMPARE(openError, error);
}

void TestPostgres::locationFollowsDatabaseUrl()
{
    qputenv("DATABASE_URL", "postgresql://ann@db.example/crochet");
    QCOMPARE(Database::location(QString()), QStringLiteral("postgresql://ann@db.example/crochet"));
    QCOMPARE(Database::location(QStringLiteral("/tmp/x.sqlite")), QStringLiteral("/tmp/x.sqlite"));
    qunsetenv("DATABASE_URL");
    QCOMPARE(Database::location(QString()), Database::defaultPath());
}

void TestPostgres::opensAndMigrates()
{
    REQUIRE_POSTGRES();
    QTemporaryDir dir;
    const auto location = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("p.sqlite")));
    Database database(location);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    QCOMPARE(database.schemaVersion(), Database::CurrentSchemaVersion);
    const auto url = DatabaseUrl::parse(location);
    QVERIFY(!url->password.isEmpty());
    QVERIFY(!database.describe().contains(url->password));
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT application_id FROM schema_meta")) && query.next());
    QCOMPARE(query.value(0).toLongLong(), qint64(Database::ApplicationId));
    // Times are milliseconds: 64-bit columns.
    QVERIFY(query.exec(QStringLiteral("SELECT data_type FROM information_schema.columns WHERE table_name = "
                                      "'notifications' AND column_name = 'next_attempt_at'"))
            && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("bigint"));
    query.finish();
    // Opening again changes nothing.
    Database again(location);
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.schemaVersion(), Database::CurrentSchemaVersion);
}

void TestPostgres::connectionErrorsAreExplainedWithoutThePassword()
{
    REQUIRE_POSTGRES();
    QTemporaryDir dir;
    const auto location = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("p.sqlite")));
    auto url = QUrl(location);
    const auto password = url.password();

    url.setPassword(QStringLiteral("wrong-password-42"));
    QString error;
    QVERIFY(!Database(url.toString()).open(&error));
    QVERIFY2(error.contains(QLatin1String("refused the user name or password")), qPrintable(error));
    QVERIFY(!error.contains(QLatin1String("wrong-password-42")));

    url.setPassword(password);
    url.setPath(QStringLiteral("/no_such_database"));
    QVERIFY(!Database(url.toString()).open(&error));
    QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
    QVERIFY(!error.contains(password));

    url.setPath(QUrl(location).path());
    url.setPort(1); // nothing listens on port 1
    QVERIFY(!Database(url.toString()).open(&error));
    QVERIFY2(error.startsWith(QLatin1String("Cannot reach the PostgreSQL server of 127.0.0.1:1/")), qPrintable(error));
    QVERIFY(!error.contains(password));
}

void TestPostgres::refusesAnotherProgramsDatabase()
{
    REQUIRE_POSTGRES();
    QTemporaryDir dir;
    const auto location = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("p.sqlite")));
    {
        Database raw(location);
        QSqlQuery query(raw.connection());
        QVERIFY2(query.exec(QStringLiteral("CREATE TABLE invoices (id BIGINT)")), qPrintable(query.lastError().text()));
    }
    Database database(location);
    QString error;
    QVERIFY(!database.open(&error));
    QVERIFY2(error.contains(QLatin1String("is not a Crochet database")), qPrintable(error));
}

void TestPostgres::twoProcessesMigrateOnce()
{
    REQUIRE_POSTGRES();
    QTemporaryDir dir;
    const auto location = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("p.sqlite")));
    // Each Database has its own connections and write mutex: only the server keeps them apart, as for two processes.
    constexpr int Openers = 4;
    QList<QFuture<QString>> openings;
    for (int i = 0; i < Openers; ++i) {
        openings << QtConcurrent::run([location] {
            Database database(location);
            QString error;
            return database.open(&error) ? QString() : error;
        });
    }
    for (auto& opening : openings) {
        QCOMPARE(opening.result(), QString());
    }
    Database database(location);
    QVERIFY(database.open());
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM endpoints WHERE main = 1")) && query.next());
    QCOMPARE(query.value(0).toInt(), 1); // the main endpoint made once
}

void TestPostgres::claimPassesOverLockedRows()
{
    REQUIRE_POSTGRES();
    QTemporaryDir dir;
    const auto location = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("p.sqlite")));
    Database database(location);
    QVERIFY(database.open());
    QVERIFY(TestFixtures::setWebhookUrl(&database, QStringLiteral("http://127.0.0.1:9/hook")));
    const auto locked = TestFixtures::createNotifiedUser(&database, QStringLiteral("a@example.com"));
    const auto free = TestFixtures::createNotifiedUser(&database, QStringLiteral("b@example.com"));
    QVERIFY(!locked.isEmpty() && !free.isEmpty());

    // Another worker's claim in progress holds the first row.
    Database other(location);
    QVERIFY(other.open());
    auto holder = other.connection();
    QSqlQuery hold(holder);
    QVERIFY(hold.exec(QStringLiteral("BEGIN")));
    QVERIFY(hold.exec(QStringLiteral("SELECT id FROM notifications WHERE id = '%1' FOR UPDATE").arg(locked)));

    // This claim neither waits for it nor takes it.
    Outbox outbox(&database);
    const auto claimed = outbox.claim(QStringLiteral("w"), 10, 60000, TestFixtures::endpointIds(&database));
    QCOMPARE(claimed.size(), 1);
    QCOMPARE(claimed.first().notification.id, free);
    QVERIFY(hold.exec(QStringLiteral("ROLLBACK")));
    const auto rest = outbox.claim(QStringLiteral("w"), 10, 60000, TestFixtures::endpointIds(&database));
    QCOMPARE(rest.size(), 1);
    QCOMPARE(rest.first().notification.id, locked);
}

void TestPostgres::notifyWakesAWorkerElsewhere()
{
    REQUIRE_POSTGRES();
    QTemporaryDir dir;
    const auto location = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("p.sqlite")));
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    // The service's desktop: a worker that otherwise polls once a second.
    Database service(location);
    QVERIFY(service.open());
    QVERIFY(TestFixtures::setWebhookUrl(&service, receiver.url().toString()));
    DeliveryService deliveries(&service);
    deliveries.start();
    // Another desktop creates accounts: each commit's NOTIFY wakes the worker at once.
    Database desktop(location);
    QVERIFY(desktop.open());
    QElapsedTimer clock;
    qint64 arrivedAt = 0;
    connect(&receiver, &TestReceiver::requestReceived, this, [&] { arrivedAt = clock.elapsed(); });
    QList<qint64> latencies;
    constexpr int Accounts = 7;
    for (int i = 0; i < Accounts; ++i) {
        QTest::qWait(100 + 97 * i % 400); // not in step with the poll
        clock.start();
        QVERIFY(!TestFixtures::createNotifiedUser(&desktop, QStringLiteral("u%1@example.com").arg(i)).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(receiver.count(), i + 1, 5000);
        latencies.append(arrivedAt);
    }
    std::sort(latencies.begin(), latencies.end());
    qInfo("commit to POST on another connection: median %lld ms, max %lld ms (the poll would give up to 1000 ms)",
          latencies.at(Accounts / 2), latencies.last());
    QVERIFY2(latencies.last() < 200, qPrintable(QStringLiteral("slowest: %1 ms").arg(latencies.last())));
    deliveries.stop();
}

namespace {

Outbox::Outcome failedAttempt(const QString& id, int number)
{
    Outbox::Outcome outcome;
    auto& a = outcome.attempt;
    a.notificationId = id;
    a.number = number;
    a.startedAt = QDateTime::currentDateTimeUtc();
    a.durationMs = 7;
    a.url = QStringLiteral("http://127.0.0.1:9/…hook");
    a.requestHeaders = QStringLiteral("Content-Type: application/json");
    a.requestBody = QStringLiteral("{}");
    a.setResult(DeliveryResult::fromHttpStatus(500));
    a.responseBody = QStringLiteral("down for maintenance");
    outcome.state = Outbox::State::Pending;
    outcome.nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(60);
    return outcome;
}

} // namespace

// A PostgreSQL store written at schema 10 (issue 10 shipped them): its attempts refer to their notification's id. The
// upgrade to 11 keeps every attempt and its order, and the next attempt gets a new row after them.
void TestPostgres::schemaTenAttemptsAreKept()
{
    REQUIRE_POSTGRES();
    QTemporaryDir dir;
    const auto location = TestFixtures::databaseLocation(dir.filePath(QStringLiteral("p.sqlite")));
    QString id;
    {
        Database database(location);
        QVERIFY(database.open());
        QVERIFY(TestFixtures::setWebhookUrl(&database, QStringLiteral("http://127.0.0.1:9/hook")));
        id = TestFixtures::createNotifiedUser(&database, QStringLiteral("a@example.com"));
        Outbox outbox(&database);
        QCOMPARE(outbox.claim(QStringLiteral("w"), 10, 60000, TestFixtures::endpointIds(&database)).size(), 1);
        QVERIFY(outbox.record({ failedAttempt(id, 1) }));
        // Back to schema 10's attempts table, with that row in it.
        QSqlQuery query(database.connection());
        const auto oldTable = SqlDialect::schema(
            SqlDialect::Engine::Postgres,
            QStringLiteral(
                "CREATE TABLE attempts_by_id (id INTEGER PRIMARY KEY AUTOINCREMENT, notification_id TEXT NOT "
                "NULL REFERENCES notifications (id) ON DELETE CASCADE, number INTEGER NOT NULL, started_at "
                "INTEGER NOT NULL, duration_ms INTEGER NOT NULL, url TEXT NOT NULL, request_headers TEXT "
                "NOT NULL, request_body TEXT NOT NULL, status INTEGER, outcome TEXT NOT NULL, "
                "response_headers TEXT, response_body TEXT, diagnostic TEXT NOT NULL, result TEXT, "
                "body_stored INTEGER)"));
        for (const auto& statement :
             { oldTable,
               QStringLiteral("INSERT INTO attempts_by_id (notification_id, number, started_at, duration_ms, url, "
                              "request_headers, request_body, status, outcome, response_headers, response_body, "
                              "diagnostic, result, body_stored) SELECT n.id, a.number, a.started_at, a.duration_ms, "
                              "a.url, a.request_headers, a.request_body, a.status, a.outcome, a.response_headers, "
                              "a.response_body, a.diagnostic, a.result, a.body_stored FROM attempts a JOIN "
                              "notifications n ON n.rowid = a.notification"),
               QStringLiteral("DROP TABLE attempts"), QStringLiteral("ALTER TABLE attempts_by_id RENAME TO attempts"),
               QStringLiteral("CREATE INDEX attempts_notification ON attempts (notification_id)"),
               QStringLiteral("UPDATE schema_meta SET version = 10") }) {
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        }
    }

    Database upgraded(location);
    QString error;
    QVERIFY2(upgraded.open(&error), qPrintable(error));
    QCOMPARE(upgraded.schemaVersion(), Database::CurrentSchemaVersion);
    Outbox outbox(&upgraded);
    auto attempts = outbox.attempts(id);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.constFirst().status, 500);
    QCOMPARE(attempts.constFirst().responseBody, QStringLiteral("down for maintenance"));
    QCOMPARE(attempts.constFirst().summary(), DeliveryResult::fromHttpStatus(500).summary());
    // The next attempt, recorded after the upgrade, comes after it.
    QSqlQuery lease(upgraded.connection());
    QVERIFY(lease.exec(QStringLiteral("UPDATE notifications SET next_attempt_at = 0")));
    QCOMPARE(outbox.claim(QStringLiteral("w"), 10, 60000, TestFixtures::endpointIds(&upgraded)).size(), 1);
    QVERIFY(outbox.record({ failedAttempt(id, 2) }));
    attempts = outbox.attempts(id);
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(attempts.at(0).number, 1);
    QCOMPARE(attempts.at(1).number, 2);
}

QTEST_GUILESS_MAIN(TestPostgres)
#include "TestPostgres.moc"
