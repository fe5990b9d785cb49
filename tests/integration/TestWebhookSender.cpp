#include "TestReceiver.h"
#include "Version.h"
#include "outbox/Notification.h"
#include "text/Translations.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

class TestWebhookSender : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void delivers();
    void statuses_data();
    void statuses();
    void redirectIsNotFollowed();
    void connectionRefused();
    void timesOut();
    void resetMidResponse();
    void hugeBodyIsCapped();
    void cancel();
    void publicOnlyBlocksLoopback_data();
    void publicOnlyBlocksLoopback();
    void hostList_data();
    void hostList();
    void explicitProxy();
    void environmentProxy();
    void proxyFailure();
    void proxyAuthentication();
    void authenticationChallengeIsNotAnswered();
    void garbageIsNotSentAgain();
    void hugeHeadersAreCut();
    void policyConnectsToTheCheckedAddress();
    void policyKeepsVerifyingTheName();
    void deadlineRunsOnlyOnTheWire();
    void environmentProxyFailure();

private:
    // The result as stored with an attempt, read back by a process running in French.
    static QString readInFrench(const DeliveryResult& result);
    DeliveryResult send(const DeliveryRequest& request);
    DeliveryRequest request(const QUrl& url, int timeoutSeconds = 5) const;

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<WebhookSender> m_sender;
    std::unique_ptr<TestReceiver> m_receiver;
};

QString TestWebhookSender::readInFrench(const DeliveryResult& result)
{
    const auto stored = result.toStored();
    Translations::install(QStringLiteral("fr"));
    const auto text = DeliveryResult::storedSummary(stored, QString());
    Translations::install(QStringLiteral("en"));
    return text;
}

void TestWebhookSender::init()
{
    for (const auto* name : { "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" }) {
        qunsetenv(name);
    }
    m_network = std::make_unique<QNetworkAccessManager>();
    m_sender = std::make_unique<WebhookSender>(m_network.get());
    m_receiver = std::make_unique<TestReceiver>();
    QVERIFY(m_receiver->listen());
}

void TestWebhookSender::cleanup()
{
    m_receiver.reset();
    m_sender.reset();
    m_network.reset();
}

DeliveryRequest TestWebhookSender::request(const QUrl& url, int timeoutSeconds) const
{
    WebhookConfig config;
    config.timeoutSeconds = timeoutSeconds;
    return config.request(Notification::test(), url);
}

DeliveryResult TestWebhookSender::send(const DeliveryRequest& request)
{
    auto* pending = m_sender->send(request);
    QSignalSpy spy(pending, &PendingDelivery::finished);
    if (!spy.wait(30000)) {
        return {};
    }
    return spy.first().first().value<DeliveryResult>();
}

void TestWebhookSender::delivers()
{
    m_receiver->setStatus(204);
    const auto sent = request(m_receiver->url());
    const auto result = send(sent);
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Delivered));
    QCOMPARE(result.httpStatus, 204);
    QVERIFY(result.durationMs >= 0);
    QCOMPARE(m_receiver->count(), 1);
    const auto& received = m_receiver->requests().first();
    QCOMPARE(received.method, QByteArrayLiteral("POST"));
    QCOMPARE(received.target, QByteArrayLiteral("/hook"));
    QCOMPARE(received.header("User-Agent"), QByteArrayLiteral("Crochet/" CROCHET_VERSION));
    QCOMPARE(received.header("Content-Type"), QByteArrayLiteral("application/json"));
    QCOMPARE(received.header("webhook-id"), sent.headers.at(0).second);
    QVERIFY(!received.header("webhook-timestamp").isEmpty());
    QVERIFY(received.header("webhook-signature").isEmpty());
    QCOMPARE(received.body, sent.payload.body);
    const auto json = QJsonDocument::fromJson(received.body).object();
    QCOMPARE(json.value(QStringLiteral("event")).toString(), QStringLiteral("webhook.test"));
}

