#include "Database.h"
#include "Outbox.h"
#include "TestFixtures.h"
#include "Translations.h"
#include "UserStore.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestOutbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void claimLeasesEachNotificationOnce();
    void expiredLeaseCanBeClaimedAgain();
    void recordStoresAttemptAndState();
    void retryAndRetryFailed();
    void findByPrefix();
    void resultsRenderInTheReadersLanguage();
    void detailsRenderInTheReadersLanguage();
    void schemaThreeAttemptsKeepTheirText();
    void purgeKeepsPending();

private:
    QString createUser(const QString& email);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestOutbox::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database = std::make_unique<Database>(m_dir->filePath(QStringLiteral("o.sqlite")));
    QVERIFY(m_database->open());
}

void TestOutbox::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

QString TestOutbox::createUser(const QString& email)
{
    return TestFixtures::createNotifiedUser(m_database.get(), email);
}

void TestOutbox::claimLeasesEachNotificationOnce()
{
    for (int i = 0; i < 5; ++i) {
        QVERIFY(!createUser(QStringLiteral("u%1@example.com").arg(i)).isEmpty());
    }
    Outbox outbox(m_database.get());
    const auto first = outbox.claim(QStringLiteral("a"), 3, 60000);
    const auto second = outbox.claim(QStringLiteral("b"), 10, 60000);
    QCOMPARE(first.size(), 3);
    QCOMPARE(second.size(), 2);
    QSet<QString> ids;
    for (const auto& item : first + second) {
        ids.insert(item.notification.id);
        QCOMPARE(item.notification.event, QStringLiteral("user.created"));
        QVERIFY(item.notification.user.has_value());
    }
    QCOMPARE(ids.size(), 5);
    QCOMPARE(outbox.claim(QStringLiteral("c"), 10, 60000).size(), 0);
}

void TestOutbox::expiredLeaseCanBeClaimedAgain()
{
    const auto id = createUser(QStringLiteral("ada@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("dead"), 10, -1).size(), 1); // a lease already expired
    const auto again = outbox.claim(QStringLiteral("alive"), 10, 60000);
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.first().notification.id, id);
}

void TestOutbox::recordStoresAttemptAndState()
{
    const auto id = createUser(QStringLiteral("ada@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000).size(), 1);
    Outbox::Outcome outcome;
    outcome.attempt.notificationId = id;
    outcome.attempt.number = 1;
    outcome.attempt.startedAt = QDateTime::currentDateTimeUtc();
    outcome.attempt.durationMs = 12;
    outcome.attempt.url = QStringLiteral("https://example.com/…abcd");
    outcome.attempt.requestHeaders = QStringLiteral("webhook-id: x");
    outcome.attempt.requestBody = QStringLiteral("{}");
    outcome.attempt.status = 500;
    outcome.attempt.outcome = QStringLiteral("server-error");
    outcome.attempt.diagnostic = QStringLiteral("HTTP 500");
    outcome.state = Outbox::State::Pending;
    outcome.nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(5);
    QVERIFY(outbox.record({ outcome }));

    const auto row = outbox.find(id);
    QVERIFY(row.has_value());
    QCOMPARE(row->state, QStringLiteral("pending"));
    QCOMPARE(row->attempts, 1);
    QCOMPARE(row->lastStatus, 500);
    QCOMPARE(row->lastResult, QStringLiteral("HTTP 500"));
    // Not due yet, and the lease was released.
    QCOMPARE(outbox.claim(QStringLiteral("b"), 10, 60000).size(), 0);
    QCOMPARE(outbox.claim(QStringLiteral("b"), 10, 60000, id).size(), 1);
    const auto attempts = outbox.attempts(id);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().status, 500);
    QCOMPARE(attempts.first().durationMs, 12);
    QCOMPARE(attempts.first().url, QStringLiteral("https://example.com/…abcd"));
}

void TestOutbox::retryAndRetryFailed()
{
    const auto a = createUser(QStringLiteral("a@example.com"));
    const auto b = createUser(QStringLiteral("b@example.com"));
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("UPDATE notifications SET state = 'failed', next_attempt_at = NULL")));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.count(Outbox::State::Failed), 2);
    QCOMPARE(outbox.retry(a), 1);
    QCOMPARE(outbox.count(Outbox::State::Pending), 1);
    QCOMPARE(outbox.retryFailed(), 1);
    QCOMPARE(outbox.count(Outbox::State::Pending), 2);
    QCOMPARE(outbox.count(Outbox::State::Failed), 0);
    QCOMPARE(outbox.retry(QStringLiteral("no-such-id")), 0);
    Q_UNUSED(b)
}

