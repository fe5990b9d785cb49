#include "TestFixtures.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "text/Translations.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"
#include "webhooks/MessageTemplate.h"
#include "webhooks/PayloadBuilder.h"
#include "webhooks/WebhookConfig.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
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
    void lastResultIsTheNewestAttemptedPerEndpoint();
    void findByPrefix();
    void resultsRenderInTheReadersLanguage();
    void detailsRenderInTheReadersLanguage();
    void schemaThreeAttemptsKeepTheirText();
    void purgeKeepsPending();
    void purgeTakesTheAttemptsAlong();
    void bodyIsRenderedWhenWritten();
    void payloadKeepsWhatTheBodyCannotGiveBack();
    void upgradeDropsWhatRowsCanRebuild();
    void claimLeasesABatchInOneStatement();
    void flushedBacklogIsClaimedInWrittenOrder();
    void deliveredAttemptIsCompact();
    void failedAttemptKeepsFullDetail();
    void schemaFiveHistoryStaysReadable();
    void schemaEightChatEndpointsGetDigests();
    void schemaThreeFixtureMigratesToSix();
    void schemaFiveFixtureMigratesToSix();

private:
    QString createUser(const QString& email);
    // The webhook set, so that notifications are written with their body; returns the stored body of a new one.
    QString createRenderedUser(const QString& email, QString* body = nullptr);
    Outbox::Outcome delivered(const QString& id, const QString& body);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

namespace {

// The first attempt at notification id, sent to url (already masked), as the worker describes it.
Outbox::Outcome firstAttempt(const QString& id, const QString& url)
{
    Outbox::Outcome outcome;
    outcome.attempt.notificationId = id;
    outcome.attempt.number = 1;
    outcome.attempt.startedAt = QDateTime::currentDateTimeUtc();
    outcome.attempt.url = url;
    outcome.attempt.requestHeaders = QStringLiteral("webhook-id: x");
    outcome.attempt.requestBody = QStringLiteral("{}");
    return outcome;
}

} // namespace