void TestWebhookSender::statuses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("outcome");
    using O = DeliveryResult::Outcome;
    QTest::newRow("200") << 200 << int(O::Delivered);
    QTest::newRow("400") << 400 << int(O::ClientError);
    QTest::newRow("401") << 401 << int(O::Rejected);
    QTest::newRow("403") << 403 << int(O::Rejected);
    QTest::newRow("404") << 404 << int(O::NotFound);
    QTest::newRow("410") << 410 << int(O::Gone);
    QTest::newRow("429") << 429 << int(O::RateLimited);
    QTest::newRow("500") << 500 << int(O::ServerError);
    QTest::newRow("503") << 503 << int(O::ServerError);
}

void TestWebhookSender::statuses()
{
    QFETCH(int, status);
    QFETCH(int, outcome);
    auto response = TestReceiver::status(status, QByteArrayLiteral("{\"message\":\"x\"}"));
    response.headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("7")));
    m_receiver->setResponses({ response });
    const auto result = send(request(m_receiver->url()));
    QCOMPARE(int(result.outcome), outcome);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.responseBody, QByteArrayLiteral("{\"message\":\"x\"}"));
    QCOMPARE(result.retryAfter.isValid(), status == 429 || status == 503);
    QVERIFY(!result.summary().isEmpty());
}

void TestWebhookSender::redirectIsNotFollowed()
{
    auto response = TestReceiver::status(301);
    response.headers.append(
        qMakePair(QByteArrayLiteral("Location"), QByteArrayLiteral("https://elsewhere.example/new-hook")));
    m_receiver->setResponses({ response });
    const auto result = send(request(m_receiver->url()));
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Redirected));
    QCOMPARE(result.detail, QStringLiteral("https://elsewhere.example/new-hook"));
    QVERIFY(result.summary().contains(QLatin1String("https://elsewhere.example/new-hook")));
    QCOMPARE(m_receiver->count(), 1);
}

void TestWebhookSender::connectionRefused()
{
    const auto url = m_receiver->url();
    m_receiver->close();
    const auto result = send(request(url));
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::ConnectionRefused));
    QCOMPARE(result.summary(),
             QStringLiteral("Connection refused by 127.0.0.1: nothing is listening there, or a firewall rejects the "
                            "connection."));
    QVERIFY(result.isRetryable());
}

void TestWebhookSender::timesOut()
{
    TestReceiver::Response silent;
    silent.behaviour = TestReceiver::Behaviour::NeverAnswer;
    m_receiver->setResponses({ silent });
    const auto result = send(request(m_receiver->url(), 1));
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Timeout));
    QVERIFY2(result.durationMs >= 900 && result.durationMs < 5000, qPrintable(QString::number(result.durationMs)));
    QCOMPARE(result.summary(),
             QStringLiteral("No answer within 1 s: the receiver is down or too slow. If it is only slow, raise the "
                            "Timeout on the General settings page, or run \"crochet-cli webhook set URL --timeout "
                            "SECONDS\"."));
}

void TestWebhookSender::resetMidResponse()
{
    TestReceiver::Response reset;
    reset.behaviour = TestReceiver::Behaviour::ResetMidResponse;
    m_receiver->setResponses({ reset });
    const auto result = send(request(m_receiver->url()));
    QVERIFY(!result.isSuccess());
    QVERIFY(result.isRetryable());
    QCOMPARE(m_receiver->count(), 1);
}

void TestWebhookSender::hugeBodyIsCapped()
{
    TestReceiver::Response huge;
    huge.behaviour = TestReceiver::Behaviour::HugeBody;
    huge.hugeBodyBytes = 64LL * 1024 * 1024;
    m_receiver->setResponses({ huge });
    const auto result = send(request(m_receiver->url()));
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Delivered));
    QCOMPARE(result.responseBody.size(), DeliveryResult::MaxResponseBody);
    QVERIFY(result.responseTruncated);
}

void TestWebhookSender::cancel()
{
    TestReceiver::Response silent;
    silent.behaviour = TestReceiver::Behaviour::NeverAnswer;
    m_receiver->setResponses({ silent });
    auto* pending = m_sender->send(request(m_receiver->url()));
    QSignalSpy spy(pending, &PendingDelivery::finished);
    QTRY_COMPARE(m_receiver->count(), 1);
    pending->cancel();
    QVERIFY(spy.count() == 1 || spy.wait(5000));
    QCOMPARE(int(spy.first().first().value<DeliveryResult>().outcome), int(DeliveryResult::Outcome::Cancelled));
}

