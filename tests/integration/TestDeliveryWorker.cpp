#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "text/Translations.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookConfig.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

class TestDeliveryWorker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void deliversWithStableIdAcrossRetries();
    void retryAfterIsHonoured();
    void goneStopsSending();
    void clientErrorIsNotRetried();
    void silentReceiverTimesOut();
    void resetAndHugeBodies();
    void downThenUp();
    void historyMasksSecrets();
    void manyInFlight();
    void slowReceiverNeverTimesOut();
    void invalidEnvironmentUrlFailsWithAnAttempt();
    void invalidUrlIsStoredWithoutItsToken();
    void stopFinishesOrGivesBack();
    void stopWithGraceAbandonsWhatIsOnTheWire();
    void everyRequestOnTheWireIsAnAttempt();
    void hugeHeadersFailTheAttempt();
    void sendsTheStoredBodyFreshlySigned();
    void newShapeRendersTheBodyAgain();
    void goneDisablesOnlyItsEndpoint();

private:
    QString createUser(const QString& email);
    AttemptReport nextReport(QSignalSpy& spy, int timeoutMs = 30000);
    QString storedBody(const QString& id) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<TestReceiver> m_receiver;
    std::unique_ptr<DeliveryService> m_service;
};

void TestDeliveryWorker::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("d.sqlite"))));
    QVERIFY(m_database->open());
    m_settings = std::make_unique<Settings>(m_database.get());
    m_receiver = std::make_unique<TestReceiver>();
    QVERIFY(m_receiver->listen());
    TestFixtures::setWebhookUrl(m_settings->database(), m_receiver->url().toString());
    TestFixtures::setWebhookTimeout(m_settings->database(), 2);
    m_service = std::make_unique<DeliveryService>(m_database.get());
}

void TestDeliveryWorker::cleanup()
{
    m_service.reset();
    m_receiver.reset();
    m_settings.reset();
    m_database.reset();
    m_dir.reset();
}

QString TestDeliveryWorker::createUser(const QString& email)
{
    return TestFixtures::createNotifiedUser(m_database.get(), email);
}

AttemptReport TestDeliveryWorker::nextReport(QSignalSpy& spy, int timeoutMs)
{
    if (spy.isEmpty() && !spy.wait(timeoutMs)) {
        return {};
    }
    return spy.takeFirst().first().value<AttemptReport>();
}

