#include "CliRunner.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "Version.h"
#include "outbox/DeliveryResult.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookUrl.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <optional>

// crochet-cli webhook …, the global options, help and usage errors.
class TestCliWebhook : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void versionAndHelp();
    void actionHelp();
    void usageErrors_data();
    void usageErrors();

    void setValidUrl();
    void setInvalidUrlSavesNothing_data();
    void setInvalidUrlSavesNothing();
    void setRejectsBadOptions_data();
    void setRejectsBadOptions();
    void showWithoutUrl();
    void showFromSettings();
    void showFromEnvironment();
    void showInvalidEnvironmentUrl();
    void setWarnsWhenEnvironmentOverrides();
    void showMasksUnlessRevealed();
    void clear();

    void testDelivered();
    void testServerError();
    void testConnectionRefused();
    void testWithoutUrl();
    void testShowsReceiverTextVisibly();

    void secretGenerateAndClear();
    void headerSetAndRemove();
    void headerRefusesBadInput_data();
    void headerRefusesBadInput();
    void headerValueFromStandardInput();
    void urlFromStandardInput();
    void secretFromStandardInput();

    void frenchOutput();

private:
    QStringList showLines(const QStringList& extra = {});

    std::optional<QTemporaryDir> m_dir;
    std::optional<CliRunner> m_cli;
};

namespace {

// The French catalogue's text for a source string, with its typographic spaces made plain for comparisons.
QString plainSpaces(QString text)
{
    return text.replace(QChar(0x00A0), QLatin1Char(' ')).replace(QChar(0x202F), QLatin1Char(' '));
}

QJsonObject bodyOf(const TestReceiver::Request& request)
{
    return QJsonDocument::fromJson(request.body).object();
}

} // namespace

void TestCliWebhook::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_cli.emplace(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("crochet.sqlite"))));
}

void TestCliWebhook::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

QStringList TestCliWebhook::showLines(const QStringList& extra)
{
    const auto result = m_cli->run(QStringList { QStringLiteral("webhook"), QStringLiteral("show") } + extra);
    if (result.exitCode != 0 || !result.err.isEmpty()) {
        qWarning("%s", result.describe().constData());
    }
    return result.outLines();
}

void TestCliWebhook::versionAndHelp()
{
    const auto version = m_cli->run({ QStringLiteral("--version") });
    CLI_VERIFY_EXIT(version, 0);
    QCOMPARE(version.out, QStringLiteral("crochet-cli " CROCHET_VERSION "\n"));
    QCOMPARE(version.err, QString());

    const auto help = m_cli->run({ QStringLiteral("--help") });
    CLI_VERIFY_EXIT(help, 0);
    QVERIFY(help.out.startsWith(QLatin1String("Usage: crochet-cli [global options] <command>")));
    for (const auto* expected : { "--database <path or URL>", "--lang <language>", "webhook set [URL]",
                                  "webhook secret generate", "webhook secret set", "webhook header set NAME [VALUE]",
                                  "user add", "user import FILE.csv", "deliveries retry [ID]", "deliveries flush" }) {
        QVERIFY2(help.out.contains(QLatin1String(expected)), expected);
    }
    QCOMPARE(help.err, QString());

    const auto groupHelp = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("--help") });
    CLI_VERIFY_EXIT(groupHelp, 0);
    QVERIFY(groupHelp.out.startsWith(QLatin1String("Usage: crochet-cli [global options] webhook <action>")));
    QVERIFY(groupHelp.out.contains(QLatin1String("header remove")));
}

void TestCliWebhook::actionHelp()
{
    const auto help = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), QStringLiteral("--help") });
    CLI_VERIFY_EXIT(help, 0);
    const auto lines = help.outLines();
    QCOMPARE(lines.value(0), QStringLiteral("Usage: crochet-cli webhook set [options] [URL]"));
    QVERIFY(help.out.contains(QLatin1String("--url-stdin")));
    QVERIFY(help.out.contains(QLatin1String("--format <format>")));
    QVERIFY(help.out.contains(QLatin1String("auto|discord|slack|google-chat|teams|json|text")));
    QVERIFY(help.out.contains(QLatin1String("--timeout <seconds>")));

    const auto userHelp = m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--help") });
    CLI_VERIFY_EXIT(userHelp, 0);
    QVERIFY(userHelp.out.contains(QLatin1String("--password-stdin")));
    // Help never touches the database.
    QVERIFY(!QFile::exists(m_cli->databasePath()));
}