void TestOutbox::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("o.sqlite"))));
    QVERIFY(m_database->open());
    // Accounts are notified to the main endpoint (nothing listens there: nothing is sent in these tests).
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("http://127.0.0.1:9/hook")));
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
    const auto first = outbox.claim(QStringLiteral("a"), 3, 60000, TestFixtures::endpointIds(m_database.get()));
    const auto second = outbox.claim(QStringLiteral("b"), 10, 60000, TestFixtures::endpointIds(m_database.get()));
    QCOMPARE(first.size(), 3);
    QCOMPARE(second.size(), 2);
    QSet<QString> ids;
    for (const auto& item : first + second) {
        ids.insert(item.notification.id);
        QCOMPARE(item.notification.event, Event::UserCreated);
        QVERIFY(outbox.notification(item.notification.id)->user.has_value());
    }
    QCOMPARE(ids.size(), 5);
    QCOMPARE(outbox.claim(QStringLiteral("c"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 0);
}

void TestOutbox::expiredLeaseCanBeClaimedAgain()
{
    const auto id = createUser(QStringLiteral("ada@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("dead"), 10, -1, TestFixtures::endpointIds(m_database.get())).size(),
             1); // a lease already expired
    const auto again = outbox.claim(QStringLiteral("alive"), 10, 60000, TestFixtures::endpointIds(m_database.get()));
    QCOMPARE(again.size(), 1);
    QCOMPARE(again.first().notification.id, id);
}

void TestOutbox::recordStoresAttemptAndState()
{
    const auto id = createUser(QStringLiteral("ada@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 1);
    auto outcome = firstAttempt(id, QStringLiteral("https://example.com/…abcd"));
    outcome.attempt.durationMs = 12;
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
    QCOMPARE(outbox.claim(QStringLiteral("b"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 0);
    QCOMPARE(outbox.claim(QStringLiteral("b"), 10, 60000, TestFixtures::endpointIds(m_database.get()), id).size(), 1);
    const auto attempts = outbox.attempts(id);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().status, 500);
    QCOMPARE(attempts.first().durationMs, 12);
    QCOMPARE(attempts.first().url, QStringLiteral("https://example.com/…abcd"));
}

// The Webhooks page's "last result": per endpoint, the newest notification that was attempted, whatever its state.
void TestOutbox::lastResultIsTheNewestAttemptedPerEndpoint()
{
    Endpoint other;
    other.name = QStringLiteral("Other");
    other.url = QStringLiteral("http://127.0.0.1:9/other");
    QVERIFY(EndpointStore(m_database.get()).add(other));
    const auto mainId = EndpointStore(m_database.get()).main().id;
    const auto first = createUser(QStringLiteral("a@example.com"));
    const auto second = createUser(QStringLiteral("b@example.com"));
    const auto third = createUser(QStringLiteral("c@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.pendingByEndpoint().value(mainId), 3);
    QCOMPARE(outbox.pendingByEndpoint().value(other.id), 3);
    QVERIFY(outbox.lastResultByEndpoint({ mainId, other.id }).isEmpty());

    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000, { mainId }).size(), 3);
    auto delivered = firstAttempt(first, QStringLiteral("http://127.0.0.1:9/…hook"));
    delivered.attempt.status = 204;
    delivered.attempt.outcome = QStringLiteral("delivered");
    delivered.state = Outbox::State::Delivered;
    auto failed = firstAttempt(second, QStringLiteral("http://127.0.0.1:9/…hook"));
    failed.attempt.status = 500;
    failed.attempt.outcome = QStringLiteral("server-error");
    failed.state = Outbox::State::Pending;
    failed.nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(60);
    QVERIFY(outbox.record({ delivered, failed }));
    outbox.release(QStringLiteral("a"));

    const auto last = outbox.lastResultByEndpoint({ mainId, other.id });
    // The third was never attempted, and Other has no attempt at all.
    QCOMPARE(last.size(), 1);
    QCOMPARE(last.value(mainId).id, second);
    QCOMPARE(last.value(mainId).lastStatus, 500);
    QCOMPARE(last.value(mainId).state, QStringLiteral("pending"));
    QCOMPARE(last.value(mainId).endpointId, mainId);
    QCOMPARE(outbox.pendingByEndpoint().value(mainId), 2);

    QCOMPARE(outbox.claim(QStringLiteral("b"), 10, 60000, { mainId }, third).size(), 1);
    auto later = firstAttempt(third, QStringLiteral("http://127.0.0.1:9/…hook"));
    later.attempt.status = 204;
    later.attempt.outcome = QStringLiteral("delivered");
    later.state = Outbox::State::Delivered;
    QVERIFY(outbox.record({ later }));
    QCOMPARE(outbox.lastResultByEndpoint({ mainId }).value(mainId).id, third);
    QCOMPARE(outbox.lastResultByEndpoint({ mainId }).value(mainId).state, QStringLiteral("delivered"));
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
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 1);
    auto outcome = firstAttempt(id, QStringLiteral("https://example.com/…abcd"));
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
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 1);
    auto outcome = firstAttempt(id, QStringLiteral("https://hooks.example.com/…abcd"));
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

namespace {

// Undoes the workers table (schema 8: the delivery workers' heartbeats) on a current database.
void undoWorkers(QSqlQuery& query)
{
    QVERIFY(query.exec(QStringLiteral("DROP TABLE workers")));
}

// Undoes schema 11 on a current database: attempts refer to their notification's id again, as schema 10 wrote them.
void undoAttemptsByRow(QSqlQuery& query)
{
    for (const auto* statement :
         { "CREATE TABLE attempts_by_id (id INTEGER PRIMARY KEY AUTOINCREMENT, notification_id TEXT NOT NULL "
           "REFERENCES notifications (id) ON DELETE CASCADE, number INTEGER NOT NULL, started_at INTEGER NOT NULL, "
           "duration_ms INTEGER NOT NULL, url TEXT NOT NULL, request_headers TEXT NOT NULL, request_body TEXT NOT "
           "NULL, status INTEGER, outcome TEXT NOT NULL, response_headers TEXT, response_body TEXT, diagnostic TEXT "
           "NOT NULL, result TEXT, body_stored INTEGER)",
           "INSERT INTO attempts_by_id (notification_id, number, started_at, duration_ms, url, request_headers, "
           "request_body, status, outcome, response_headers, response_body, diagnostic, result, body_stored) "
           "SELECT n.id, a.number, a.started_at, a.duration_ms, a.url, a.request_headers, a.request_body, a.status, "
           "a.outcome, a.response_headers, a.response_body, a.diagnostic, a.result, a.body_stored FROM attempts a "
           "JOIN notifications n ON n.rowid = a.notification ORDER BY a.id",
           "DROP TABLE attempts", "ALTER TABLE attempts_by_id RENAME TO attempts",
           "CREATE INDEX attempts_notification ON attempts (notification_id)" }) {
        QVERIFY2(query.exec(QString::fromLatin1(statement)), statement);
    }
}

// Undoes schemas 11, 10 (no table changed) and 9 (digests) on a current database.
void undoDigests(QSqlQuery& query)
{
    undoAttemptsByRow(query);
    for (const auto* statement :
         { "DROP TABLE digest_members", "DROP TABLE digests", "ALTER TABLE notifications DROP COLUMN solo" }) {
        QVERIFY2(query.exec(QString::fromLatin1(statement)), statement);
    }
}

// Undoes schemas 9, 8 and 7 on a current database: the webhook goes back to the settings, the endpoints and the new
// columns go.
void undoSchemaSeven(QSqlQuery& query)
{
    undoDigests(query);
    undoWorkers(query);
    QVERIFY(query.exec(QStringLiteral("INSERT INTO settings (key, value) SELECT 'webhook/url', url FROM endpoints "
                                      "WHERE main = 1")));
    for (const auto* statement :
         { "DROP TABLE endpoints", "ALTER TABLE notifications DROP COLUMN endpoint_id", "DROP INDEX users_name",
           "DROP INDEX users_role", "DROP INDEX users_state", "ALTER TABLE users DROP COLUMN disabled_at",
           "ALTER TABLE users DROP COLUMN updated_at", "ALTER TABLE users DROP COLUMN search_key" }) {
        QVERIFY2(query.exec(QString::fromLatin1(statement)), statement);
    }
}

} // namespace

void TestOutbox::schemaThreeAttemptsKeepTheirText()
{
    CROCHET_SQLITE_ONLY("rewinds PRAGMA user_version to replay an older schema's rows");
    // A database as version 3 left it: an attempt with its diagnostic as text and no stored result.
    const auto id = createUser(QStringLiteral("ada@example.com"));
    const auto path = m_database->path();
    {
        QSqlQuery query(m_database->connection());
        undoSchemaSeven(query);
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE attempts DROP COLUMN result")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE notifications DROP COLUMN last_result_code")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE notifications DROP COLUMN body")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE notifications DROP COLUMN shape")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE attempts DROP COLUMN body_stored")));
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

// Attempts refer to their notification's row number (schema 11), which cannot cascade: purge removes them itself, and
// only theirs.
void TestOutbox::purgeTakesTheAttemptsAlong()
{
    QString oldBody;
    QString keptBody;
    const auto old = createRenderedUser(QStringLiteral("a@example.com"), &oldBody);
    const auto kept = createRenderedUser(QStringLiteral("b@example.com"), &keptBody);
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 2);
    QVERIFY(outbox.record({ delivered(old, oldBody), delivered(kept, keptBody) }));
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE notifications SET updated_at = 0 WHERE id = ?"));
    query.addBindValue(old);
    QVERIFY(query.exec());

    QCOMPARE(outbox.purge(30), 1);
    QVERIFY(!outbox.find(old));
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM attempts")) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QCOMPARE(outbox.attempts(kept).size(), 1);
    QCOMPARE(outbox.attempts(kept).constFirst().status, 204);
}

QString TestOutbox::createRenderedUser(const QString& email, QString* body)
{
    TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("http://127.0.0.1:9/hook"));
    const auto id = createUser(email);
    if (body) {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("SELECT body FROM notifications WHERE id = ?"));
        query.addBindValue(id);
        *body = query.exec() && query.next() ? query.value(0).toString() : QString();
    }
    return id;
}

Outbox::Outcome TestOutbox::delivered(const QString& id, const QString& body)
{
    Outbox::Outcome outcome;
    auto& a = outcome.attempt;
    a.notificationId = id;
    a.number = 1;
    a.startedAt = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC).addMSecs(250);
    a.durationMs = 12;
    a.url = QStringLiteral("http://127.0.0.1:9/hook");
    const HeaderList headers { { "Authorization", "Bearer s3cret" },
                               { "webhook-id", id.toUtf8() },
                               { "webhook-timestamp", "1800000000" },
                               { "webhook-signature", "v1,c2lnbmF0dXJl" } };
    a.requestHeaders = WebhookConfig::describeHeaders(headers, "application/json");
    a.requestBody = body;
    a.bodyStored = true;
    a.responseHeaders = QStringLiteral("Content-Length: 1000");
    a.responseBody = QString(1000, QLatin1Char('x'));
    auto result = DeliveryResult::fromHttpStatus(204);
    result.durationMs = a.durationMs;
    a.setResult(result);
    outcome.state = Outbox::State::Delivered;
    return outcome;
}

