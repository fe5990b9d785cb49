#include "text/InputEcho.h"
#include "webhooks/WebhookConfig.h"

#include <QTest>

// The custom header rule that the Security page and "crochet-cli webhook header set" both apply.
class TestWebhookConfig : public QObject
{
    Q_OBJECT

private slots:
    void headerProblem_data();
    void headerProblem();
    void cappedEcho();
};

void TestWebhookConfig::headerProblem_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem"); // empty: accepted

    const auto ok = QString();
    QTest::newRow("bearer") << QStringLiteral("Authorization") << QStringLiteral("Bearer s3cr3t") << ok;
    QTest::newRow("inner tab and space") << QStringLiteral("X-Api-Key") << QStringLiteral("a\tb c") << ok;
    QTest::newRow("all visible ASCII") << QStringLiteral("X-Visible")
                                       << QStringLiteral("!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~") << ok;
    QTest::newRow("empty value") << QStringLiteral("X-Empty") << QString() << ok;
    QTest::newRow("token punctuation in name") << QStringLiteral("X-A.b_c~d!") << QStringLiteral("v") << ok;

    const auto lineBreak = QStringLiteral("A header value must not contain line breaks.");
    QTest::newRow("CR") << QStringLiteral("X-A") << QStringLiteral("a\rb") << lineBreak;
    QTest::newRow("LF") << QStringLiteral("X-A") << QStringLiteral("a\nX-Evil: 1") << lineBreak;
    QTest::newRow("NUL") << QStringLiteral("X-A") << QStringLiteral("a%1b").arg(QChar(0))
                         << QStringLiteral("A header value must not contain control characters (here U+0000).");
    QTest::newRow("SOH") << QStringLiteral("X-A") << QStringLiteral("a\x01")
                         << QStringLiteral("A header value must not contain control characters (here U+0001).");
    QTest::newRow("ESC") << QStringLiteral("X-A") << QStringLiteral("\x1b[31m")
                         << QStringLiteral("A header value must not contain control characters (here U+001B).");
    QTest::newRow("DEL") << QStringLiteral("X-A") << QStringLiteral("a\x7f")
                         << QStringLiteral("A header value must not contain control characters (here U+007F).");
    const auto ascii = QStringLiteral("A header value must be plain ASCII: encode other characters as the receiver "
                                      "expects (for example percent-encoding or Base64).");
    QTest::newRow("obs-text Latin-1") << QStringLiteral("X-A") << QStringLiteral("café") << ascii;
    QTest::newRow("C1 control") << QStringLiteral("X-A") << QStringLiteral("a%1").arg(QChar(0x85)) << ascii;
    QTest::newRow("bidi override") << QStringLiteral("X-A") << QStringLiteral("a%1").arg(QChar(0x202E)) << ascii;
    const auto edges =
        QStringLiteral("A header value must not begin or end with a space or a tab: receivers would drop them.");
    QTest::newRow("leading space") << QStringLiteral("X-A") << QStringLiteral(" v") << edges;
    QTest::newRow("trailing tab") << QStringLiteral("X-A") << QStringLiteral("v\t") << edges;
    QTest::newRow("8 KiB") << QStringLiteral("X-A") << QString(8 * 1024, QLatin1Char('v')) << ok;
    QTest::newRow("over 8 KiB") << QStringLiteral("X-A") << QString(8 * 1024 + 1, QLatin1Char('v'))
                                << QStringLiteral("A header value must not exceed 8192 characters.");

    const auto invalidName = [](const QString& shown) {
        return QStringLiteral("\"%1\" is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only.")
            .arg(shown);
    };
    QTest::newRow("empty name") << QString() << QStringLiteral("v") << invalidName(QString());
    QTest::newRow("space in name") << QStringLiteral("X A") << QStringLiteral("v")
                                   << invalidName(QStringLiteral("X A"));
    QTest::newRow("colon in name") << QStringLiteral("X:A") << QStringLiteral("v")
                                   << invalidName(QStringLiteral("X:A"));
    QTest::newRow("pseudo-header") << QStringLiteral(":authority") << QStringLiteral("v")
                                   << invalidName(QStringLiteral(":authority"));
    QTest::newRow("non-ASCII name") << QStringLiteral("X-Clé") << QStringLiteral("v")
                                    << invalidName(QStringLiteral("X-Clé"));
    QTest::newRow("huge name, echo capped") << QString(100000, QLatin1Char('@')) << QStringLiteral("v")
                                            << invalidName(QString(59, QLatin1Char('@')) + QChar(0x2026));

    const auto connection = [](const QString& name) {
        return QStringLiteral("%1 governs the connection itself, which Crochet and Qt manage; it cannot be set as a "
                              "custom header.")
            .arg(name);
    };
    for (const auto* name : { "Connection", "keep-alive", "Proxy-Connection", "TE", "Trailer", "Upgrade", "Expect",
                              "Proxy-Authorization", "HTTP2-Settings" }) {
        QTest::newRow(name) << QString::fromLatin1(name) << QStringLiteral("v")
                            << connection(QString::fromLatin1(name));
    }
    const auto framing = [](const QString& name) {
        return QStringLiteral("%1 describes how the body is sent, which Crochet sets from the payload; a custom value "
                              "would make the receiver misread the request.")
            .arg(name);
    };
    for (const auto* name : { "Content-Length", "TRANSFER-ENCODING", "Content-Encoding" }) {
        QTest::newRow(name) << QString::fromLatin1(name) << QStringLiteral("v") << framing(QString::fromLatin1(name));
    }
    QTest::newRow("Host") << QStringLiteral("host") << QStringLiteral("evil.example")
                          << QStringLiteral("The Host header comes from the webhook URL; change the URL instead.");
    const auto crochet = [](const QString& name) {
        return QStringLiteral("Crochet sets the %1 header itself; it cannot be replaced.").arg(name);
    };
    for (const auto* name :
         { "Content-Type", "User-Agent", "webhook-id", "Webhook-Timestamp", "webhook-signature", "Accept-Encoding" }) {
        QTest::newRow(name) << QString::fromLatin1(name) << QStringLiteral("v") << crochet(QString::fromLatin1(name));
    }
}

void TestWebhookConfig::headerProblem()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, problem);
    QCOMPARE(WebhookConfig::headerProblem(name, value), problem);
}

void TestWebhookConfig::cappedEcho()
{
    QCOMPARE(InputEcho::capped(QStringLiteral("short")), QStringLiteral("short"));
    const QString sixty(60, QLatin1Char('x'));
    QCOMPARE(InputEcho::capped(sixty), sixty);
    QCOMPARE(InputEcho::capped(sixty + QLatin1Char('y')), QString(59, QLatin1Char('x')) + QChar(0x2026));
    // A surrogate pair is never split.
    const QString emoji = QString(58, QLatin1Char('x')) + QStringLiteral("🧶🧶");
    QCOMPARE(InputEcho::capped(emoji), QString(58, QLatin1Char('x')) + QChar(0x2026));
}

QTEST_GUILESS_MAIN(TestWebhookConfig)
#include "TestWebhookConfig.moc"