void TestOutbox::findByPrefix()
{
    const auto id = createUser(QStringLiteral("a@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.find(id.left(8))->id, id);
    QVERIFY(!outbox.find(QStringLiteral("%")).has_value());
    QVERIFY(!outbox.find(QString()).has_value());

    // Two ids share their empty prefix and (forced) their first characters: find refuses, idsStartingWith lists.
    const auto other = createUser(QStringLiteral("b@example.com"));
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("UPDATE notifications SET id = 'abc1' WHERE id = '%1'").arg(id)));
    QVERIFY(query.exec(QStringLiteral("UPDATE notifications SET id = 'abc2' WHERE id = '%1'").arg(other)));
    QVERIFY(!outbox.find(QStringLiteral("abc")).has_value());
    QCOMPARE(outbox.idsStartingWith(QStringLiteral("abc"), 5),
             (QStringList { QStringLiteral("abc1"), QStringLiteral("abc2") }));
    QCOMPARE(outbox.idsStartingWith(QStringLiteral("abc"), 1), QStringList { QStringLiteral("abc1") });
    QCOMPARE(outbox.idsStartingWith(QStringLiteral("abc2"), 5), QStringList { QStringLiteral("abc2") });
    QCOMPARE(outbox.idsStartingWith(QStringLiteral("ab%"), 5), QStringList());
    QCOMPARE(outbox.idsStartingWith(QString(), 5), QStringList());
}

