#include "TestReceiver.h"
#include "outbox/Notification.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

// Verification is always on; an extra CA file makes internal receivers trusted, and failures say what failed.
class TestTls : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void verification_data();
    void verification();

private:
    static QString data(const QString& name)
    {
        return QDir(qEnvironmentVariable("CROCHET_TEST_DATA")).filePath(QStringLiteral("tls/") + name);
    }
};

void TestTls::cleanup()
{
    // The receiver's TLS sockets and the manager's connections are deleted later: let it happen before exit, so that
    // their OpenSSL state is freed rather than reported as leaked.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void TestTls::verification_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<bool>("trustTestCa");
    QTest::addColumn<bool>("delivered");
    QTest::addColumn<QString>("diagnostic");
    QTest::newRow("trusted through the extra CA") << QStringLiteral("server") << true << true << QString();
    QTest::newRow("issuer not trusted") << QStringLiteral("server") << false << false
                                        << QStringLiteral("the certificate's issuer is not trusted");
    QTest::newRow("self-signed") << QStringLiteral("selfsigned") << true << false
                                 << QStringLiteral("the certificate is self-signed");
    QTest::newRow("expired") << QStringLiteral("expired") << true << false
                             << QStringLiteral("the certificate has expired");
    QTest::newRow("wrong host") << QStringLiteral("wronghost") << true << false
                                << QStringLiteral("the certificate is for another host name");
}

void TestTls::verification()
{
    QFETCH(QString, certificate);
    QFETCH(bool, trustTestCa);
    QFETCH(bool, delivered);
    QFETCH(QString, diagnostic);

    TestReceiver receiver;
    QVERIFY(receiver.listenTls(data(certificate + QStringLiteral(".pem")), data(certificate + QStringLiteral(".key"))));
    receiver.setStatus(204);

    WebhookConfig config;
    config.timeoutSeconds = 10;
    if (trustTestCa) {
        config.network.caCertificateFile = data(QStringLiteral("ca.pem"));
        QCOMPARE(NetworkOptions::validateCaCertificateFile(config.network.caCertificateFile), QString());
    }
    QNetworkAccessManager network;
    WebhookSender sender(&network);
    auto* pending = sender.send(config.request(Notification::test(), receiver.url()));
    QSignalSpy spy(pending, &PendingDelivery::finished);
    QVERIFY(spy.wait(20000));
    const auto result = spy.first().first().value<DeliveryResult>();
    QCOMPARE(result.isSuccess(), delivered);
    QCOMPARE(receiver.count(), delivered ? 1 : 0);
    if (!delivered) {
        QCOMPARE(int(result.outcome), int(DeliveryResult::Outcome::TlsFailure));
        QVERIFY2(result.summary().contains(diagnostic), qPrintable(result.summary()));
        QVERIFY(result.summary().startsWith(QLatin1String("Secure connection to 127.0.0.1 failed: ")));
    }
}

QTEST_GUILESS_MAIN(TestTls)
#include "TestTls.moc"