void TestDeliveryWorker::deliversWithStableIdAcrossRetries()
{
    m_receiver->setResponses({ TestReceiver::status(500), TestReceiver::status(200) });
    const auto id = createUser(QStringLiteral("ada@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();

    const auto first = nextReport(spy);
    QCOMPARE(first.notificationId, id);
    QCOMPARE(first.number, 1);
    QCOMPARE(first.result.httpStatus, 500);
    QCOMPARE(first.state, QStringLiteral("pending"));
    // 5 s ± 20 % after the attempt ended, whatever the load on the machine when the report arrives.
    const auto attempt = Outbox(m_database.get()).attempts(id).first();
    const auto wait = attempt.startedAt.addMSecs(attempt.durationMs).msecsTo(first.nextAttemptAt);
    QVERIFY2(wait >= 3900 && wait <= 6100, qPrintable(QString::number(wait)));

    const auto second = nextReport(spy, 15000);
    QCOMPARE(second.number, 2);
    QCOMPARE(second.state, QStringLiteral("delivered"));
    QCOMPARE(m_receiver->count(), 2);
    QCOMPARE(m_receiver->requests().at(0).header("webhook-id"), id.toUtf8());
    QCOMPARE(m_receiver->requests().at(1).header("webhook-id"), id.toUtf8());
    QCOMPARE(Outbox(m_database.get()).attempts(id).size(), 2);
    QCOMPARE(Outbox(m_database.get()).find(id)->state, QStringLiteral("delivered"));
}

void TestDeliveryWorker::retryAfterIsHonoured()
{
    auto limited = TestReceiver::status(429);
    limited.headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")));
    m_receiver->setResponses({ limited, TestReceiver::status(204) });
    createUser(QStringLiteral("ada@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    QElapsedTimer timer;
    timer.start();
    m_service->start();
    QCOMPARE(nextReport(spy).result.httpStatus, 429);
    const auto second = nextReport(spy, 10000);
    QCOMPARE(second.state, QStringLiteral("delivered"));
    QVERIFY2(timer.elapsed() >= 900, qPrintable(QString::number(timer.elapsed())));
}

void TestDeliveryWorker::goneStopsSending()
{
    m_receiver->setStatus(410);
    const auto first = createUser(QStringLiteral("a@example.com"));
    QSignalSpy reports(m_service.get(), &DeliveryService::attemptRecorded);
    QSignalSpy gone(m_service.get(), &DeliveryService::endpointGone);
    m_service->start();
    const auto report = nextReport(reports);
    QCOMPARE(report.state, QStringLiteral("failed"));
    QCOMPARE(int(report.result.outcome), int(DeliveryResult::Outcome::Gone));
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(gone.first().at(1).toString(), EndpointStore(m_database.get()).main().name);
    QCOMPARE(EndpointStore(m_database.get()).main().state(), Endpoint::State::Gone);

    // Later notifications to the same URL wait for the administrator instead of hitting a deleted webhook.
    const auto second = createUser(QStringLiteral("b@example.com"));
    m_service->wake();
    QVERIFY(!reports.wait(1500));
    QCOMPARE(m_receiver->count(), 1);
    QCOMPARE(Outbox(m_database.get()).find(second)->state, QStringLiteral("pending"));
    Q_UNUSED(first)
}

void TestDeliveryWorker::clientErrorIsNotRetried()
{
    m_receiver->setStatus(403);
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    const auto report = nextReport(spy);
    QCOMPARE(report.state, QStringLiteral("failed"));
    QVERIFY(report.result.summary().contains(QLatin1String("revoked")));
    QVERIFY(!spy.wait(1500));
    QCOMPARE(m_receiver->count(), 1);

    // Retry all failed sends it again with the same id.
    m_receiver->setStatus(200);
    QCOMPARE(Outbox(m_database.get()).retryFailed(), 1);
    m_service->wake();
    QCOMPARE(nextReport(spy).state, QStringLiteral("delivered"));
    QCOMPARE(m_receiver->requests().at(1).header("webhook-id"), id.toUtf8());
}

void TestDeliveryWorker::silentReceiverTimesOut()
{
    TestReceiver::Response silent;
    silent.behaviour = TestReceiver::Behaviour::NeverAnswer;
    m_receiver->setResponses({ silent });
    TestFixtures::setWebhookTimeout(m_settings->database(), 1);
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    const auto report = nextReport(spy);
    QCOMPARE(int(report.result.outcome), int(DeliveryResult::Outcome::Timeout));
    QCOMPARE(report.state, QStringLiteral("pending"));
    const auto attempts = Outbox(m_database.get()).attempts(id);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().outcome, QStringLiteral("timeout"));
}

void TestDeliveryWorker::resetAndHugeBodies()
{
    TestReceiver::Response reset;
    reset.behaviour = TestReceiver::Behaviour::ResetMidResponse;
    TestReceiver::Response huge;
    huge.behaviour = TestReceiver::Behaviour::HugeBody;
    huge.hugeBodyBytes = 32LL * 1024 * 1024;
    m_receiver->setResponses({ reset, huge });
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    const auto first = nextReport(spy);
    QCOMPARE(first.state, QStringLiteral("pending"));
    QVERIFY(!first.result.isSuccess());
    const auto second = nextReport(spy, 15000);
    QCOMPARE(second.state, QStringLiteral("delivered"));
    const auto attempts = Outbox(m_database.get()).attempts(id);
    QCOMPARE(attempts.size(), 2);
    // A delivered attempt keeps a short excerpt of what came back.
    QCOMPARE(attempts.at(1).responseBody.size(), 200);
}

void TestDeliveryWorker::downThenUp()
{
    const auto port = m_receiver->port();
    m_receiver->close();
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    const auto first = nextReport(spy);
    QCOMPARE(int(first.result.outcome), int(DeliveryResult::Outcome::ConnectionRefused));
    QCOMPARE(first.state, QStringLiteral("pending"));

    QVERIFY(m_receiver->listen(port));
    const auto second = nextReport(spy, 15000); // the 5 s step of the schedule, on its own
    QCOMPARE(second.state, QStringLiteral("delivered"));
    QCOMPARE(m_receiver->count(), 1);
    QCOMPARE(m_receiver->requests().first().header("webhook-id"), id.toUtf8());
}

void TestDeliveryWorker::historyMasksSecrets()
{
    auto url = m_receiver->url(QStringLiteral("/api/webhooks/123/SUPERSECRETTOKEN"));
    TestFixtures::setWebhookUrl(m_settings->database(), url.toString());
    TestFixtures::setWebhookHeaders(m_database.get(),
                                    WebhookConfig::serializeHeaders({ { "Authorization", "Bearer HEADERSECRET" } }));
    const auto secret = Signature::generateSecret();
    TestFixtures::setSigningSecret(m_settings->database(), secret);
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    QCOMPARE(nextReport(spy).state, QStringLiteral("delivered"));
    QCOMPARE(m_receiver->requests().first().header("Authorization"), QByteArrayLiteral("Bearer HEADERSECRET"));

    // Nothing in the history tables, nor in the request stored ready to send, holds a secret.
    for (const auto& table : { QStringLiteral("attempts"), QStringLiteral("notifications") }) {
        QSqlQuery query(m_database->connection());
        QVERIFY(query.exec(QStringLiteral("SELECT * FROM %1").arg(table)));
        QVERIFY(query.next());
        for (int column = 0; column < query.record().count(); ++column) {
            const auto value = query.value(column).toString();
            QVERIFY2(!value.contains(QLatin1String("SUPERSECRETTOKEN")), qPrintable(value));
            QVERIFY2(!value.contains(QLatin1String("HEADERSECRET")), qPrintable(value));
            QVERIFY2(!value.contains(secret.mid(6, 12)), qPrintable(value));
        }
    }
    const auto attempt = Outbox(m_database.get()).attempts(id).first();
    QCOMPARE(attempt.url, QStringLiteral("http://127.0.0.1:%1/…OKEN").arg(m_receiver->port()));
    QVERIFY(attempt.requestHeaders.contains(QStringLiteral("Authorization: ••••")));
    QVERIFY(attempt.requestHeaders.contains(QStringLiteral("webhook-signature: v1,••••")));
}

void TestDeliveryWorker::manyInFlight()
{
    m_receiver->setStatus(204);
    for (int i = 0; i < 300; ++i) {
        createUser(QStringLiteral("u%1@example.com").arg(i));
    }
    m_service->start();
    Outbox outbox(m_database.get());
    QTRY_COMPARE_WITH_TIMEOUT(outbox.count(Outbox::State::Delivered), 300, 30000);
    QCOMPARE(m_receiver->count(), 300);
    QSet<QByteArray> ids;
    for (const auto& request : m_receiver->requests()) {
        ids.insert(request.header("webhook-id"));
    }
    QCOMPARE(ids.size(), 300);
}

void TestDeliveryWorker::slowReceiverNeverTimesOut()
{
    // A slow but healthy receiver: 2 s per answer, a 3 s timeout, 200 notifications at once.
    auto slow = TestReceiver::status(204);
    slow.delayMs = 2000;
    m_receiver->setResponses({ slow });
    TestFixtures::setWebhookTimeout(m_settings->database(), 3);
    for (int i = 0; i < 200; ++i) {
        createUser(QStringLiteral("slow%1@example.com").arg(i));
    }
    m_service->start();
    Outbox outbox(m_database.get());
    QTRY_COMPARE_WITH_TIMEOUT(outbox.count(Outbox::State::Delivered), 200, 90000);
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(
        QStringLiteral("SELECT COUNT(*), SUM(CASE WHEN outcome = 'timeout' THEN 1 ELSE 0 END) FROM attempts")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 200);
    QCOMPARE(query.value(1).toInt(), 0);
    // Each notification reached the receiver exactly once.
    QCOMPARE(m_receiver->count(), 200);
    QSet<QByteArray> ids;
    for (const auto& request : m_receiver->requests()) {
        ids.insert(request.header("webhook-id"));
    }
    QCOMPARE(ids.size(), 200);
}

void TestDeliveryWorker::invalidEnvironmentUrlFailsWithAnAttempt()
{
    // WEBHOOK_URL's endpoint alone.
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QString()));
    qputenv("WEBHOOK_URL", "http://x/\r");
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    const auto report = nextReport(spy);
    qunsetenv("WEBHOOK_URL");
    QCOMPARE(report.notificationId, id);
    QCOMPARE(report.state, QStringLiteral("failed"));
    QCOMPARE(int(report.result.outcome), int(DeliveryResult::Outcome::InvalidUrl));
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.find(id)->state, QStringLiteral("failed"));
    const auto attempts = outbox.attempts(id);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().outcome, QStringLiteral("invalid-url"));
    QCOMPARE(attempts.first().summary(),
             QStringLiteral("The webhook URL is invalid: The URL must not contain control characters."));
    QCOMPARE(m_receiver->count(), 0);
}