void TestOutbox::bodyIsRenderedWhenWritten()
{
    QString body;
    const auto id = createRenderedUser(QStringLiteral("ada@example.com"), &body);
    const auto notification = Outbox(m_database.get()).notification(id);
    QVERIFY(notification.has_value());
    QCOMPARE(notification->user->email, QStringLiteral("ada@example.com"));
    // What the worker would have built at send time, stored once.
    QCOMPARE(body, QString::fromUtf8(PayloadBuilder::build(*notification, PayloadFormat::Shape::Json).body));
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT shape, payload FROM notifications")) && query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("json"));
    // The JSON body carries the account as it was, and the template is its event's default: the payload keeps neither.
    QCOMPARE(query.value(1).toString(), QStringLiteral("{}"));
    query.finish();
    // The account may be edited or deleted before the body is rendered again for another shape: it comes back as
    // the body has it, with the default template.
    QVERIFY(query.exec(QStringLiteral("UPDATE users SET name = 'Bob', email = 'bob@example.com'")));
    const auto again = Outbox(m_database.get()).notification(id);
    QVERIFY(again.has_value());
    QCOMPARE(again->user->name, QStringLiteral("ada"));
    QCOMPARE(again->user->email, QStringLiteral("ada@example.com"));
    QCOMPARE(again->user->role, Role::Pending);
    QCOMPARE(again->user->id, notification->user->id);
    QCOMPARE(again->user->createdAt, notification->user->createdAt);
    QCOMPARE(again->text, MessageTemplate::defaultText(Event::UserCreated));
    QCOMPARE(PayloadBuilder::build(*again, PayloadFormat::Shape::Slack).body,
             PayloadBuilder::build(*notification, PayloadFormat::Shape::Slack).body);
}