void TestCliWebhook::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("no command") << QStringList {} << QStringLiteral("Missing command.");
    QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") }
                                     << QStringLiteral("Unknown command \"frobnicate\".");
    QTest::newRow("unknown global option") << QStringList { QStringLiteral("--frob"), QStringLiteral("webhook") }
                                           << QStringLiteral("Unknown option 'frob'.");
    QTest::newRow("unknown language") << QStringList { QStringLiteral("--lang"), QStringLiteral("de"),
                                                       QStringLiteral("webhook"), QStringLiteral("show") }
                                      << QStringLiteral("Unknown language \"de\": use fr or en.");
    QTest::newRow("missing action") << QStringList { QStringLiteral("webhook") }
                                    << QStringLiteral("Missing action after \"webhook\".");
    QTest::newRow("unknown action") << QStringList { QStringLiteral("webhook"), QStringLiteral("frob") }
                                    << QStringLiteral("Unknown action \"frob\" for \"webhook\".");
    QTest::newRow("unknown action option")
        << QStringList { QStringLiteral("webhook"), QStringLiteral("show"), QStringLiteral("--frob") }
        << QStringLiteral("Unknown option 'frob'.");
    QTest::newRow("missing argument") << QStringList { QStringLiteral("webhook"), QStringLiteral("set") }
                                      << QStringLiteral("Missing argument URL (or --url-stdin).");
    QTest::newRow("extra argument") << QStringList { QStringLiteral("webhook"), QStringLiteral("clear"),
                                                     QStringLiteral("now") }
                                    << QStringLiteral("Unexpected argument \"now\".");
    QTest::newRow("missing value") << QStringList { QStringLiteral("deliveries"), QStringLiteral("list"),
                                                    QStringLiteral("--status") }
                                   << QStringLiteral("Missing value after '--status'.");
}

void TestCliWebhook::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const auto result = m_cli->run(arguments);
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.errLines().value(0), message);
    QVERIFY2(result.errLines().value(1).startsWith(QLatin1String("Usage: crochet-cli ")), qPrintable(result.err));
    QVERIFY(result.err.contains(QLatin1String("--help")));
}

void TestCliWebhook::setValidUrl()
{
    const auto url = QStringLiteral("https://discord.com/api/webhooks/123456/SecretTokenValue");
    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), url });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines(), QStringList { QStringLiteral("Webhook URL saved: https://discord.com/…alue") });
    QCOMPARE(result.err, QString());
    QVERIFY(!result.out.contains(QLatin1String("SecretToken")));

    QCOMPARE(showLines({ QStringLiteral("--reveal") }).value(0), QStringLiteral("URL: ") + url);
}

void TestCliWebhook::setInvalidUrlSavesNothing_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("ftp") << QStringLiteral("ftp://example.com/hook");
    QTest::newRow("no scheme") << QStringLiteral("example.com/hook");
    QTest::newRow("space") << QStringLiteral("https://example.com/a hook");
    QTest::newRow("no host") << QStringLiteral("https:///hook");
    QTest::newRow("empty") << QString();
}

void TestCliWebhook::setInvalidUrlSavesNothing()
{
    QFETCH(QString, url);
    const auto saved = QStringLiteral("https://example.com/hooks/first");
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), saved }), 0);

    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), url, QStringLiteral("--format"),
                                     QStringLiteral("slack"), QStringLiteral("--timeout"), QStringLiteral("3") });
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err, WebhookUrl::validate(url).message + QLatin1Char('\n'));

    // Neither the URL nor the options given with it were saved.
    const auto lines = showLines({ QStringLiteral("--reveal") });
    QCOMPARE(lines.value(0), QStringLiteral("URL: ") + saved);
    QCOMPARE(lines.value(2), QStringLiteral("Format: Auto, which picks JSON for this URL"));
    QCOMPARE(lines.value(3), QStringLiteral("Timeout: 10 s"));
}

