#include "outbox/Notification.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookConfig.h"

#include <QTest>

class TestSignature : public QObject
{
    Q_OBJECT

private slots:
    void standardWebhooksVector();
    void generatedSecrets();
    void rotationSignsWithBothFor24Hours();
};

void TestSignature::standardWebhooksVector()
{
    // The example of the Standard Webhooks specification.
    QCOMPARE(Signature::sign(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                             QStringLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek"), 1614265330,
                             QByteArrayLiteral("{\"test\": 2432232314}")),
             QByteArrayLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
}

void TestSignature::generatedSecrets()
{
    const auto a = Signature::generateSecret();
    const auto b = Signature::generateSecret();
    QVERIFY(a.startsWith(QLatin1String("whsec_")));
    QVERIFY(a != b);
    QVERIFY(Signature::isValidSecret(a));
    QCOMPARE(QByteArray::fromBase64(a.mid(6).toLatin1()).size(), 32);
    QVERIFY(!Signature::isValidSecret(QStringLiteral("whsec_short")));
}

void TestSignature::rotationSignsWithBothFor24Hours()
{
    WebhookConfig config;
    config.signingSecret = Signature::generateSecret();
    config.previousSigningSecret = Signature::generateSecret();
    const auto now = QDateTime::currentDateTimeUtc();
    config.previousSecretExpiresAt = now.addSecs(3600);
    const auto notification = Notification::test();
    const auto request = config.request(notification, QUrl(QStringLiteral("https://example.com/h")), now);
    QByteArray signature;
    for (const auto& [name, value] : request.headers) {
        if (name == "webhook-signature") {
            signature = value;
        }
    }
    const auto parts = signature.split(' ');
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(0),
             Signature::sign(config.signingSecret, notification.id, now.toSecsSinceEpoch(), request.payload.body));
    QCOMPARE(
        parts.at(1),
        Signature::sign(config.previousSigningSecret, notification.id, now.toSecsSinceEpoch(), request.payload.body));

    config.previousSecretExpiresAt = now.addSecs(-1);
    const auto later = config.request(notification, QUrl(QStringLiteral("https://example.com/h")), now);
    for (const auto& [name, value] : later.headers) {
        if (name == "webhook-signature") {
            QVERIFY(!value.contains(' '));
        }
    }
}

QTEST_GUILESS_MAIN(TestSignature)
#include "TestSignature.moc"