// What the body cannot give back stays in the payload: a name or address made printable in the body (it would come
// back escaped), a template of the administrator's, any account for a shape other than JSON.
void TestOutbox::payloadKeepsWhatTheBodyCannotGiveBack()
{
    TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("http://127.0.0.1:9/hook"));
    NewUser user;
    user.name = QStringLiteral("Ada\u202Egnp.exe");
    user.email = QStringLiteral("ada@example.com");
    user.role = Role::User;
    const auto hidden = UserStore(m_database.get()).create(user, QByteArray()).notifications.value(0).id;
    QVERIFY(!hidden.isEmpty());
    QVERIFY(TestFixtures::changeMainEndpoint(m_database.get(), [](Endpoint& endpoint) {
        endpoint.templates.insert(Event::UserCreated, QStringLiteral("Welcome {name}"));
    }));
    const auto templated = createUser(QStringLiteral("bo@example.com"));
    QVERIFY(TestFixtures::setWebhookFormat(m_database.get(), QStringLiteral("discord")));
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("https://discord.com/api/webhooks/1/x")));
    const auto discord = createUser(QStringLiteral("cy@example.com"));

    const auto payload = [this](const QString& id) {
        QSqlQuery query(m_database->connection());
        query.prepare(QStringLiteral("SELECT payload FROM notifications WHERE id = ?"));
        query.addBindValue(id);
        return query.exec() && query.next() ? QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object()
                                            : QJsonObject();
    };
    QCOMPARE(payload(hidden).value(QStringLiteral("user")).toObject().value(QStringLiteral("name")).toString(),
             user.name);
    QVERIFY(!payload(hidden).contains(QStringLiteral("template")));
    QCOMPARE(payload(templated).value(QStringLiteral("template")).toString(), QStringLiteral("Welcome {name}"));
    QVERIFY(!payload(templated).contains(QStringLiteral("user")));
    QCOMPARE(payload(discord).value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString(),
             QStringLiteral("cy@example.com"));

    // An account update's changes come back from the JSON body too, as they were.
    QVERIFY(TestFixtures::setWebhookFormat(m_database.get(), QStringLiteral("json")));
    QVERIFY(TestFixtures::changeMainEndpoint(m_database.get(), [](Endpoint& endpoint) {
        endpoint.events = Events::subscribable();
        endpoint.url = QStringLiteral("http://127.0.0.1:9/hook");
    }));
    UserStore users(m_database.get());
    const auto account = users.find(QStringLiteral("bo@example.com"));
    QVERIFY(account.has_value());
    UserChanges rename;
    rename.name = QStringLiteral("Bob");
    const auto changed = users.update(account->id, rename);
    QVERIFY(changed.ok);
    QCOMPARE(changed.notifications.size(), 1);
    const auto updated = changed.notifications.constFirst().id;
    QVERIFY(!payload(updated).contains(QStringLiteral("changes")));
    QVERIFY(!payload(updated).contains(QStringLiteral("user")));

    Outbox outbox(m_database.get());
    const auto update = outbox.notification(updated);
    QVERIFY(update.has_value());
    QCOMPARE(update->changes, changed.changes);
    QCOMPARE(update->user->name, QStringLiteral("Bob"));
    QCOMPARE(outbox.notification(hidden)->user->name, user.name);
    QCOMPARE(outbox.notification(templated)->text, QStringLiteral("Welcome {name}"));
    QCOMPARE(outbox.notification(templated)->user->email, QStringLiteral("bo@example.com"));
    QCOMPARE(outbox.notification(discord)->user->email, QStringLiteral("cy@example.com"));
}