void TestWebhookSender::publicOnlyBlocksLoopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("reason");
    // An address is not said to "be" itself; a name is said to resolve to an address.
    QTest::newRow("address") << QStringLiteral("127.0.0.1")
                             << QStringLiteral("public addresses only, and 127.0.0.1 is a private, loopback or "
                                               "reserved address.");
    QTest::newRow("name resolving to loopback")
        << QStringLiteral("localhost") << QStringLiteral("public addresses only, and localhost resolves to ");
    QTest::newRow("decimal notation") << QStringLiteral("2130706433")
                                      << QStringLiteral(
                                             "public addresses only, and 127.0.0.1 is a private, loopback or "
                                             "reserved address.");
    QTest::newRow("IPv4-mapped") << QStringLiteral("::ffff:127.0.0.1")
                                 << QStringLiteral("public addresses only, and ::ffff:127.0.0.1 is a private, loopback "
                                                   "or reserved address.");
    QTest::newRow("NAT64") << QStringLiteral("64:ff9b::7f00:1")
                           << QStringLiteral("public addresses only, and 64:ff9b::7f00:1 is a private, loopback or "
                                             "reserved address.");
    QTest::newRow("6to4") << QStringLiteral("2002:7f00:1::1")
                          << QStringLiteral("public addresses only, and 2002:7f00:1::1 is a private, loopback or "
                                            "reserved address.");
}

void TestWebhookSender::publicOnlyBlocksLoopback()
{
    QFETCH(QString, host);
    QFETCH(QString, reason);
    auto url = m_receiver->url();
    url.setHost(host);
    auto sent = request(url);
    sent.network.hostPolicy = NetworkOptions::HostPolicy::PublicOnly;
    const auto result = send(sent);
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Blocked));
    const auto summary = result.summary();
    QVERIFY2(summary.startsWith(QStringLiteral("Blocked by the allowed-hosts policy: ") + reason), qPrintable(summary));
    QVERIFY2(summary.endsWith(QStringLiteral("reserved address. If this host is trusted, change the policy in "
                                             "Settings → Network.")),
             qPrintable(summary));
    QCOMPARE(m_receiver->count(), 0);
    // The reason is stored as a code with the host and address: a French reader reads it in French.
    const auto expected = result.refusal.address.isEmpty()
        ? QStringLiteral("Envoi bloqué par la règle des hôtes autorisés\u00a0: adresses publiques uniquement, et %1 "
                         "est une adresse privée, de bouclage ou réservée. Si cet hôte est de confiance, modifiez la "
                         "règle dans Réglages → Réseau.")
              .arg(result.host)
        : QStringLiteral("Envoi bloqué par la règle des hôtes autorisés\u00a0: adresses publiques uniquement, et %1 "
                         "est résolu en %2, une adresse privée, de bouclage ou réservée. Si cet hôte est de "
                         "confiance, modifiez la règle dans Réglages → Réseau.")
              .arg(result.host, result.refusal.address);
    QCOMPARE(readInFrench(result), expected);
}

void TestWebhookSender::hostList_data()
{
    QTest::addColumn<QStringList>("allowed");
    QTest::addColumn<bool>("delivered");
    QTest::newRow("address") << QStringList { QStringLiteral("127.0.0.1") } << true;
    QTest::newRow("range") << QStringList { QStringLiteral("127.0.0.0/8") } << true;
    QTest::newRow("other range") << QStringList { QStringLiteral("10.0.0.0/8") } << false;
    QTest::newRow("other name") << QStringList { QStringLiteral("hooks.example.com") } << false;
    QTest::newRow("empty list") << QStringList {} << false;
}

void TestWebhookSender::hostList()
{
    QFETCH(QStringList, allowed);
    QFETCH(bool, delivered);
    auto sent = request(m_receiver->url());
    sent.network.hostPolicy = NetworkOptions::HostPolicy::List;
    sent.network.allowedHosts = allowed;
    const auto result = send(sent);
    QCOMPARE(result.isSuccess(), delivered);
    QCOMPARE(m_receiver->count(), delivered ? 1 : 0);
    if (!delivered) {
        QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Blocked));
    }
}