void TestDeliveryWorker::invalidUrlIsStoredWithoutItsToken()
{
    // A URL without its scheme: the message shown while typing suggests the whole URL, token included.
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), QString()));
    qputenv("WEBHOOK_URL", "hooks.example.com/api/webhooks/1/SECRETTOKEN");
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    const auto report = nextReport(spy);
    qunsetenv("WEBHOOK_URL");
    QCOMPARE(int(report.result.outcome), int(DeliveryResult::Outcome::InvalidUrl));
    // Stored as the problem and the scheme it lacks, nothing of the URL in any column...
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT * FROM attempts")));
    QVERIFY(query.next());
    for (int column = 0; column < query.record().count(); ++column) {
        QVERIFY2(!query.value(column).toString().contains(QLatin1String("SECRETTOKEN")),
                 qPrintable(query.record().fieldName(column)));
    }
    QVERIFY(query.exec(QStringLiteral("SELECT * FROM notifications")));
    QVERIFY(query.next());
    for (int column = 0; column < query.record().count(); ++column) {
        QVERIFY2(!query.value(column).toString().contains(QLatin1String("SECRETTOKEN")),
                 qPrintable(query.record().fieldName(column)));
    }
    // ...and rendered in the reader's language.
    Outbox outbox(m_database.get());
    QCOMPARE(outbox.attempts(id).value(0).summary(),
             QStringLiteral("The webhook URL is invalid: The URL must start with https:// or http://: write https:// "
                            "in front of the host."));
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto french = outbox.attempts(id).value(0).summary();
    Translations::install(QStringLiteral("en"));
    QCOMPARE(french,
             QStringLiteral("L’URL du webhook n’est pas valide\u00a0: L’URL doit commencer par https:// ou "
                            "http://\u00a0: écrivez https:// devant l’hôte."));
}