// Rows written before schema 8 kept a copy of what they can rebuild: the upgrade drops it where, and only where, what
// is rebuilt is the same.
void TestOutbox::upgradeDropsWhatRowsCanRebuild()
{
    CROCHET_SQLITE_ONLY("rewinds PRAGMA user_version to replay an older schema's rows");
    QString body;
    const auto plain = createRenderedUser(QStringLiteral("ada@example.com"), &body);
    const auto custom = createRenderedUser(QStringLiteral("bo@example.com"));
    const auto edited = createRenderedUser(QStringLiteral("cy@example.com"));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 3);
    QVERIFY(outbox.record({ delivered(plain, body) }));
    const auto before = outbox.find(plain)->lastResultText();
    const auto notificationBefore = outbox.notification(plain);
    QVERIFY(notificationBefore.has_value());

    // As schema 7 wrote them: the account and the template in every payload, the result of every notification.
    DeliveryResult result = DeliveryResult::fromHttpStatus(204);
    result.durationMs = 12;
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("UPDATE notifications SET payload = json_object('template', ?, 'user', "
                                 "json(json_extract(body, '$.user'))), last_result_code = "
                                 "CASE WHEN id = ? THEN ? END"));
    query.addBindValue(MessageTemplate::defaultText(Event::UserCreated));
    query.addBindValue(plain);
    query.addBindValue(result.toStored());
    QVERIFY(query.exec());
    query.prepare(QStringLiteral("UPDATE notifications SET payload = json_set(payload, '$.template', 'Hi {name}') "
                                 "WHERE id = ?"));
    query.addBindValue(custom);
    QVERIFY(query.exec());
    // The account as the payload kept it differs from what the body says (written so by hand): it stays.
    query.prepare(QStringLiteral("UPDATE notifications SET payload = json_set(payload, '$.user.name', 'Cyril') "
                                 "WHERE id = ?"));
    query.addBindValue(edited);
    QVERIFY(query.exec());
    // Back to schema 9, so that the upgrade to 10 runs again.
    undoAttemptsByRow(query);
    QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 9")));
    query.finish();

    Database reopened(m_dir->filePath(QStringLiteral("o.sqlite")));
    QVERIFY(reopened.open());
    QCOMPARE(reopened.schemaVersion(), Database::CurrentSchemaVersion);
    QSqlQuery read(reopened.connection());
    QVERIFY(
        read.exec(QStringLiteral("SELECT id, payload, last_result_code IS NULL FROM notifications ORDER BY rowid")));
    QHash<QString, QPair<QString, bool>> rows;
    while (read.next()) {
        rows.insert(read.value(0).toString(), { read.value(1).toString(), read.value(2).toBool() });
    }
    QCOMPARE(rows.value(plain), qMakePair(QStringLiteral("{}"), true));
    QCOMPARE(rows.value(custom).first, QStringLiteral("{\"template\":\"Hi {name}\"}"));
    QCOMPARE(QJsonDocument::fromJson(rows.value(edited).first.toUtf8())
                 .object()
                 .value(QStringLiteral("user"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("Cyril"));

    // What is read back is what was read before.
    Outbox upgraded(&reopened);
    QCOMPARE(upgraded.find(plain)->lastResultText(), before);
    QCOMPARE(before, QStringLiteral("Delivered: HTTP 204 in 12 ms."));
    const auto notificationAfter = upgraded.notification(plain);
    QVERIFY(notificationAfter.has_value());
    QCOMPARE(notificationAfter->text, notificationBefore->text);
    QCOMPARE(notificationAfter->user->toJson(), notificationBefore->user->toJson());
    QCOMPARE(upgraded.notification(custom)->text, QStringLiteral("Hi {name}"));
    QCOMPARE(upgraded.notification(edited)->user->name, QStringLiteral("Cyril"));
}

void TestOutbox::claimLeasesABatchInOneStatement()
{
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        ids << createRenderedUser(QStringLiteral("u%1@example.com").arg(i));
    }
    Outbox outbox(m_database.get());
    const auto claimed = outbox.claim(QStringLiteral("owner-a"), 3, 60000, TestFixtures::endpointIds(m_database.get()));
    QCOMPARE(claimed.size(), 3);
    // Oldest first, with the stored body ready to send.
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(claimed.at(i).notification.id, ids.at(i));
        QCOMPARE(claimed.at(i).shape, PayloadFormat::Shape::Json);
        QVERIFY(claimed.at(i).storedPayload(PayloadFormat::Shape::Json).has_value());
        QVERIFY(!claimed.at(i).storedPayload(PayloadFormat::Shape::Discord).has_value());
    }
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT id, lease_owner, lease_until IS NOT NULL FROM notifications "
                                      "ORDER BY rowid")));
    int leased = 0;
    while (query.next()) {
        const bool inBatch = ids.indexOf(query.value(0).toString()) < 3;
        QCOMPARE(query.value(1).toString(), inBatch ? QStringLiteral("owner-a") : QString());
        QCOMPARE(query.value(2).toBool(), inBatch);
        leased += inBatch;
    }
    QCOMPARE(leased, 3);
}