void TestWebhookSender::explicitProxy()
{
    // The receiver plays the proxy: it sees the absolute target of a host that is never resolved here.
    auto sent = request(QUrl(QStringLiteral("http://hooks.crochet.invalid/abc")));
    sent.network.proxyUrl = QStringLiteral("http://127.0.0.1:%1").arg(m_receiver->port());
    const auto result = send(sent);
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Delivered));
    QCOMPARE(m_receiver->count(), 1);
    QCOMPARE(m_receiver->requests().first().target, QByteArrayLiteral("http://hooks.crochet.invalid/abc"));
}

void TestWebhookSender::environmentProxy()
{
    qputenv("HTTP_PROXY", QStringLiteral("http://127.0.0.1:%1").arg(m_receiver->port()).toLatin1());
    qputenv("NO_PROXY", "bypassed.invalid");
    const auto result = send(request(QUrl(QStringLiteral("http://hooks.crochet.invalid/env"))));
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Delivered));
    QCOMPARE(m_receiver->requests().first().target, QByteArrayLiteral("http://hooks.crochet.invalid/env"));
    QVERIFY(
        EnvironmentProxyFactory::bypassed(QStringLiteral("api.bypassed.invalid"), QStringLiteral("bypassed.invalid")));
    QVERIFY(
        !EnvironmentProxyFactory::bypassed(QStringLiteral("notbypassed.invalid"), QStringLiteral("bypassed.invalid")));
    qunsetenv("HTTP_PROXY");
    qunsetenv("NO_PROXY");
}

void TestWebhookSender::proxyFailure()
{
    const auto port = m_receiver->port();
    m_receiver->close();
    auto sent = request(QUrl(QStringLiteral("http://hooks.crochet.invalid/abc")));
    sent.network.proxyUrl = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const auto result = send(sent);
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::ProxyFailure));
    // The proxy comes from the Network settings: the diagnostic points there.
    QCOMPARE(result.proxy, QStringLiteral("127.0.0.1:%1").arg(port));
    QCOMPARE(int(result.proxySource), int(DeliveryResult::ProxySource::Settings));
    QVERIFY2(result.summary().startsWith(
                 QStringLiteral("The proxy 127.0.0.1:%1 set in Settings → Network failed: ").arg(port)),
             qPrintable(result.summary()));
    QVERIFY(result.summary().endsWith(QStringLiteral("Check it there, or clear it to use the system's proxy.")));
    // Qt's error is stored as its code, and read in French with Crochet's sentence.
    QCOMPARE(int(result.networkError), int(QNetworkReply::ConnectionRefusedError));
    QCOMPARE(readInFrench(result),
             QStringLiteral("Le proxy 127.0.0.1:%1 défini dans Réglages → Réseau a échoué\u00a0: la connexion a été "
                            "refusée. Vérifiez-le sur cette page, ou effacez-le pour utiliser le proxy du système.")
                 .arg(port));
}

void TestWebhookSender::environmentProxyFailure()
{
    const auto port = m_receiver->port();
    m_receiver->close();
    qputenv("HTTP_PROXY", QStringLiteral("http://127.0.0.1:%1").arg(port).toLatin1());
    const auto result = send(request(QUrl(QStringLiteral("http://hooks.crochet.invalid/env"))));
    qunsetenv("HTTP_PROXY");
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::ProxyFailure));
    QCOMPARE(int(result.proxySource), int(DeliveryResult::ProxySource::Environment));
    // The proxy comes from the environment: the diagnostic names the variables, and Settings → Network as a way out.
    QVERIFY2(
        result.summary().startsWith(
            QStringLiteral("The proxy 127.0.0.1:%1 given by the environment (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) "
                           "failed: ")
                .arg(port)),
        qPrintable(result.summary()));
    QVERIFY(result.summary().endsWith(QStringLiteral(
        "Correct or unset that variable, add the host to NO_PROXY, or set a proxy in Settings → Network.")));
}