void TestCliWebhook::setRejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("format") << QStringList { QStringLiteral("--format"), QStringLiteral("xml") }
                            << QStringLiteral(
                                   "Unknown format \"xml\": use one of auto, discord, slack, google-chat, teams, json, "
                                   "text.");
    QTest::newRow("timeout zero") << QStringList { QStringLiteral("--timeout"), QStringLiteral("0") }
                                  << QStringLiteral("The timeout must be a whole number of seconds from 1 to 300.");
    QTest::newRow("timeout text") << QStringList { QStringLiteral("--timeout"), QStringLiteral("ten") }
                                  << QStringLiteral("The timeout must be a whole number of seconds from 1 to 300.");
}

void TestCliWebhook::setRejectsBadOptions()
{
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    const auto result = m_cli->run(
        QStringList { QStringLiteral("webhook"), QStringLiteral("set"), QStringLiteral("https://example.com/hook") }
        + options);
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.errLines().value(0), message);
    QCOMPARE(showLines().value(0), QStringLiteral("URL: none"));
}

void TestCliWebhook::showWithoutUrl()
{
    QCOMPARE(showLines(),
             (QStringList { QStringLiteral("URL: none"), QStringLiteral("Endpoint: Main (No URL)"),
                            QStringLiteral("Format: Auto"), QStringLiteral("Timeout: 10 s"),
                            QStringLiteral("Digest: off for this format, one message per notification"),
                            QStringLiteral("Events: Account created (user.created)"),
                            QStringLiteral("Messages: the default ones"), QStringLiteral("Signing: off"),
                            QStringLiteral("Custom headers: none") }));
}

void TestCliWebhook::showFromSettings()
{
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"),
                                 QStringLiteral("https://hooks.slack.com/services/T000/B000/XXXXsecretYYYY"),
                                 QStringLiteral("--timeout"), QStringLiteral("7") }),
                    0);
    QCOMPARE(showLines(),
             (QStringList {
                 QStringLiteral("URL: https://hooks.slack.com/…YYYY"), QStringLiteral("Endpoint: Main (Active)"),
                 QStringLiteral("Format: Auto, which picks Slack for this URL"), QStringLiteral("Timeout: 7 s"),
                 QStringLiteral("Digest: on for this format, notifications falling due within 10 s go as one message"),
                 QStringLiteral("Events: Account created (user.created)"), QStringLiteral("Messages: the default ones"),
                 QStringLiteral("Signing: off"), QStringLiteral("Custom headers: none") }));

    CLI_VERIFY_EXIT(
        m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), QStringLiteral("https://example.com/hook"),
                     QStringLiteral("--format"), QStringLiteral("text") }),
        0);
    QCOMPARE(showLines().value(2), QStringLiteral("Format: Plain text"));
}

void TestCliWebhook::showFromEnvironment()
{
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"),
                                 QStringLiteral("https://example.com/saved-token") }),
                    0);
    m_cli->setEnvironmentVariable(QStringLiteral("WEBHOOK_URL"),
                                  QStringLiteral("https://discord.com/api/webhooks/42/EnvironmentToken"));
    const auto lines = showLines();
    // The variable adds an endpoint of its own; the main endpoint keeps its URL.
    QCOMPARE(lines.mid(0, 4),
             (QStringList { QStringLiteral("URL: https://example.com/…oken"), QStringLiteral("Endpoint: Main (Active)"),
                            QStringLiteral("Also notified of new accounts while WEBHOOK_URL is set: "
                                           "https://discord.com/…oken"),
                            QStringLiteral("Format: Auto, which picks JSON for this URL") }));
    QVERIFY(!lines.join(QLatin1Char('\n')).contains(QLatin1String("EnvironmentToken")));
}