// After a flush every pending notification is due at the same moment: they go in the order they were written, read
// from the due index in its own order (no claim sorts the backlog), the earlier due still first.
void TestOutbox::flushedBacklogIsClaimedInWrittenOrder()
{
    QStringList ids;
    for (int i = 0; i < 6; ++i) {
        ids << createRenderedUser(QStringLiteral("u%1@example.com").arg(i));
    }
    QSqlQuery query(m_database->connection());
    // Due later, all but the last one, due now; their clock times say nothing of the order (the clock may go back).
    QVERIFY(query.exec(QStringLiteral("UPDATE notifications SET created_at = 1000 - rowid, next_attempt_at = %1")
                           .arg(QDateTime::currentMSecsSinceEpoch() + 3600000)));
    query.prepare(QStringLiteral("UPDATE notifications SET next_attempt_at = 0 WHERE id = ?"));
    query.addBindValue(ids.last());
    QVERIFY(query.exec());
    Outbox outbox(m_database.get());
    const auto endpoints = TestFixtures::endpointIds(m_database.get());
    const auto first = outbox.claim(QStringLiteral("a"), 1, 60000, endpoints);
    QCOMPARE(first.size(), 1);
    QCOMPARE(first.first().notification.id, ids.last());
    QCOMPARE(outbox.scheduleAllNow(), 5);
    QStringList claimed;
    for (const auto& item : outbox.claim(QStringLiteral("a"), 3, 60000, endpoints)) {
        claimed << item.notification.id;
    }
    for (const auto& item : outbox.claim(QStringLiteral("a"), 10, 60000, endpoints)) {
        claimed << item.notification.id;
    }
    QCOMPARE(claimed, ids.mid(0, 5));
}

void TestOutbox::deliveredAttemptIsCompact()
{
    QString body;
    const auto id = createRenderedUser(QStringLiteral("ada@example.com"), &body);
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 1);
    const auto outcome = delivered(id, body);
    QVERIFY(outbox.record({ outcome }));

    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT url, request_headers, request_body, response_headers, "
                                      "length(response_body), body_stored FROM attempts")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), outcome.attempt.url);
    // Only what cannot be rebuilt, and masked.
    QCOMPARE(query.value(1).toString(), QStringLiteral("Authorization: ••••\nwebhook-signature: v1,••••"));
    QCOMPARE(query.value(2).toString(), QString());
    QVERIFY(query.value(3).isNull());
    QCOMPARE(query.value(4).toInt(), 200);
    QCOMPARE(query.value(5).toInt(), 1);

    const auto attempts = outbox.attempts(id);
    QCOMPARE(attempts.size(), 1);
    const auto& a = attempts.first();
    QCOMPARE(a.requestBody, body);
    QCOMPARE(a.requestHeaders, outcome.attempt.requestHeaders);
    QCOMPARE(a.status, 204);
    QCOMPARE(a.durationMs, 12);
    QCOMPARE(a.startedAt, outcome.attempt.startedAt);
    QCOMPARE(a.responseBody, QString(200, QLatin1Char('x')));
    QCOMPARE(a.summary(), QStringLiteral("Delivered: HTTP 204 in 12 ms."));
    QCOMPARE(outbox.find(id)->lastResultText(), QStringLiteral("Delivered: HTTP 204 in 12 ms."));
    QCOMPARE(outbox.find(id)->state, QStringLiteral("delivered"));
    // The notification keeps no result of its own: its attempt says it, in the list too, and after a redelivery is
    // asked for.
    query.finish();
    QVERIFY(query.exec(QStringLiteral("SELECT last_result_code IS NULL, last_status FROM notifications")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QCOMPARE(query.value(1).toInt(), 204);
    query.finish();
    QCOMPARE(outbox.list(std::nullopt, 10).value(0).lastResultText(), QStringLiteral("Delivered: HTTP 204 in 12 ms."));
    QCOMPARE(outbox.retry(id), 1);
    QCOMPARE(outbox.find(id)->lastResultText(), QStringLiteral("Delivered: HTTP 204 in 12 ms."));
}

void TestOutbox::failedAttemptKeepsFullDetail()
{
    QString body;
    const auto id = createRenderedUser(QStringLiteral("ada@example.com"), &body);
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 1);
    auto outcome = delivered(id, body);
    outcome.attempt.setResult(DeliveryResult::fromHttpStatus(500));
    outcome.state = Outbox::State::Pending;
    outcome.nextAttemptAt = QDateTime::currentDateTimeUtc().addSecs(60);
    QVERIFY(outbox.record({ outcome }));

    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT url, request_headers, request_body, response_headers, response_body, "
                                      "body_stored FROM attempts")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), outcome.attempt.url);
    QCOMPARE(query.value(1).toString(), outcome.attempt.requestHeaders);
    QCOMPARE(query.value(2).toString(), body);
    QCOMPARE(query.value(3).toString(), outcome.attempt.responseHeaders);
    QCOMPARE(query.value(4).toString(), outcome.attempt.responseBody);
    QVERIFY(query.value(5).isNull());
    const auto a = outbox.attempts(id).value(0);
    QCOMPARE(a.requestBody, body);
    QCOMPARE(a.responseHeaders, outcome.attempt.responseHeaders);
    QCOMPARE(a.status, 500);
}