void TestWebhookSender::proxyAuthentication()
{
    // The receiver plays a forward proxy that wants the credentials of the proxy URL: they go with the one request,
    // since Qt may not send it again after a challenge.
    TestReceiver::Response challenge;
    challenge.status = 407;
    challenge.headers.append({ QByteArrayLiteral("Proxy-Authenticate"), QByteArrayLiteral("Basic realm=\"proxy\"") });
    m_receiver->setResponses({ TestReceiver::status(204), challenge });
    auto sent = request(QUrl(QStringLiteral("http://hooks.crochet.invalid/abc")));
    sent.network.proxyUrl = QStringLiteral("http://proxyuser:proxypass@127.0.0.1:%1").arg(m_receiver->port());
    QVERIFY(send(sent).isSuccess());
    QCOMPARE(m_receiver->count(), 1);
    QCOMPARE(m_receiver->requests().first().header("Proxy-Authorization"),
             QByteArrayLiteral("Basic ") + QByteArrayLiteral("proxyuser:proxypass").toBase64());

    // Refused credentials: one request, a proxy diagnostic.
    const auto refused = send(sent);
    QCOMPARE(int(refused.outcome), int(DeliveryResult::Outcome::ProxyFailure));
    QVERIFY(!QSignalSpy(m_receiver.get(), &TestReceiver::requestReceived).wait(500));
    QCOMPARE(m_receiver->count(), 2);
}

void TestWebhookSender::authenticationChallengeIsNotAnswered()
{
    auto challenge = TestReceiver::status(401);
    challenge.headers.append({ QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"hooks\"") });
    m_receiver->setResponses({ challenge });
    auto url = m_receiver->url();
    url.setUserInfo(QStringLiteral("user:password"));
    auto sent = request(url);
    sent.headers.append({ QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer custom") });
    const auto result = send(sent);
    QCOMPARE(result.httpStatus, 401);
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::Rejected));
    // One request on the wire, with the administrator's header, never Qt's Basic credentials.
    QVERIFY(!QSignalSpy(m_receiver.get(), &TestReceiver::requestReceived).wait(500));
    QCOMPARE(m_receiver->count(), 1);
    QCOMPARE(m_receiver->requests().first().header("Authorization"), QByteArrayLiteral("Bearer custom"));
}

void TestWebhookSender::garbageIsNotSentAgain()
{
    TestReceiver::Response garbage;
    garbage.behaviour = TestReceiver::Behaviour::Garbage;
    // A kept-alive connection first, then garbage on it and on a fresh one.
    m_receiver->setResponses({ TestReceiver::status(204), garbage });
    QVERIFY(send(request(m_receiver->url())).isSuccess());
    const auto first = send(request(m_receiver->url()));
    QVERIFY(!first.isSuccess());
    const auto second = send(request(m_receiver->url()));
    QVERIFY(!second.isSuccess());
    QVERIFY(!QSignalSpy(m_receiver.get(), &TestReceiver::requestReceived).wait(500));
    QCOMPARE(m_receiver->count(), 3);
}

void TestWebhookSender::hugeHeadersAreCut()
{
    // One 80 KiB line, then 60 fields of 2 KiB: over the 64 KiB cap, within what Qt 6.4 parses (it drops a block
    // with a field over 100 KiB or more than 100 fields before showing anything).
    TestReceiver::Response longLine;
    longLine.behaviour = TestReceiver::Behaviour::HugeHeader;
    longLine.hugeBodyBytes = 80 * 1024;
    auto manyFields = TestReceiver::status(200);
    for (int i = 0; i < 60; ++i) {
        manyFields.headers.append({ QByteArrayLiteral("X-Field-") + QByteArray::number(i), QByteArray(2048, 'f') });
    }
    for (const auto& response : { longLine, manyFields }) {
        m_receiver->setResponses({ response });
        const auto result = send(request(m_receiver->url()));
        QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::HeadersTooLarge));
        QCOMPARE(result.httpStatus, 200);
        QVERIFY(!result.isSuccess());
        QVERIFY(!result.isRetryable());
        // Nothing of them is kept.
        QVERIFY(result.responseHeaders.isEmpty());
        QVERIFY(result.responseBody.isEmpty());
        QVERIFY2(result.summary().contains(QLatin1String("64 KiB")), qPrintable(result.summary()));
    }

    // Just under the cap is kept.
    longLine.hugeBodyBytes = 60 * 1024;
    m_receiver->setResponses({ longLine });
    const auto kept = send(request(m_receiver->url()));
    QVERIFY(kept.isSuccess());
    QCOMPARE(kept.responseHeaders.size(), 2);
}