void TestDeliveryWorker::stopFinishesOrGivesBack()
{
    // The worker runs on this thread here, so the receiver keeps answering while it stops.
    m_service.reset();
    auto slow = TestReceiver::status(204);
    slow.delayMs = 1000;
    m_receiver->setResponses({ slow });
    TestFixtures::setWebhookTimeout(m_settings->database(), 10);
    for (int i = 0; i < 100; ++i) {
        createUser(QStringLiteral("stop%1@example.com").arg(i));
    }
    DeliveryWorker worker(m_database.get(), QStringLiteral("first"));
    QSignalSpy stopped(&worker, &DeliveryWorker::stopped);
    worker.start();
    QTRY_VERIFY(m_receiver->count() >= 10);
    const QDateTime stoppedAt = QDateTime::currentDateTimeUtc();
    worker.stop();
    QVERIFY(stopped.count() == 1 || stopped.wait(15000));

    // What reached the receiver was recorded as delivered; nothing is left under this worker's lease.
    Outbox outbox(m_database.get());
    const auto received = m_receiver->count();
    QVERIFY(received < 100);
    QCOMPARE(outbox.count(Outbox::State::Delivered), received);
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE lease_owner IS NOT NULL")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    QVERIFY(stoppedAt.secsTo(QDateTime::currentDateTimeUtc()) < 10);

    // Another process claims the rest at once, with no lease to wait for, and sends nothing twice.
    const auto claimed =
        outbox.claim(QStringLiteral("second"), 1000, 60000, TestFixtures::endpointIds(m_database.get()));
    QCOMPARE(claimed.size(), 100 - received);
    QSet<QString> sent;
    for (const auto& request : m_receiver->requests()) {
        sent.insert(QString::fromUtf8(request.header("webhook-id")));
    }
    QCOMPARE(sent.size(), received);
    for (const auto& item : claimed) {
        QVERIFY(!sent.contains(item.notification.id));
    }
}