void TestOutbox::resultsRenderInTheReadersLanguage()
{
    const auto id = createUser(QStringLiteral("ada@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000).size(), 1);
    Outbox::Outcome outcome;
    outcome.attempt.notificationId = id;
    outcome.attempt.number = 1;
    outcome.attempt.startedAt = QDateTime::currentDateTimeUtc();
    outcome.attempt.url = QStringLiteral("https://example.com/…abcd");
    outcome.attempt.requestHeaders = QStringLiteral("webhook-id: x");
    outcome.attempt.requestBody = QStringLiteral("{}");
    // Recorded by a process running in English...
    QCOMPARE(Translations::install(QStringLiteral("en")), QStringLiteral("en"));
    outcome.attempt.setResult(DeliveryResult::fromHttpStatus(404));
    outcome.state = Outbox::State::Failed;
    QVERIFY(outbox.record({ outcome }));
    QCOMPARE(outbox.attempts(id).value(0).outcome, QStringLiteral("not-found"));
    QCOMPARE(outbox.attempts(id).value(0).status, 404);

    // ...shown by one running in French: the attempt and the notification's last result.
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto attemptText = outbox.attempts(id).value(0).summary();
    const auto lastText = outbox.find(id)->lastResultText();
    Translations::install(QStringLiteral("en"));
    const auto french = QStringLiteral("HTTP 404\u00a0: ce webhook n’existe pas ou plus. Vérifiez l’URL ou créez un "
                                       "nouveau webhook.");
    QCOMPARE(attemptText, french);
    QCOMPARE(lastText, french);
    QCOMPARE(outbox.attempts(id).value(0).summary(), DeliveryResult::fromHttpStatus(404).summary());
    QCOMPARE(outbox.list(std::nullopt, 10).value(0).lastResultText(), DeliveryResult::fromHttpStatus(404).summary());
}

void TestOutbox::detailsRenderInTheReadersLanguage()
{
    const auto id = createUser(QStringLiteral("ada@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000).size(), 1);
    Outbox::Outcome outcome;
    outcome.attempt.notificationId = id;
    outcome.attempt.number = 1;
    outcome.attempt.startedAt = QDateTime::currentDateTimeUtc();
    outcome.attempt.url = QStringLiteral("https://hooks.example.com/…abcd");
    outcome.attempt.requestHeaders = QStringLiteral("webhook-id: x");
    outcome.attempt.requestBody = QStringLiteral("{}");
    // Blocked by the policy, in a process running in English...
    QCOMPARE(Translations::install(QStringLiteral("en")), QStringLiteral("en"));
    NetworkOptions options;
    options.hostPolicy = NetworkOptions::HostPolicy::PublicOnly;
    DeliveryResult blocked;
    blocked.outcome = DeliveryResult::Outcome::Blocked;
    blocked.host = QStringLiteral("hooks.example.com");
    blocked.refusal = options.refusal(blocked.host, { QHostAddress(QStringLiteral("192.168.1.20")) });
    outcome.attempt.setResult(blocked);
    outcome.state = Outbox::State::Failed;
    QVERIFY(outbox.record({ outcome }));

    // ...shown by one running in French, reason included.
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto attemptText = outbox.attempts(id).value(0).summary();
    const auto lastText = outbox.find(id)->lastResultText();
    Translations::install(QStringLiteral("en"));
    const auto french = QStringLiteral(
        "Envoi bloqué par la règle des hôtes autorisés\u00a0: adresses publiques uniquement, et hooks.example.com est "
        "résolu en 192.168.1.20, une adresse privée, de bouclage ou réservée. Si cet hôte est de confiance, modifiez "
        "la règle dans Réglages → Réseau.");
    QCOMPARE(attemptText, french);
    QCOMPARE(lastText, french);
    QCOMPARE(outbox.attempts(id).value(0).summary(), blocked.summary());
}

void TestOutbox::schemaThreeAttemptsKeepTheirText()
{
    // A database as version 3 left it: an attempt with its diagnostic as text and no stored result.
    const auto id = createUser(QStringLiteral("ada@example.com"));
    const auto path = m_database->path();
    {
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE attempts DROP COLUMN result")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE notifications DROP COLUMN last_result_code")));
        QVERIFY(query.exec(
            QStringLiteral("INSERT INTO attempts (notification_id, number, started_at, duration_ms, url, "
                           "request_headers, request_body, status, outcome, diagnostic) VALUES ('%1', 1, 0, 5, "
                           "'https://example.com/…abcd', '', '{}', 500, 'server-error', "
                           "'HTTP 500 : le service est en panne de son côté.')")
                .arg(id)));
        QVERIFY(query.exec(QStringLiteral("UPDATE notifications SET attempts = 1, last_status = 500, last_result = "
                                          "'HTTP 500 : le service est en panne de son côté.' WHERE id = '%1'")
                               .arg(id)));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 3")));
    }
    m_database.reset();

    m_database = std::make_unique<Database>(path);
    QString error;
    QVERIFY2(m_database->open(&error), qPrintable(error));
    QCOMPARE(m_database->schemaVersion(), Database::CurrentSchemaVersion);
    const Outbox outbox(m_database.get());
    const auto legacy = QStringLiteral("HTTP 500 : le service est en panne de son côté.");
    QCOMPARE(outbox.attempts(id).value(0).summary(), legacy);
    QCOMPARE(outbox.find(id)->lastResultText(), legacy);
}

void TestOutbox::purgeKeepsPending()
{
    createUser(QStringLiteral("a@example.com"));
    const auto old = createUser(QStringLiteral("b@example.com"));
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE notifications SET state = 'delivered', updated_at = 0 WHERE id = ?"));
    query.addBindValue(old);
    QVERIFY(query.exec());
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.purge(30), 1);
    QCOMPARE(outbox.count(std::nullopt), 1);
    QCOMPARE(outbox.count(Outbox::State::Pending), 1);
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "TestOutbox.moc"