void TestCliWebhook::showInvalidEnvironmentUrl()
{
    m_cli->setEnvironmentVariable(QStringLiteral("WEBHOOK_URL"), QStringLiteral("http://x/\r"));
    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("show") });
    CLI_VERIFY_EXIT(result, 0);
    const auto lines = result.outLines();
    QCOMPARE(lines.value(1), QStringLiteral("Endpoint: Main (No URL)"));
    QCOMPARE(lines.value(2), QStringLiteral("Also notified of new accounts while WEBHOOK_URL is set: http://x/…/%0D"));
}

void TestCliWebhook::setWarnsWhenEnvironmentOverrides()
{
    m_cli->setEnvironmentVariable(QStringLiteral("WEBHOOK_URL"), QStringLiteral("https://example.com/from-env"));
    const auto result =
        m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), QStringLiteral("https://example.com/saved") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.err,
             QStringLiteral("Note: the environment variable WEBHOOK_URL is set; new accounts are also notified to its "
                            "URL, as an endpoint of its own, while it is set.\n"));
    m_cli->setEnvironmentVariable(QStringLiteral("WEBHOOK_URL"), {});
    QCOMPARE(
        showLines({ QStringLiteral("--reveal") }).mid(0, 2),
        (QStringList { QStringLiteral("URL: https://example.com/saved"), QStringLiteral("Endpoint: Main (Active)") }));
}

void TestCliWebhook::showMasksUnlessRevealed()
{
    const auto url = QStringLiteral("https://example.com/hooks/abcdef0123456789?token=SuperSecret42");
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), url }), 0);
    const auto masked = showLines().join(QLatin1Char('\n'));
    QVERIFY2(!masked.contains(QLatin1String("SuperSecret")), qPrintable(masked));
    QVERIFY(!masked.contains(QLatin1String("abcdef0123456789")));
    QVERIFY(masked.startsWith(QStringLiteral("URL: https://example.com/…et42\n")));
    QCOMPARE(showLines({ QStringLiteral("--reveal") }).value(0), QStringLiteral("URL: ") + url);
}

void TestCliWebhook::clear()
{
    CLI_VERIFY_EXIT(
        m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), QStringLiteral("https://a.example/h") }), 0);
    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("clear") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.out, QStringLiteral("Saved webhook URL cleared.\n"));
    QCOMPARE(showLines().value(1), QStringLiteral("Endpoint: Main (No URL)"));
}

void TestCliWebhook::testDelivered()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), receiver.url().toString() }), 0);

    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") });
    CLI_VERIFY_EXIT(result, 0);
    const auto lines = result.outLines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(
        lines.at(0),
        QStringLiteral("Sending a test notification to %1 (Main)…").arg(WebhookUrl::mask(receiver.url().toString())));
    QVERIFY2(QRegularExpression(QStringLiteral("^Delivered: HTTP 204 in \\d+ ms\\.$")).match(lines.at(1)).hasMatch(),
             qPrintable(lines.at(1)));
    QCOMPARE(result.err, QString());

    QCOMPARE(receiver.count(), 1);
    const auto& request = receiver.requests().constFirst();
    QCOMPARE(request.method, QByteArrayLiteral("POST"));
    QCOMPARE(bodyOf(request).value(QStringLiteral("event")).toString(), QStringLiteral("webhook.test"));
    QVERIFY(!request.header("webhook-id").isEmpty());
    QCOMPARE(request.header("User-Agent"), QByteArrayLiteral("Crochet/" CROCHET_VERSION));
}

void TestCliWebhook::testServerError()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(500);
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), receiver.url().toString() }), 0);

    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.err, DeliveryResult::fromHttpStatus(500).summary() + QLatin1Char('\n'));
    QCOMPARE(receiver.count(), 1);
}

void TestCliWebhook::testConnectionRefused()
{
    quint16 port = 0;
    {
        TestReceiver closed;
        QVERIFY(closed.listen());
        port = closed.port();
    }
    const auto url = QStringLiteral("http://127.0.0.1:%1/hook").arg(port);
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), url }), 0);

    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") });
    CLI_VERIFY_EXIT(result, 1);
    DeliveryResult refused;
    refused.outcome = DeliveryResult::Outcome::ConnectionRefused;
    refused.host = QStringLiteral("127.0.0.1");
    QCOMPARE(result.err, refused.summary() + QLatin1Char('\n'));
}