// Issue 11: the CLI's deadline. Requests still unanswered when the grace period ends are abandoned at once, not
// after the webhook's timeout; they are not recorded (their outcome is unknown) and keep their lease, so nobody sends
// them again before the receiver's time to answer has passed. Unsent ones are given back.
void TestDeliveryWorker::stopWithGraceAbandonsWhatIsOnTheWire()
{
    m_service.reset();
    TestReceiver::Response silent;
    silent.behaviour = TestReceiver::Behaviour::NeverAnswer;
    m_receiver->setResponses({ silent });
    TestFixtures::setWebhookTimeout(m_settings->database(), 30);
    for (int i = 0; i < 3; ++i) {
        createUser(QStringLiteral("silent%1@example.com").arg(i));
    }
    DeliveryService service(m_database.get());
    QSignalSpy recorded(&service, &DeliveryService::attemptRecorded);
    service.start();
    QTRY_COMPARE(m_receiver->count(), 3);

    QElapsedTimer elapsed;
    elapsed.start();
    QCOMPARE(service.stop(std::chrono::milliseconds(300)), 3);
    QVERIFY2(elapsed.elapsed() < 10000, qPrintable(QString::number(elapsed.elapsed())));
    // Not before the grace period (less a little for the timer's own rounding).
    QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
    QCoreApplication::processEvents();
    QCOMPARE(recorded.count(), 0);

    Outbox outbox(m_database.get());
    QCOMPARE(outbox.count(Outbox::State::Pending), 3);
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM attempts")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    QCOMPARE(outbox.claim(QStringLiteral("other"), 10, 60000, TestFixtures::endpointIds(m_database.get())).size(), 0);
}

void TestDeliveryWorker::everyRequestOnTheWireIsAnAttempt()
{
    TestReceiver::Response garbage;
    garbage.behaviour = TestReceiver::Behaviour::Garbage;
    auto challenge = TestReceiver::status(401);
    challenge.headers.append({ QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"x\"") });
    m_receiver->setResponses({ garbage, challenge });
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    const auto first = nextReport(spy);
    QCOMPARE(first.state, QStringLiteral("pending"));
    QCOMPARE(int(first.result.outcome), int(DeliveryResult::Outcome::ConnectionClosed));
    const auto last = nextReport(spy, 15000);
    QCOMPARE(last.state, QStringLiteral("failed"));
    QCOMPARE(last.result.httpStatus, 401);
    QCOMPARE(Outbox(m_database.get()).attempts(id).size(), 2);
    QCOMPARE(m_receiver->count(), 2);
}