void TestOutbox::schemaFiveHistoryStaysReadable()
{
    CROCHET_SQLITE_ONLY("rewinds PRAGMA user_version to replay an older schema's rows");
    // A database as version 5 wrote it: the whole notification as payload, no stored body, attempts in full.
    const auto id = createUser(QStringLiteral("ada@example.com"));
    const auto path = m_database->path();
    const QJsonObject legacy {
        { QStringLiteral("event"), QStringLiteral("user.created") },
        { QStringLiteral("id"), id },
        { QStringLiteral("text"), QStringLiteral("New user signed up: %1") },
        { QStringLiteral("timestamp"), QStringLiteral("2026-11-28T08:11:31.475Z") },
        { QStringLiteral("user"),
          QJsonObject { { QStringLiteral("created_at"), QStringLiteral("2026-11-28T08:11:31Z") },
                        { QStringLiteral("email"), QStringLiteral("ada@example.com") },
                        { QStringLiteral("id"), QStringLiteral("u1") },
                        { QStringLiteral("name"), QStringLiteral("Ada") },
                        { QStringLiteral("role"), QStringLiteral("admin") } } },
    };
    const auto legacyPayload = QString::fromUtf8(QJsonDocument(legacy).toJson(QJsonDocument::Compact));
    {
        QSqlQuery query(m_database->connection());
        undoSchemaSeven(query);
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE notifications DROP COLUMN body")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE notifications DROP COLUMN shape")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE attempts DROP COLUMN body_stored")));
        query.prepare(QStringLiteral("UPDATE notifications SET payload = ?"));
        query.addBindValue(legacyPayload);
        QVERIFY(query.exec());
        QVERIFY(
            query.exec(QStringLiteral("INSERT INTO attempts (notification_id, number, started_at, duration_ms, url, "
                                      "request_headers, request_body, status, outcome, response_headers, "
                                      "response_body, diagnostic, result) VALUES ('%1', 1, 0, 5, "
                                      "'http://127.0.0.1:9/…hook', 'webhook-id: %1', '{\"old\":true}', 204, "
                                      "'delivered', 'Server: old', 'ok', '', NULL)")
                           .arg(id)));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 5")));
    }
    m_database.reset();
    m_database = std::make_unique<Database>(path);
    QString error;
    QVERIFY2(m_database->open(&error), qPrintable(error));
    QCOMPARE(m_database->schemaVersion(), Database::CurrentSchemaVersion);
    const Outbox outbox(m_database.get());
    const auto old = outbox.attempts(id).value(0);
    QCOMPARE(old.requestBody, QStringLiteral("{\"old\":true}"));
    QCOMPARE(old.requestHeaders, QStringLiteral("webhook-id: %1").arg(id));
    QCOMPARE(old.responseHeaders, QStringLiteral("Server: old"));
    QCOMPARE(old.url, QStringLiteral("http://127.0.0.1:9/…hook"));
    QVERIFY(!old.bodyStored);
    // Its notification is rendered from the payload it kept.
    const auto notification = outbox.notification(id);
    QCOMPARE(notification->user->name, QStringLiteral("Ada"));
    QCOMPARE(notification->user->role, Role::Admin);
    // Its text, written before templates with %1 for the name, reads as the same template.
    QCOMPARE(notification->text, QStringLiteral("New user signed up: {name}"));
    QCOMPARE(notification->message(), QStringLiteral("New user signed up: Ada"));
}