void TestCliWebhook::testShowsReceiverTextVisibly()
{
    // A receiver that tries to colour the terminal, clear it and set its title through its answer.
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    auto response = TestReceiver::status(302, QByteArrayLiteral("\x1b[2J\x1b]0;pwned\x07 moved \xc2\x9b"));
    response.headers = { { QByteArrayLiteral("Location"), QByteArrayLiteral("http://x/\x1b[31mred\x1b[0m") } };
    receiver.setResponses({ response });
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), receiver.url().toString() }), 0);

    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(receiver.count(), 1);
    QVERIFY2(result.unsafeCharacters().isEmpty(), result.describe().constData());
    QVERIFY2(result.err.contains(QLatin1String("http://x/\\x1b[31mred\\x1b[0m")), result.describe().constData());
}

void TestCliWebhook::testWithoutUrl()
{
    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err,
             QStringLiteral("No webhook URL is configured: save one with \"crochet-cli webhook set URL\" or "
                            "set WEBHOOK_URL.\n"));
}

void TestCliWebhook::secretGenerateAndClear()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), receiver.url().toString() }), 0);

    const auto first = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("secret"), QStringLiteral("generate") });
    CLI_VERIFY_EXIT(first, 0);
    QCOMPARE(first.outLines().size(), 2);
    const auto firstSecret = first.outLines().at(1);
    QVERIFY2(Signature::isValidSecret(firstSecret), qPrintable(firstSecret));

    auto lines = showLines();
    QVERIFY(lines.contains(QStringLiteral("Signing: on")));
    QVERIFY(!lines.join(QLatin1Char('\n')).contains(firstSecret));
    QVERIFY(showLines({ QStringLiteral("--reveal") }).contains(QStringLiteral("Signing secret: ") + firstSecret));

    // Rotating keeps the old secret signing alongside the new one.
    const auto second = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("secret"), QStringLiteral("generate") });
    CLI_VERIFY_EXIT(second, 0);
    const auto secondSecret = second.outLines().value(1);
    QVERIFY(Signature::isValidSecret(secondSecret));
    QVERIFY(secondSecret != firstSecret);
    QVERIFY(
        second.outLines().value(2).startsWith(QLatin1String("The previous secret keeps signing alongside it until ")));
    lines = showLines();
    QVERIFY(!lines.join(QLatin1Char('\n')).contains(QLatin1String("whsec_")));
    QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const QString& line) {
        return line.startsWith(QLatin1String("The previous secret also signs until "));
    }));

    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") }), 0);
    QCOMPARE(receiver.count(), 1);
    const auto& request = receiver.requests().constFirst();
    const auto signatures = request.header("webhook-signature").split(' ');
    QCOMPARE(signatures.size(), 2);
    const auto id = QString::fromLatin1(request.header("webhook-id"));
    const auto timestamp = request.header("webhook-timestamp").toLongLong();
    QCOMPARE(signatures.at(0), Signature::sign(secondSecret, id, timestamp, request.body));
    QCOMPARE(signatures.at(1), Signature::sign(firstSecret, id, timestamp, request.body));

    const auto cleared = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("secret"), QStringLiteral("clear") });
    CLI_VERIFY_EXIT(cleared, 0);
    QCOMPARE(cleared.out, QStringLiteral("Signing turned off: requests are no longer signed.\n"));
    lines = showLines({ QStringLiteral("--reveal") });
    QVERIFY(lines.contains(QStringLiteral("Signing: off")));
    QVERIFY(!lines.join(QLatin1Char('\n')).contains(QLatin1String("whsec_")));
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") }), 0);
    QCOMPARE(receiver.count(), 2);
    QVERIFY(receiver.requests().at(1).header("webhook-signature").isEmpty());
}