void TestDeliveryWorker::hugeHeadersFailTheAttempt()
{
    TestReceiver::Response huge;
    huge.behaviour = TestReceiver::Behaviour::HugeHeader;
    huge.hugeBodyBytes = 80 * 1024;
    m_receiver->setResponses({ huge });
    const auto id = createUser(QStringLiteral("a@example.com"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    const auto report = nextReport(spy);
    QCOMPARE(report.state, QStringLiteral("failed"));
    QCOMPARE(int(report.result.outcome), int(DeliveryResult::Outcome::HeadersTooLarge));
    const auto attempts = Outbox(m_database.get()).attempts(id);
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.first().outcome, QStringLiteral("headers-too-large"));
    QCOMPARE(attempts.first().status, 200);
    QVERIFY(attempts.first().responseHeaders.isEmpty());
    QVERIFY(attempts.first().summary().contains(QLatin1String("64 KiB")));
}

QString TestDeliveryWorker::storedBody(const QString& id) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT body FROM notifications WHERE id = ?"));
    query.addBindValue(id);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

void TestDeliveryWorker::sendsTheStoredBodyFreshlySigned()
{
    const auto secret = Signature::generateSecret();
    TestFixtures::setSigningSecret(m_settings->database(), secret);
    m_receiver->setResponses({ TestReceiver::status(503), TestReceiver::status(204) });
    const auto id = createUser(QStringLiteral("ada@example.com"));
    const auto body = storedBody(id);
    QVERIFY(body.contains(QLatin1String("ada@example.com")));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    QCOMPARE(nextReport(spy).state, QStringLiteral("pending"));
    QCOMPARE(nextReport(spy, 15000).state, QStringLiteral("delivered"));

    const auto attempts = Outbox(m_database.get()).attempts(id);
    QCOMPARE(attempts.size(), 2);
    QCOMPARE(m_receiver->count(), 2);
    QSet<QByteArray> timestamps;
    for (int i = 0; i < 2; ++i) {
        const auto& request = m_receiver->requests().at(i);
        // Byte for byte the body rendered when the account was written.
        QCOMPARE(QString::fromUtf8(request.body), body);
        // Timestamp of this attempt, and a signature over it that verifies.
        const auto timestamp = request.header("webhook-timestamp");
        QCOMPARE(timestamp.toLongLong(), attempts.at(i).startedAt.toSecsSinceEpoch());
        timestamps.insert(timestamp);
        QCOMPARE(request.header("webhook-signature"),
                 Signature::sign(secret, id, timestamp.toLongLong(), request.body));
        // History shows what was sent, the delivered attempt from the stored body.
        QCOMPARE(attempts.at(i).requestBody, body);
        QVERIFY(attempts.at(i).requestHeaders.contains(QStringLiteral("webhook-timestamp: ")
                                                       + QString::fromLatin1(timestamp)));
        QVERIFY(attempts.at(i).requestHeaders.contains(QStringLiteral("webhook-signature: v1,••••")));
    }
    QCOMPARE(timestamps.size(), 2); // the retry came 5 s later, signed again
    QVERIFY(!attempts.at(0).bodyStored);
    QVERIFY(attempts.at(1).bodyStored);
}

void TestDeliveryWorker::newShapeRendersTheBodyAgain()
{
    // Written for a JSON endpoint; the administrator then makes the webhook a Discord one before it is sent.
    const auto id = createUser(QStringLiteral("ada@example.com"));
    QVERIFY(storedBody(id).contains(QLatin1String("\"event\"")));
    TestFixtures::setWebhookFormat(m_settings->database(), QStringLiteral("discord"));
    QSignalSpy spy(m_service.get(), &DeliveryService::attemptRecorded);
    m_service->start();
    QCOMPARE(nextReport(spy).state, QStringLiteral("delivered"));
    QCOMPARE(m_receiver->count(), 1);
    const auto sent = QJsonDocument::fromJson(m_receiver->requests().first().body).object();
    QCOMPARE(sent.value(QStringLiteral("content")).toString(), QStringLiteral("New user signed up: ada"));
    QVERIFY(!sent.contains(QStringLiteral("event")));
    // That attempt keeps the body it carried; the stored one is unchanged.
    const auto attempt = Outbox(m_database.get()).attempts(id).first();
    QVERIFY(!attempt.bodyStored);
    QCOMPARE(attempt.requestBody, QString::fromUtf8(m_receiver->requests().first().body));
    QVERIFY(storedBody(id).contains(QLatin1String("\"event\"")));
}

// Two endpoints: the one whose webhook was deleted (410) is disabled, says why, and keeps its later notifications
// waiting; the other goes on receiving, each request signed with its own secret and carrying its own header.
void TestDeliveryWorker::goneDisablesOnlyItsEndpoint()
{
    TestReceiver ops;
    QVERIFY(ops.listen());
    Endpoint endpoint;
    endpoint.name = QStringLiteral("Ops");
    endpoint.url = ops.url(QStringLiteral("/ops")).toString();
    endpoint.headers = { { "X-Team", "ops" } };
    endpoint.rotateSecret();
    EndpointStore store(m_database.get());
    QVERIFY(store.add(endpoint));
    m_receiver->setStatus(410);

    const auto first =
        UserStore(m_database.get())
            .create(NewUser { QStringLiteral("Ann"), QStringLiteral("ann@example.com"), Role::Pending, {}, {}, {} },
                    {});
    QCOMPARE(first.notifications.size(), 2);
    QSignalSpy reports(m_service.get(), &DeliveryService::attemptRecorded);
    QSignalSpy gone(m_service.get(), &DeliveryService::endpointGone);
    m_service->start();
    QTRY_COMPARE_WITH_TIMEOUT(gone.count(), 1, 30000);
    QCOMPARE(gone.first().at(0).toLongLong(), store.main().id);
    QTRY_COMPARE(ops.count(), 1);
    const auto request = ops.requests().first();
    QCOMPARE(request.header("X-Team"), QByteArray("ops"));
    QCOMPARE(request.header("webhook-signature").left(3), QByteArray("v1,"));
    QCOMPARE(store.main().state(), Endpoint::State::Gone);
    QCOMPARE(store.find(endpoint.id)->state(), Endpoint::State::Active);

    // The next account: Ops is told; the main endpoint's notification waits, with its reason.
    const auto second =
        UserStore(m_database.get())
            .create(NewUser { QStringLiteral("Bob"), QStringLiteral("bob@example.com"), Role::Pending, {}, {}, {} },
                    {});
    QCOMPARE(second.notifications.size(), 2);
    m_service->wake();
    QTRY_COMPARE(ops.count(), 2);
    QCOMPARE(m_receiver->count(), 1);
    // The receiver has Ops' request before the worker records it: wait for the record.
    Outbox outbox(m_database.get());
    QTRY_COMPARE(outbox.pendingByEndpoint(), (QHash<qint64, int> { { store.main().id, 1 } }));
    QVERIFY(DeliveryHold::load(m_database.get()).reason(store.main().id).contains(QStringLiteral("410")));
}

QTEST_GUILESS_MAIN(TestDeliveryWorker)
#include "TestDeliveryWorker.moc"