void TestOutbox::schemaThreeFixtureMigratesToSix()
{
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("crochet.sqlite"));
    QVERIFY(TestFixtures::copyDataFile(QStringLiteral("schema3.sqlite"), path));
    Database database(path);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    QCOMPARE(database.schemaVersion(), Database::CurrentSchemaVersion);
    Outbox outbox(&database);
    const auto attempts = outbox.attempts(QStringLiteral("a43f514a-196c-4f54-9df1-2a3e116a3a66"));
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().status, 204);
    QCOMPARE(attempts.first().requestBody.size(), 221);
    QVERIFY(attempts.first().requestHeaders.contains(QStringLiteral("Authorization: ••••")));
    // The pending one is claimed with no stored body and rendered from its old payload, in its own language.
    const auto claimed = outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(&database));
    QCOMPARE(claimed.size(), 1);
    QVERIFY(!claimed.first().storedPayload(PayloadFormat::Shape::Json));
    const auto notification = outbox.notification(claimed.first().notification.id);
    QCOMPARE(notification->user->email, QStringLiteral("bob@example.com"));
    QCOMPARE(notification->message(), QStringLiteral("Nouvel utilisateur inscrit\u00a0: Bob"));
}

void TestOutbox::schemaFiveFixtureMigratesToSix()
{
    // Written by crochet-cli at schema 5 (main before issue 11), signing, with an Authorization header: Ada delivered
    // (HTTP 204), Bob pending after an HTTP 500.
    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("crochet.sqlite"));
    QVERIFY(TestFixtures::copyDataFile(QStringLiteral("schema5.sqlite"), path));
    Database database(path);
    QString error;
    QVERIFY2(database.open(&error), qPrintable(error));
    QCOMPARE(database.schemaVersion(), Database::CurrentSchemaVersion);
    Outbox outbox(&database);
    const auto ada = outbox.list(Outbox::State::Delivered, 10);
    QCOMPARE(ada.size(), 1);
    QCOMPARE(ada.first().userName, QStringLiteral("Ada"));
    QCOMPARE(ada.first().lastResultText(), QStringLiteral("Delivered: HTTP 204 in 5 ms."));
    // Its attempt keeps its full row.
    const auto delivered = outbox.attempts(ada.first().id);
    QCOMPARE(delivered.size(), 1);
    QVERIFY(!delivered.first().bodyStored);
    QCOMPARE(delivered.first().status, 204);
    QCOMPARE(delivered.first().url, QStringLiteral("http://127.0.0.1:18204/…hook"));
    QVERIFY(delivered.first().requestBody.contains(QLatin1String("ada@example.com")));
    QVERIFY(delivered.first().requestHeaders.contains(QStringLiteral("Authorization: ••••")));
    QVERIFY(delivered.first().requestHeaders.contains(QStringLiteral("webhook-signature: v1,••••")));

    // Bob's notification, rendered from the payload schema 5 kept, gives the very body schema 5 sent.
    const auto claimed = outbox.claim(QStringLiteral("a"), 10, 60000, TestFixtures::endpointIds(&database));
    QCOMPARE(claimed.size(), 1);
    QVERIFY(!claimed.first().storedPayload(PayloadFormat::Shape::Json));
    const auto bob = outbox.notification(claimed.first().notification.id);
    QVERIFY(bob.has_value());
    QCOMPARE(bob->user->email, QStringLiteral("bob@example.com"));
    const auto failed = outbox.attempts(bob->id);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().status, 500);
    QCOMPARE(QString::fromUtf8(PayloadBuilder::build(*bob, PayloadFormat::Shape::Json).body),
             failed.first().requestBody);
}

void TestOutbox::schemaEightChatEndpointsGetDigests()
{
    CROCHET_SQLITE_ONLY("rewinds PRAGMA user_version to replay an older schema's rows");
    // Upgrading: chat endpoints get the polite default (digests), JSON ones keep one request per event.
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QStringLiteral("https://discord.com/api/webhooks/1/t")));
    Endpoint audit;
    audit.name = QStringLiteral("Audit");
    audit.url = QStringLiteral("https://example.com/audit");
    QVERIFY(EndpointStore(m_database.get()).add(audit));
    const auto path = m_database->path();
    {
        QSqlQuery query(m_database->connection());
        undoDigests(query);
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE endpoints DROP COLUMN digest")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE endpoints DROP COLUMN digest_window_seconds")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 8")));
    }
    m_database.reset();
    m_database = std::make_unique<Database>(path);
    QString error;
    QVERIFY2(m_database->open(&error), qPrintable(error));
    QCOMPARE(m_database->schemaVersion(), Database::CurrentSchemaVersion);
    const EndpointStore store(m_database.get());
    QCOMPARE(store.main().digest, std::optional<bool>());
    QVERIFY(store.main().digests());
    QCOMPARE(store.main().digestWindowSeconds, Endpoint::DefaultDigestWindowSeconds);
    QVERIFY(!store.findByName(QStringLiteral("Audit"))->digests());
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "TestOutbox.moc"