void TestCliWebhook::headerSetAndRemove()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), receiver.url().toString() }), 0);

    const auto set = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"),
                                  QStringLiteral("Authorization"), QStringLiteral("Bearer tok-123456") });
    CLI_VERIFY_EXIT(set, 0);
    QCOMPARE(set.out, QStringLiteral("Header saved: Authorization: ••••\n"));
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"),
                                 QStringLiteral("X-Team"), QStringLiteral("blue") }),
                    0);
    // Setting a header again, whatever its case, replaces it.
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"),
                                 QStringLiteral("x-team"), QStringLiteral("green") }),
                    0);

    auto lines = showLines();
    QCOMPARE(lines.mid(lines.indexOf(QStringLiteral("Custom headers:"))),
             (QStringList { QStringLiteral("Custom headers:"), QStringLiteral("  Authorization: ••••"),
                            QStringLiteral("  x-team: ••••") }));
    lines = showLines({ QStringLiteral("--reveal") });
    QVERIFY(lines.contains(QStringLiteral("  Authorization: Bearer tok-123456")));
    QVERIFY(lines.contains(QStringLiteral("  x-team: green")));

    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") }), 0);
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(receiver.requests().constFirst().header("Authorization"), QByteArrayLiteral("Bearer tok-123456"));
    QCOMPARE(receiver.requests().constFirst().header("X-Team"), QByteArrayLiteral("green"));

    const auto removed = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("remove"),
                                      QStringLiteral("authorization") });
    CLI_VERIFY_EXIT(removed, 0);
    QCOMPARE(removed.out, QStringLiteral("Header removed: authorization\n"));
    const auto again = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("remove"),
                                    QStringLiteral("Authorization") });
    CLI_VERIFY_EXIT(again, 1);
    QCOMPARE(again.err, QStringLiteral("There is no custom header named Authorization.\n"));
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("remove"),
                                 QStringLiteral("X-Team") }),
                    0);
    QCOMPARE(showLines().constLast(), QStringLiteral("Custom headers: none"));
}

void TestCliWebhook::headerRefusesBadInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("space in name") << QStringLiteral("X Team") << QStringLiteral("v")
                                   << QStringLiteral("\"X Team\" is not a valid header name: use letters, digits and "
                                                     "!#$%&'*+-.^_`|~ only.");
    QTest::newRow("colon in name") << QStringLiteral("X:Team") << QStringLiteral("v")
                                   << QStringLiteral("\"X:Team\" is not a valid header name: use letters, digits and "
                                                     "!#$%&'*+-.^_`|~ only.");
    QTest::newRow("line feed in value") << QStringLiteral("X-Team") << QStringLiteral("a\nInjected: yes")
                                        << QStringLiteral("A header value must not contain line breaks.");
    QTest::newRow("carriage return in value") << QStringLiteral("X-Team") << QStringLiteral("a\rb")
                                              << QStringLiteral("A header value must not contain line breaks.");
    QTest::newRow("control byte in value")
        << QStringLiteral("X-Team") << QStringLiteral("a\x01")
        << QStringLiteral("A header value must not contain control characters (here U+0001).");
    QTest::newRow("DEL in value") << QStringLiteral("X-Team") << QStringLiteral("a\x7f")
                                  << QStringLiteral(
                                         "A header value must not contain control characters (here U+007F).");
    QTest::newRow("framing header") << QStringLiteral("Content-Encoding") << QStringLiteral("gzip")
                                    << QStringLiteral("Content-Encoding describes how the body is sent, which Crochet "
                                                      "sets from the payload; a custom value would make the receiver "
                                                      "misread the request.");
    QTest::newRow("hop-by-hop header") << QStringLiteral("Connection") << QStringLiteral("close")
                                       << QStringLiteral("Connection governs the connection itself, which Crochet and "
                                                         "Qt manage; it cannot be set as a custom header.");
    QTest::newRow("Host") << QStringLiteral("Host") << QStringLiteral("evil.example")
                          << QStringLiteral("The Host header comes from the webhook URL; change the URL instead.");
    QTest::newRow("reserved") << QStringLiteral("Webhook-Signature") << QStringLiteral("v1,forged")
                              << QStringLiteral("Crochet sets the Webhook-Signature header itself; it cannot be "
                                                "replaced.");
}

void TestCliWebhook::headerRefusesBadInput()
{
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const auto result =
        m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"), name, value });
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.err, message + QLatin1Char('\n'));
    QCOMPARE(showLines().constLast(), QStringLiteral("Custom headers: none"));
}

