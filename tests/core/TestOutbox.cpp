#include "Database.h"
#include "Outbox.h"
#include "TestFixtures.h"
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
