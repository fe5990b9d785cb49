#include "Notification.h"
#include "TestReceiver.h"
#include "Version.h"
#include "WebhookConfig.h"
#include "WebhookSender.h"

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
    void environmentProxyFailure();

private:
    DeliveryResult send(const DeliveryRequest& request);
    DeliveryRequest request(const QUrl& url, int timeoutSeconds = 5) const;

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<WebhookSender> m_sender;
    std::unique_ptr<TestReceiver> m_receiver;
};

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

QTEST_GUILESS_MAIN(TestWebhookSender)
#include "TestWebhookSender.moc"