void TestCliWebhook::headerValueFromStandardInput()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), receiver.url().toString() }), 0);
    const QStringList setAuthorization { QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"),
                                         QStringLiteral("Authorization"), QStringLiteral("--value-stdin") };

    // Refused: nothing saved, exit 2, and the value never echoed.
    const auto control = m_cli->run(setAuthorization, QByteArrayLiteral("Bearer \x1b]0;owned\x07\n"));
    CLI_VERIFY_EXIT(control, 2);
    QCOMPARE(control.err, QStringLiteral("A header value must not contain control characters (here U+001B).\n"));
    const auto invalidUtf8 = m_cli->run(setAuthorization, QByteArrayLiteral("Bearer \xff\xfe\n"));
    CLI_VERIFY_EXIT(invalidUtf8, 2);
    QCOMPARE(invalidUtf8.err, QStringLiteral("The first line of standard input is not valid UTF-8.\n"));
    const auto empty = m_cli->run(setAuthorization, QByteArray());
    CLI_VERIFY_EXIT(empty, 2);
    QCOMPARE(empty.err, QStringLiteral("Standard input is empty: give the value on its first line.\n"));
    const auto both = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"),
                                   QStringLiteral("Authorization"), QStringLiteral("Bearer argument"),
                                   QStringLiteral("--value-stdin") },
                                 QByteArrayLiteral("Bearer input\n"));
    CLI_VERIFY_EXIT(both, 2);
    QCOMPARE(both.errLines().value(0), QStringLiteral("Give either VALUE or --value-stdin, not both."));
    const auto neither = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"),
                                      QStringLiteral("Authorization") });
    CLI_VERIFY_EXIT(neither, 2);
    QCOMPARE(neither.errLines().value(0), QStringLiteral("Missing argument VALUE (or --value-stdin)."));
    QCOMPARE(showLines().constLast(), QStringLiteral("Custom headers: none"));

    // Accepted: only the first line, without its line break (CRLF too), and never printed.
    const auto set = m_cli->run(setAuthorization, QByteArrayLiteral("Bearer from-stdin-123\r\nsecond line\n"));
    CLI_VERIFY_EXIT(set, 0);
    QCOMPARE(set.out, QStringLiteral("Header saved: Authorization: ••••\n"));
    QVERIFY(
        showLines({ QStringLiteral("--reveal") }).contains(QStringLiteral("  Authorization: Bearer from-stdin-123")));
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("test") }), 0);
    QCOMPARE(receiver.requests().constFirst().header("Authorization"), QByteArrayLiteral("Bearer from-stdin-123"));
}

void TestCliWebhook::urlFromStandardInput()
{
    const auto saved = QStringLiteral("https://example.com/hooks/first");
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), saved }), 0);
    const QStringList setFromInput { QStringLiteral("webhook"), QStringLiteral("set"), QStringLiteral("--url-stdin"),
                                     QStringLiteral("--timeout"), QStringLiteral("3") };

    // Refused: exit 2, with the scheme suggested, and nothing saved (neither the URL nor the timeout).
    const auto noScheme = m_cli->run(setFromInput, QByteArrayLiteral("localhost:18001\n"));
    CLI_VERIFY_EXIT(noScheme, 2);
    QCOMPARE(noScheme.err,
             QStringLiteral("The URL must start with https:// or http://: did you mean "
                            "http://localhost:18001?\n"));
    const auto both =
        m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), saved, QStringLiteral("--url-stdin") },
                   QByteArrayLiteral("https://example.com/hooks/other\n"));
    CLI_VERIFY_EXIT(both, 2);
    QCOMPARE(both.errLines().value(0), QStringLiteral("Give either URL or --url-stdin, not both."));
    auto lines = showLines({ QStringLiteral("--reveal") });
    QCOMPARE(lines.value(0), QStringLiteral("URL: ") + saved);
    QCOMPARE(lines.value(3), QStringLiteral("Timeout: 10 s"));

    // Accepted: the token stays out of the output.
    const auto set = m_cli->run(setFromInput, QByteArrayLiteral("https://example.com/hooks/tok-S3CR3T-xyz\n"));
    CLI_VERIFY_EXIT(set, 0);
    QVERIFY2(!set.out.contains(QLatin1String("S3CR3T")), qPrintable(set.out));
    lines = showLines({ QStringLiteral("--reveal") });
    QCOMPARE(lines.value(0), QStringLiteral("URL: https://example.com/hooks/tok-S3CR3T-xyz"));
    QCOMPARE(lines.value(3), QStringLiteral("Timeout: 3 s"));
}

