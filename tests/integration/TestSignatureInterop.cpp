#include "TestReceiver.h"
#include "outbox/Notification.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

// Crochet's signatures checked by an independent implementation: the standardwebhooks npm package on Node.js.
class TestSignatureInterop : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void referenceVerifierAccepts_data();
    void referenceVerifierAccepts();
    void referenceVerifierRejectsTampering();

private:
    TestReceiver::Request deliver(const WebhookConfig& config, const Notification& notification);
    int verify(const QString& secret, const TestReceiver::Request& request, const QByteArray& body);

    QString m_node;
    QString m_verifier;
};

void TestSignatureInterop::initTestCase()
{
    m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
    m_verifier = qEnvironmentVariable("CROCHET_NODE_VERIFIER");
    QVERIFY2(!m_node.isEmpty(), "Node.js is missing: run scripts/bootstrap.sh");
    QVERIFY2(QFile::exists(m_verifier), "the verifier script is missing");
    QVERIFY2(QFile::exists(QFileInfo(m_verifier).dir().filePath(QStringLiteral("node_modules/standardwebhooks"))),
             "the standardwebhooks package is missing: run scripts/bootstrap.sh");
}

TestReceiver::Request TestSignatureInterop::deliver(const WebhookConfig& config, const Notification& notification)
{
    TestReceiver receiver;
    if (!receiver.listen()) {
        return {};
    }
    QNetworkAccessManager network;
    WebhookSender sender(&network);
    auto* pending = sender.send(config.request(notification, receiver.url()));
    QSignalSpy spy(pending, &PendingDelivery::finished);
    if (!spy.wait(10000) || receiver.count() != 1) {
        return {};
    }
    return receiver.requests().first();
}

int TestSignatureInterop::verify(const QString& secret, const TestReceiver::Request& request, const QByteArray& body)
{
    QJsonObject headers;
    for (const auto* name : { "webhook-id", "webhook-timestamp", "webhook-signature" }) {
        headers.insert(QString::fromLatin1(name), QString::fromLatin1(request.header(name)));
    }
    const QJsonObject input { { QStringLiteral("secret"), secret },
                              { QStringLiteral("headers"), headers },
                              { QStringLiteral("body"), QString::fromUtf8(body) } };
    QProcess node;
    node.start(m_node, { m_verifier });
    node.write(QJsonDocument(input).toJson());
    node.closeWriteChannel();
    if (!node.waitForFinished(30000)) {
        return -1;
    }
    if (node.exitCode() != 0) {
        qInfo() << "verifier:" << node.readAllStandardError().trimmed();
    }
    return node.exitCode();
}

void TestSignatureInterop::referenceVerifierAccepts_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QStringLiteral("Ada");
    QTest::newRow("unicode and quotes") << QStringLiteral("Zoé \"🧶\" مرحبا \\ end");
}

void TestSignatureInterop::referenceVerifierAccepts()
{
    QFETCH(QString, name);
    WebhookConfig config;
    config.signingSecret = Signature::generateSecret();
    UserRecord user;
    user.id = QStringLiteral("u1");
    user.name = name;
    user.email = QStringLiteral("a@example.com");
    user.role = Role::User;
    user.createdAt = QDateTime::currentDateTimeUtc();
    const auto request = deliver(config, Notification::userCreated(user));
    QVERIFY(!request.body.isEmpty());
    QCOMPARE(verify(config.signingSecret, request, request.body), 0);

    // During a rotation the receiver may still hold the old secret: the second signature serves it.
    WebhookConfig rotating = config;
    rotating.previousSigningSecret = config.signingSecret;
    rotating.signingSecret = Signature::generateSecret();
    rotating.previousSecretExpiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    const auto rotated = deliver(rotating, Notification::test());
    QCOMPARE(verify(rotating.signingSecret, rotated, rotated.body), 0);
    QCOMPARE(verify(rotating.previousSigningSecret, rotated, rotated.body), 0);
}

void TestSignatureInterop::referenceVerifierRejectsTampering()
{
    WebhookConfig config;
    config.signingSecret = Signature::generateSecret();
    const auto request = deliver(config, Notification::test());
    QVERIFY(!request.body.isEmpty());
    QCOMPARE(verify(config.signingSecret, request, request.body + ' '), 1);
    QCOMPARE(verify(Signature::generateSecret(), request, request.body), 1);
}

QTEST_GUILESS_MAIN(TestSignatureInterop)
#include "TestSignatureInterop.moc"