void TestWebhookSender::policyConnectsToTheCheckedAddress()
{
    TestReceiver receiver;
    const auto tls = QDir(qEnvironmentVariable("CROCHET_TEST_DATA")).filePath(QStringLiteral("tls/"));
    QVERIFY(receiver.listenTls(tls + QStringLiteral("server.pem"), tls + QStringLiteral("server.key")));
    receiver.setStatus(204);
    auto url = receiver.url();
    url.setHost(QStringLiteral("localhost"));
    auto sent = request(url);
    sent.network.caCertificateFile = tls + QStringLiteral("ca.pem");
    sent.network.hostPolicy = NetworkOptions::HostPolicy::List;
    sent.network.allowedHosts = { QStringLiteral("localhost") };
    const auto result = send(sent);
    QVERIFY2(result.isSuccess(), qPrintable(result.summary()));
    // The request went to the address the policy saw, for the name the administrator wrote.
    QCOMPARE(result.remoteAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(receiver.requests().first().header("Host"), QStringLiteral("localhost:%1").arg(url.port()).toLatin1());

    // Without a policy, nothing is resolved beforehand.
    sent.network.hostPolicy = NetworkOptions::HostPolicy::Any;
    QVERIFY(send(sent).remoteAddress.isEmpty());
}

void TestWebhookSender::policyKeepsVerifyingTheName()
{
    TestReceiver receiver;
    const auto tls = QDir(qEnvironmentVariable("CROCHET_TEST_DATA")).filePath(QStringLiteral("tls/"));
    QVERIFY(receiver.listenTls(tls + QStringLiteral("wronghost.pem"), tls + QStringLiteral("wronghost.key")));
    auto url = receiver.url();
    url.setHost(QStringLiteral("localhost"));
    auto sent = request(url);
    sent.network.caCertificateFile = tls + QStringLiteral("ca.pem");
    sent.network.hostPolicy = NetworkOptions::HostPolicy::List;
    sent.network.allowedHosts = { QStringLiteral("127.0.0.0/8"), QStringLiteral("::1") };
    const auto result = send(sent);
    QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::TlsFailure));
    QVERIFY2(result.summary().contains(QLatin1String("the certificate is for another host name")),
             qPrintable(result.summary()));
    QCOMPARE(receiver.count(), 0);
    // The certificate's fault is stored as Qt's code, and read in French.
    QCOMPARE(result.tlsErrors, QList<QSslError::SslError> { QSslError::HostNameMismatch });
    QCOMPARE(
        readInFrench(result),
        QStringLiteral("Échec de la connexion sécurisée à localhost\u00a0: le certificat est émis pour un autre nom "
                       "d’hôte."));
}

void TestWebhookSender::deadlineRunsOnlyOnTheWire()
{
    // Twice as many requests as connections, each answered after 1.5 s with a 2 s timeout: those that wait for a
    // connection do not spend their timeout waiting.
    auto slow = TestReceiver::status(204);
    slow.delayMs = 1500;
    m_receiver->setResponses({ slow });
    QList<PendingDelivery*> pendings;
    QList<DeliveryResult> results;
    for (int i = 0; i < 2 * WebhookSender::ConnectionsPerHost; ++i) {
        auto* pending = m_sender->send(request(m_receiver->url(), 2));
        connect(pending, &PendingDelivery::finished, this, [&results](const DeliveryResult& r) { results.append(r); });
    }
    QCOMPARE(m_sender->activeCount(), WebhookSender::ConnectionsPerHost);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 2 * WebhookSender::ConnectionsPerHost, 15000);
    for (const auto& result : std::as_const(results)) {
        QVERIFY2(result.isSuccess(), qPrintable(result.summary()));
    }
    QCOMPARE(m_receiver->count(), 2 * WebhookSender::ConnectionsPerHost);
}

QTEST_GUILESS_MAIN(TestWebhookSender)
#include "TestWebhookSender.moc"