void TestCliWebhook::secretFromStandardInput()
{
    const QStringList setSecret { QStringLiteral("webhook"), QStringLiteral("secret"), QStringLiteral("set") };
    const auto refused = m_cli->run(setSecret, QByteArrayLiteral("whsec_tooshort\n"));
    CLI_VERIFY_EXIT(refused, 2);
    QVERIFY2(refused.err.startsWith(QLatin1String("This is not a signing secret: ")), qPrintable(refused.err));
    QVERIFY(refused.err.endsWith(QLatin1String("Nothing was saved.\n")));
    QVERIFY(!refused.err.contains(QLatin1String("tooshort")));
    QVERIFY(showLines().contains(QStringLiteral("Signing: off")));

    const auto secret = Signature::generateSecret();
    const auto set = m_cli->run(setSecret, secret.toLatin1() + '\n');
    CLI_VERIFY_EXIT(set, 0);
    QCOMPARE(set.out, QStringLiteral("Signing secret saved: requests are signed with it from now on.\n"));
    QVERIFY(showLines({ QStringLiteral("--reveal") }).contains(QStringLiteral("Signing secret: ") + secret));

    // A second one rotates: the first keeps signing for a day.
    const auto next = Signature::generateSecret();
    const auto rotated = m_cli->run(setSecret, next.toLatin1() + '\n');
    CLI_VERIFY_EXIT(rotated, 0);
    QVERIFY(
        rotated.outLines().value(1).startsWith(QLatin1String("The previous secret keeps signing alongside it until ")));
    const auto lines = showLines({ QStringLiteral("--reveal") });
    QVERIFY(lines.contains(QStringLiteral("Signing secret: ") + next));
    QVERIFY(lines.contains(QStringLiteral("Previous signing secret: ") + secret));
}

void TestCliWebhook::frenchOutput()
{
    QTranslator catalogue;
    QVERIFY(catalogue.load(QStringLiteral(":/i18n/crochet_fr.qm")));
    const auto saved = catalogue.translate("WebhookCommand", "Webhook URL saved: %1");
    const auto usage = catalogue.translate("HelpText", "Usage: %1");
    if (saved.isEmpty() || usage.isEmpty()) {
        QSKIP("translations/crochet_fr.ts does not translate the CLI's messages yet");
    }

    const auto url = QStringLiteral("https://example.com/hooks/secret-token");
    const auto result = m_cli->run(
        { QStringLiteral("--lang"), QStringLiteral("fr"), QStringLiteral("webhook"), QStringLiteral("set"), url });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.out, saved.arg(WebhookUrl::mask(url)) + QLatin1Char('\n'));
    QCOMPARE(plainSpaces(result.out), QStringLiteral("URL du webhook enregistrée : https://example.com/…oken\n"));

    const auto help = m_cli->run({ QStringLiteral("--lang"), QStringLiteral("fr"), QStringLiteral("--help") });
    CLI_VERIFY_EXIT(help, 0);
    QVERIFY2(plainSpaces(help.out).startsWith(QLatin1String("Utilisation : crochet-cli ")), qPrintable(help.out));

    // Errors follow the language too, Qt's own included.
    const auto invalid = m_cli->run({ QStringLiteral("--lang"), QStringLiteral("fr"), QStringLiteral("webhook"),
                                      QStringLiteral("show"), QStringLiteral("--frob") });
    CLI_VERIFY_EXIT(invalid, 2);
    QVERIFY2(!invalid.err.contains(QLatin1String("Unknown option")), qPrintable(invalid.err));
}

QTEST_GUILESS_MAIN(TestCliWebhook)
#include "TestCliWebhook.moc"
