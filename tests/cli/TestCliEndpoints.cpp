#include "CliRunner.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookUrl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

// crochet-cli endpoint …: every action, its exit status and its JSON output, parsed.
class TestCliEndpoints : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void help();
    void listFreshDatabase();
    void addAndList();
    void addRefusesBadInput_data();
    void addRefusesBadInput();
    void addUrlFromStandardInput();
    void addDuplicateName();
    void setChangesOnlyWhatIsGiven();
    void setRefusesBadInput_data();
    void setRefusesBadInput();
    void setTemplate();
    void digestOptions();
    void enableAndDisable();
    void removeAsksFirst();
    void removeAsksOnTerminal();
    void unknownEndpoint_data();
    void unknownEndpoint();
    void environmentEndpointIsReadOnly();
    void showMasksUnlessRevealed();
    void testSignsWithItsOwnSecretAndHeaders();
    void testFailure();
    void webhookShowAgreesWithMain();
    void jsonKeepsHostileNames();

private:
    CliResult run(const QStringList& arguments, const QByteArray& input = {});
    // The JSON that a command printed, after checking that it succeeded.
    QJsonDocument json(const QStringList& arguments);
    QJsonObject endpointJson(const QString& name, bool reveal = false);
    void add(const QString& name, const QString& url, const QStringList& options = {});

    std::optional<QTemporaryDir> m_dir;
    std::optional<CliRunner> m_cli;
};

namespace {

const QString Command = QStringLiteral("endpoint");

QStringList keysOf(const QJsonValue& value)
{
    QStringList keys;
    for (const auto& key : value.toArray()) {
        keys << key.toString();
    }
    return keys;
}

} // namespace

void TestCliEndpoints::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_cli.emplace(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("crochet.sqlite"))));
}

void TestCliEndpoints::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

CliResult TestCliEndpoints::run(const QStringList& arguments, const QByteArray& input)
{
    return m_cli->run(arguments, input);
}

QJsonDocument TestCliEndpoints::json(const QStringList& arguments)
{
    const auto result = run(arguments + QStringList { QStringLiteral("--json") });
    if (result.exitCode != 0 || !result.err.isEmpty() || !result.unsafeCharacters().isEmpty()) {
        qWarning("%s", result.describe().constData());
        return {};
    }
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), qPrintable(result.out));
    }
    return document;
}

QJsonObject TestCliEndpoints::endpointJson(const QString& name, bool reveal)
{
    QStringList arguments { Command, QStringLiteral("show"), name };
    if (reveal) {
        arguments << QStringLiteral("--reveal");
    }
    return json(arguments).object();
}

void TestCliEndpoints::add(const QString& name, const QString& url, const QStringList& options)
{
    const auto result = run(QStringList { Command, QStringLiteral("add"), name, url } + options);
    CLI_VERIFY_EXIT(result, 0);
}

void TestCliEndpoints::help()
{
    const auto help = run({ QStringLiteral("--help") });
    CLI_VERIFY_EXIT(help, 0);
    for (const auto* expected : { "endpoint list", "endpoint add NAME [URL]", "endpoint set ENDPOINT [TEXT]",
                                  "endpoint enable ENDPOINT", "endpoint disable ENDPOINT", "endpoint remove ENDPOINT",
                                  "endpoint test ENDPOINT", "endpoint secret generate ENDPOINT",
                                  "endpoint header set ENDPOINT NAME [VALUE]", "endpoint show ENDPOINT" }) {
        QVERIFY2(help.out.contains(QLatin1String(expected)), expected);
    }
    const auto set = run({ Command, QStringLiteral("set"), QStringLiteral("--help") });
    CLI_VERIFY_EXIT(set, 0);
    QCOMPARE(set.outLines().value(0), QStringLiteral("Usage: crochet-cli endpoint set [options] ENDPOINT [TEXT]"));
    for (const auto* expected : { "--url <URL>", "--url-stdin", "--format <format>", "--events <events>",
                                  "--timeout <seconds>", "--name <name>", "--template <event>" }) {
        QVERIFY2(set.out.contains(QLatin1String(expected)), expected);
    }
    // Help never touches the database.
    QVERIFY(!QFile::exists(m_cli->databasePath()));
}

void TestCliEndpoints::listFreshDatabase()
{
    const auto list = run({ Command, QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    QCOMPARE(list.out, QStringLiteral("Main\t\tauto\tuser.created\tNo URL\n"));

    const auto array = json({ Command, QStringLiteral("list") }).array();
    QCOMPARE(array.size(), 1);
    const auto main = array.at(0).toObject();
    QCOMPARE(main.value(QStringLiteral("name")).toString(), QStringLiteral("Main"));
    QCOMPARE(main.value(QStringLiteral("main")).toBool(), true);
    QCOMPARE(main.value(QStringLiteral("read_only")).toBool(), false);
    QCOMPARE(main.value(QStringLiteral("url")).toString(), QString());
    QCOMPARE(main.value(QStringLiteral("state")).toString(), QStringLiteral("no-url"));
    QCOMPARE(keysOf(main.value(QStringLiteral("events"))), QStringList { QStringLiteral("user.created") });
    QCOMPARE(main.value(QStringLiteral("timeout_seconds")).toInt(), 10);
}

void TestCliEndpoints::addAndList()
{
    const auto result =
        run({ Command, QStringLiteral("add"), QStringLiteral("Alerts"),
              QStringLiteral("https://hooks.slack.com/services/T0/B0/TokenSecretXYZ"), QStringLiteral("--events"),
              QStringLiteral("user.deleted,user.created"), QStringLiteral("--timeout"), QStringLiteral("5") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(
        result.outLines(),
        (QStringList { QStringLiteral("Endpoint added: Alerts (https://hooks.slack.com/…tXYZ)"),
                       QStringLiteral("Events: Account created (user.created), Account deleted (user.deleted)") }));
    QVERIFY(!result.out.contains(QLatin1String("TokenSecret")));
    add(QStringLiteral("archive"), QStringLiteral("https://example.com/archive"),
        { QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--events"), QString() });

    const auto list = run({ Command, QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    QCOMPARE(list.outLines(),
             (QStringList { QStringLiteral("Main\t\tauto\tuser.created\tNo URL"),
                            QStringLiteral("Alerts\thooks.slack.com\tauto\tuser.created,user.deleted\tActive"),
                            QStringLiteral("archive\texample.com\tjson\tnone\tActive") }));

    const auto array = json({ Command, QStringLiteral("list") }).array();
    QCOMPARE(array.size(), 3);
    const auto alerts = array.at(1).toObject();
    QCOMPARE(alerts.value(QStringLiteral("name")).toString(), QStringLiteral("Alerts"));
    QCOMPARE(alerts.value(QStringLiteral("main")).toBool(), false);
    QCOMPARE(alerts.value(QStringLiteral("url")).toString(), QStringLiteral("https://hooks.slack.com/…tXYZ"));
    QCOMPARE(alerts.value(QStringLiteral("host")).toString(), QStringLiteral("hooks.slack.com"));
    QCOMPARE(alerts.value(QStringLiteral("format")).toString(), QStringLiteral("auto"));
    QCOMPARE(alerts.value(QStringLiteral("sent_as")).toString(), QStringLiteral("slack"));
    QCOMPARE(alerts.value(QStringLiteral("timeout_seconds")).toInt(), 5);
    QCOMPARE(alerts.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(alerts.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    QCOMPARE(keysOf(alerts.value(QStringLiteral("events"))),
             (QStringList { QStringLiteral("user.created"), QStringLiteral("user.deleted") }));
    QCOMPARE(alerts.value(QStringLiteral("signing")).toBool(), false);
    QVERIFY(!alerts.contains(QStringLiteral("signing_secret")));
    const auto archive = array.at(2).toObject();
    QCOMPARE(archive.value(QStringLiteral("format")).toString(), QStringLiteral("json"));
    QCOMPARE(archive.value(QStringLiteral("events")).toArray(), QJsonArray());
}

void TestCliEndpoints::addRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const auto url = QStringLiteral("https://example.com/hook");
    QTest::newRow("invalid URL") << QStringList { QStringLiteral("Ops"), QStringLiteral("ftp://example.com/x") }
                                 << WebhookUrl::validate(QStringLiteral("ftp://example.com/x")).message;
    QTest::newRow("format") << QStringList { QStringLiteral("Ops"), url, QStringLiteral("--format"),
                                             QStringLiteral("xml") }
                            << QStringLiteral("Unknown format \"xml\": use one of auto, discord, slack, google-chat, "
                                              "teams, json, text.");
    QTest::newRow("event") << QStringList { QStringLiteral("Ops"), url, QStringLiteral("--events"),
                                            QStringLiteral("user.created,user.exploded") }
                           << QStringLiteral("Unknown event \"user.exploded\": use user.created, user.updated, "
                                             "user.password_reset, user.disabled, user.enabled, user.deleted, "
                                             "separated by commas.");
    QTest::newRow("test event") << QStringList { QStringLiteral("Ops"), url, QStringLiteral("--events"),
                                                 QStringLiteral("webhook.test") }
                                << QStringLiteral("Unknown event \"webhook.test\": use user.created, user.updated, "
                                                  "user.password_reset, user.disabled, user.enabled, user.deleted, "
                                                  "separated by commas.");
    QTest::newRow("timeout") << QStringList { QStringLiteral("Ops"), url, QStringLiteral("--timeout"),
                                              QStringLiteral("301") }
                             << QStringLiteral("The timeout must be a whole number of seconds from 1 to 300.");
    QTest::newRow("environment name") << QStringList { QStringLiteral("webhook_url"), url }
                                      << QStringLiteral("The name WEBHOOK_URL is kept for the endpoint the "
                                                        "environment variable adds.");
    QTest::newRow("blank name") << QStringList { QStringLiteral("  "), url }
                                << QStringLiteral("The endpoint needs a name.");
    QTest::newRow("missing URL") << QStringList { QStringLiteral("Ops") }
                                 << QStringLiteral("Missing argument URL (or --url-stdin).");
}

void TestCliEndpoints::addRefusesBadInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const auto result = run(QStringList { Command, QStringLiteral("add") } + arguments);
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.errLines().value(0), message);
    QCOMPARE(json({ Command, QStringLiteral("list") }).array().size(), 1);
}

void TestCliEndpoints::addUrlFromStandardInput()
{
    const auto result = run({ Command, QStringLiteral("add"), QStringLiteral("Ops"), QStringLiteral("--url-stdin") },
                            QByteArrayLiteral("https://example.com/hooks/tok-S3CR3T-xyz\n"));
    CLI_VERIFY_EXIT(result, 0);
    QVERIFY2(!result.out.contains(QLatin1String("S3CR3T")), qPrintable(result.out));
    QCOMPARE(endpointJson(QStringLiteral("ops"), true).value(QStringLiteral("url")).toString(),
             QStringLiteral("https://example.com/hooks/tok-S3CR3T-xyz"));

    const auto both = run({ Command, QStringLiteral("add"), QStringLiteral("Other"),
                            QStringLiteral("https://example.com/a"), QStringLiteral("--url-stdin") },
                          QByteArrayLiteral("https://example.com/b\n"));
    CLI_VERIFY_EXIT(both, 2);
    QCOMPARE(both.errLines().value(0), QStringLiteral("Give either URL or --url-stdin, not both."));
}

void TestCliEndpoints::addDuplicateName()
{
    add(QStringLiteral("Ops"), QStringLiteral("https://example.com/one"));
    const auto again =
        run({ Command, QStringLiteral("add"), QStringLiteral("OPS"), QStringLiteral("https://x.example/") });
    CLI_VERIFY_EXIT(again, 1);
    QCOMPARE(again.err, QStringLiteral("Nothing was added: An endpoint named \"OPS\" already exists.\n"));
    const auto main =
        run({ Command, QStringLiteral("add"), QStringLiteral("main"), QStringLiteral("https://x.example/") });
    CLI_VERIFY_EXIT(main, 1);
    QCOMPARE(json({ Command, QStringLiteral("list") }).array().size(), 2);
}

void TestCliEndpoints::setChangesOnlyWhatIsGiven()
{
    add(QStringLiteral("Ops"), QStringLiteral("https://example.com/one"));
    auto result = run({ Command, QStringLiteral("set"), QStringLiteral("ops"), QStringLiteral("--format"),
                        QStringLiteral("discord"), QStringLiteral("--timeout"), QStringLiteral("30") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.out, QStringLiteral("Endpoint saved: Ops (https://example.com/…/one)\n"));
    auto ops = endpointJson(QStringLiteral("Ops"), true);
    QCOMPARE(ops.value(QStringLiteral("url")).toString(), QStringLiteral("https://example.com/one"));
    QCOMPARE(ops.value(QStringLiteral("format")).toString(), QStringLiteral("discord"));
    QCOMPARE(ops.value(QStringLiteral("timeout_seconds")).toInt(), 30);
    QCOMPARE(keysOf(ops.value(QStringLiteral("events"))), QStringList { QStringLiteral("user.created") });

    result = run({ Command, QStringLiteral("set"), QStringLiteral("Ops"), QStringLiteral("--url-stdin"),
                   QStringLiteral("--events"), QStringLiteral("user.updated,user.disabled"), QStringLiteral("--name"),
                   QStringLiteral("Operations") },
                 QByteArrayLiteral("https://example.com/two-S3CR3T\n"));
    CLI_VERIFY_EXIT(result, 0);
    QVERIFY(!result.out.contains(QLatin1String("S3CR3T")));
    QCOMPARE(run({ Command, QStringLiteral("show"), QStringLiteral("Ops") }).exitCode, 1);
    ops = endpointJson(QStringLiteral("Operations"), true);
    QCOMPARE(ops.value(QStringLiteral("url")).toString(), QStringLiteral("https://example.com/two-S3CR3T"));
    QCOMPARE(ops.value(QStringLiteral("format")).toString(), QStringLiteral("discord"));
    QCOMPARE(ops.value(QStringLiteral("timeout_seconds")).toInt(), 30);
    QCOMPARE(keysOf(ops.value(QStringLiteral("events"))),
             (QStringList { QStringLiteral("user.updated"), QStringLiteral("user.disabled") }));

    // The main endpoint's URL is the one "webhook set" saves.
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("set"), QStringLiteral("Main"), QStringLiteral("--url"),
                          QStringLiteral("https://example.com/main") }),
                    0);
    QCOMPARE(run({ QStringLiteral("webhook"), QStringLiteral("show"), QStringLiteral("--reveal") }).outLines().value(0),
             QStringLiteral("URL: https://example.com/main"));
}

void TestCliEndpoints::digestOptions()
{
    // A Discord endpoint sends digests by default (auto), a JSON one does not.
    add(QStringLiteral("Chat"), QStringLiteral("https://discord.com/api/webhooks/1/Token"));
    add(QStringLiteral("Audit"), QStringLiteral("https://example.com/audit"));
    auto chat = endpointJson(QStringLiteral("Chat"));
    QCOMPARE(chat.value(QStringLiteral("digest")).toBool(), true);
    QCOMPARE(chat.value(QStringLiteral("digest_setting")).toString(), QStringLiteral("auto"));
    QCOMPARE(chat.value(QStringLiteral("digest_window_seconds")).toInt(), 10);
    QCOMPARE(endpointJson(QStringLiteral("Audit")).value(QStringLiteral("digest")).toBool(), false);
    auto show = run({ Command, QStringLiteral("show"), QStringLiteral("Chat") });
    CLI_VERIFY_EXIT(show, 0);
    QVERIFY(show.outLines().contains(
        QStringLiteral("Digest: on for this format, notifications falling due within 10 s go as one message")));

    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("set"), QStringLiteral("Chat"), QStringLiteral("--digest"),
                          QStringLiteral("off") }),
                    0);
    chat = endpointJson(QStringLiteral("Chat"));
    QCOMPARE(chat.value(QStringLiteral("digest")).toBool(), false);
    QCOMPARE(chat.value(QStringLiteral("digest_setting")).toString(), QStringLiteral("off"));
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("set"), QStringLiteral("Audit"), QStringLiteral("--digest"),
                          QStringLiteral("on"), QStringLiteral("--digest-window"), QStringLiteral("30") }),
                    0);
    const auto audit = endpointJson(QStringLiteral("Audit"));
    QCOMPARE(audit.value(QStringLiteral("digest")).toBool(), true);
    QCOMPARE(audit.value(QStringLiteral("digest_setting")).toString(), QStringLiteral("on"));
    QCOMPARE(audit.value(QStringLiteral("digest_window_seconds")).toInt(), 30);
    // In the list too; auto follows the format again.
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("set"), QStringLiteral("Chat"), QStringLiteral("--digest"),
                          QStringLiteral("auto") }),
                    0);
    const auto list = json({ Command, QStringLiteral("list") }).array();
    for (const auto& item : list) {
        const auto object = item.toObject();
        if (object.value(QStringLiteral("name")) == QStringLiteral("Chat")) {
            QCOMPARE(object.value(QStringLiteral("digest")).toBool(), true);
            QCOMPARE(object.value(QStringLiteral("digest_setting")).toString(), QStringLiteral("auto"));
        }
    }
    add(QStringLiteral("Quick"), QStringLiteral("https://example.com/quick"),
        { QStringLiteral("--digest"), QStringLiteral("on"), QStringLiteral("--digest-window"), QStringLiteral("1") });
    QCOMPARE(endpointJson(QStringLiteral("Quick")).value(QStringLiteral("digest_window_seconds")).toInt(), 1);
}

void TestCliEndpoints::setRefusesBadInput_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing") << QStringList {} << QStringLiteral("Nothing to change: give at least one option.");
    QTest::newRow("URL twice") << QStringList { QStringLiteral("--url"), QStringLiteral("https://a.example/"),
                                                QStringLiteral("--url-stdin") }
                               << QStringLiteral("Give either --url or --url-stdin, not both.");
    QTest::newRow("invalid URL") << QStringList { QStringLiteral("--url"), QStringLiteral("example.com/hook") }
                                 << WebhookUrl::validate(QStringLiteral("example.com/hook")).message;
    QTest::newRow("format") << QStringList { QStringLiteral("--format"), QStringLiteral("xml") }
                            << QStringLiteral("Unknown format \"xml\": use one of auto, discord, slack, google-chat, "
                                              "teams, json, text.");
    QTest::newRow("timeout") << QStringList { QStringLiteral("--timeout"), QStringLiteral("0") }
                             << QStringLiteral("The timeout must be a whole number of seconds from 1 to 300.");
    QTest::newRow("digest") << QStringList { QStringLiteral("--digest"), QStringLiteral("maybe") }
                            << QStringLiteral("Unknown value \"maybe\" for --digest: use on, off or auto.");
    QTest::newRow("digest window") << QStringList { QStringLiteral("--digest-window"), QStringLiteral("301") }
                                   << QStringLiteral("The digest window must be a whole number of seconds from 1 to "
                                                     "300.");
    QTest::newRow("name too long") << QStringList { QStringLiteral("--name"), QString(65, QLatin1Char('n')) }
                                   << QStringLiteral("The endpoint name is too long: 64 characters at most.");
    QTest::newRow("template without text")
        << QStringList { QStringLiteral("--template"), QStringLiteral("user.created") }
        << QStringLiteral("Missing argument TEXT after --template EVENT (an empty "
                          "TEXT gives back the default message).");
    QTest::newRow("text without template") << QStringList { QStringLiteral("Hello {name}") }
                                           << QStringLiteral("Unexpected argument \"Hello {name}\": a TEXT goes with "
                                                             "--template EVENT.");
    QTest::newRow("template event") << QStringList { QStringLiteral("--template"), QStringLiteral("user.born"),
                                                     QStringLiteral("Hi") }
                                    << QStringLiteral("Unknown event \"user.born\": use user.created, user.updated, "
                                                      "user.password_reset, user.disabled, user.enabled, "
                                                      "user.deleted or webhook.test.");
    QTest::newRow("unknown placeholder")
        << QStringList { QStringLiteral("--template"), QStringLiteral("user.created"), QStringLiteral("Hi {nom}") }
        << QStringLiteral("Unknown placeholder {nom}: use {name}, {email}, {role}, {id}, {created_at}, {changes}, "
                          "{event}, or {{ and }} for braces of their own.");
    QTest::newRow("unbalanced brace") << QStringList {
        QStringLiteral("--template"), QStringLiteral("user.created"), QStringLiteral("Hi {name")
    } << QStringLiteral("The brace at position 4 (\"{name\") is never closed: write {{ for a brace of its own.");
}

void TestCliEndpoints::setRefusesBadInput()
{
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    add(QStringLiteral("Ops"), QStringLiteral("https://example.com/one"));
    const auto before = endpointJson(QStringLiteral("Ops"), true);
    const auto result = run(QStringList { Command, QStringLiteral("set"), QStringLiteral("Ops") } + options,
                            QByteArrayLiteral("https://example.com/stdin\n"));
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.errLines().value(0), message);
    QCOMPARE(endpointJson(QStringLiteral("Ops"), true), before);
}

void TestCliEndpoints::setTemplate()
{
    add(QStringLiteral("Ops"), QStringLiteral("https://example.com/one"));
    const auto set = run({ Command, QStringLiteral("set"), QStringLiteral("Ops"), QStringLiteral("--template"),
                           QStringLiteral("user.created"), QStringLiteral("Welcome {name} {{{role}}}") });
    CLI_VERIFY_EXIT(set, 0);
    QCOMPARE(set.outLines().value(1), QStringLiteral("Message for user.created: \"Welcome {name} {{{role}}}\""));
    QCOMPARE(endpointJson(QStringLiteral("Ops")).value(QStringLiteral("templates")).toObject(),
             (QJsonObject { { QStringLiteral("user.created"), QStringLiteral("Welcome {name} {{{role}}}") } }));
    const auto show = run({ Command, QStringLiteral("show"), QStringLiteral("Ops") });
    CLI_VERIFY_EXIT(show, 0);
    const auto lines = show.outLines();
    const auto messages = lines.indexOf(QStringLiteral("Messages (the others are the default ones):"));
    QVERIFY2(messages > 0, show.describe().constData());
    QCOMPARE(lines.value(messages + 1), QStringLiteral("  user.created: Welcome {name} {{{role}}}"));

    // An empty text gives back the default message.
    const auto reset = run({ Command, QStringLiteral("set"), QStringLiteral("Ops"), QStringLiteral("--template"),
                             QStringLiteral("user.created"), QString() });
    CLI_VERIFY_EXIT(reset, 0);
    QCOMPARE(reset.outLines().value(1),
             QStringLiteral("Message for user.created: the default one, \"New user signed up: {name}\""));
    QCOMPARE(endpointJson(QStringLiteral("Ops")).value(QStringLiteral("templates")).toObject(), QJsonObject());
    QVERIFY(run({ Command, QStringLiteral("show"), QStringLiteral("Ops") })
                .outLines()
                .contains(QStringLiteral("Messages: the default ones")));
}

void TestCliEndpoints::enableAndDisable()
{
    add(QStringLiteral("Ops"), QStringLiteral("https://example.com/one"));
    auto result = run({ Command, QStringLiteral("disable"), QStringLiteral("Ops") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.out, QStringLiteral("Endpoint disabled: Ops; its notifications wait until it is enabled again.\n"));
    auto ops = endpointJson(QStringLiteral("Ops"));
    QCOMPARE(ops.value(QStringLiteral("enabled")).toBool(), false);
    QCOMPARE(ops.value(QStringLiteral("state")).toString(), QStringLiteral("disabled"));
    QVERIFY(run({ Command, QStringLiteral("list") })
                .out.contains(QLatin1String("Ops\texample.com\tauto\tuser.created\tDisabled\n")));

    result = run({ Command, QStringLiteral("disable"), QStringLiteral("Ops") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.out, QStringLiteral("The endpoint Ops is already disabled.\n"));

    result = run({ Command, QStringLiteral("enable"), QStringLiteral("ops") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.out, QStringLiteral("Endpoint enabled: Ops\n"));
    ops = endpointJson(QStringLiteral("Ops"));
    QCOMPARE(ops.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    result = run({ Command, QStringLiteral("enable"), QStringLiteral("Ops") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.out, QStringLiteral("The endpoint Ops is already enabled.\n"));
}

void TestCliEndpoints::removeAsksFirst()
{
    add(QStringLiteral("Ops"), QStringLiteral("https://example.com/one"));
    // No terminal to ask on (standard input is a pipe) and no --yes: a usage error, nothing removed.
    const auto asked = run({ Command, QStringLiteral("remove"), QStringLiteral("Ops") }, QByteArrayLiteral("yes\n"));
    CLI_VERIFY_EXIT(asked, 2);
    QCOMPARE(asked.err,
             QStringLiteral("Removing the endpoint Ops needs a confirmation and there is no terminal to ask "
                            "on: add --yes to remove it.\n"));
    QCOMPARE(json({ Command, QStringLiteral("list") }).array().size(), 2);

    const auto main = run({ Command, QStringLiteral("remove"), QStringLiteral("Main"), QStringLiteral("--yes") });
    CLI_VERIFY_EXIT(main, 1);
    QCOMPARE(main.err,
             QStringLiteral("Nothing was removed: The main endpoint cannot be removed: clear its URL in "
                            "Settings → General to stop it.\n"));

    const auto removed = run({ Command, QStringLiteral("remove"), QStringLiteral("Ops"), QStringLiteral("--yes") });
    CLI_VERIFY_EXIT(removed, 0);
    QCOMPARE(removed.out,
             QStringLiteral("Endpoint removed: Ops. Its pending notifications failed; its history stays.\n"));
    const auto list = json({ Command, QStringLiteral("list") }).array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Main"));
}

void TestCliEndpoints::removeAsksOnTerminal()
{
    // script(1) gives crochet-cli a terminal, and passes it what the test types.
    const auto script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty()) {
        QSKIP("script(1) is not installed");
    }
    add(QStringLiteral("Ops"), QStringLiteral("https://example.com/one"));
    const auto quoted = [](const QString& text) -> QString {
        return QLatin1Char('\'') + text + QLatin1Char('\'');
    };
    const auto command = QStringList { quoted(qEnvironmentVariable("CROCHET_CLI")),
                                       QStringLiteral("--database"),
                                       quoted(m_cli->databasePath()),
                                       Command,
                                       QStringLiteral("remove"),
                                       QStringLiteral("Ops") }
                             .join(QLatin1Char(' '));
    const auto answer = [&](const QByteArray& typed) {
        QProcess process;
        process.start(script, { QStringLiteral("-qec"), command, QStringLiteral("/dev/null") });
        process.write(typed);
        process.closeWriteChannel();
        const bool finished = process.waitForFinished(60000);
        const auto output = QString::fromUtf8(process.readAllStandardOutput());
        return std::make_pair(finished ? process.exitCode() : -1, output);
    };

    const auto [keptCode, kept] = answer(QByteArrayLiteral("no\n"));
    QCOMPARE(keptCode, 1);
    QVERIFY2(kept.contains(QStringLiteral("Remove the endpoint Ops (https://example.com/…/one)? Its pending "
                                          "notifications will fail; its history stays. Type \"yes\" to confirm:")),
             qPrintable(kept));
    QVERIFY2(kept.contains(QLatin1String("Nothing was removed.")), qPrintable(kept));
    QCOMPARE(json({ Command, QStringLiteral("list") }).array().size(), 2);

    const auto [removedCode, removed] = answer(QByteArrayLiteral("yes\n"));
    QCOMPARE(removedCode, 0);
    QVERIFY2(removed.contains(QLatin1String("Endpoint removed: Ops.")), qPrintable(removed));
    QCOMPARE(json({ Command, QStringLiteral("list") }).array().size(), 1);
}

void TestCliEndpoints::unknownEndpoint_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("show") << QStringList { QStringLiteral("show"), QStringLiteral("Nope") };
    QTest::newRow("set") << QStringList { QStringLiteral("set"), QStringLiteral("Nope"), QStringLiteral("--timeout"),
                                          QStringLiteral("3") };
    QTest::newRow("enable") << QStringList { QStringLiteral("enable"), QStringLiteral("Nope") };
    QTest::newRow("disable") << QStringList { QStringLiteral("disable"), QStringLiteral("Nope") };
    QTest::newRow("remove") << QStringList { QStringLiteral("remove"), QStringLiteral("Nope"),
                                             QStringLiteral("--yes") };
    QTest::newRow("test") << QStringList { QStringLiteral("test"), QStringLiteral("Nope") };
    QTest::newRow("secret") << QStringList { QStringLiteral("secret"), QStringLiteral("generate"),
                                             QStringLiteral("Nope") };
    QTest::newRow("header") << QStringList { QStringLiteral("header"), QStringLiteral("remove"), QStringLiteral("Nope"),
                                             QStringLiteral("X-Team") };
}

void TestCliEndpoints::unknownEndpoint()
{
    QFETCH(QStringList, arguments);
    const auto result = run(QStringList { Command } + arguments);
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err,
             QStringLiteral("There is no endpoint named \"Nope\": \"crochet-cli endpoint list\" shows them.\n"));
}

void TestCliEndpoints::environmentEndpointIsReadOnly()
{
    m_cli->setEnvironmentVariable(QStringLiteral("WEBHOOK_URL"),
                                  QStringLiteral("https://discord.com/api/webhooks/42/EnvironmentToken"));
    const auto list = run({ Command, QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    QCOMPARE(list.outLines().value(1), QStringLiteral("WEBHOOK_URL\tdiscord.com\tauto\tuser.created\tActive"));
    QVERIFY(!list.out.contains(QLatin1String("EnvironmentToken")));

    const auto environment = endpointJson(QStringLiteral("webhook_url"));
    QCOMPARE(environment.value(QStringLiteral("id")).toInt(), 0);
    QCOMPARE(environment.value(QStringLiteral("read_only")).toBool(), true);
    QCOMPARE(environment.value(QStringLiteral("url")).toString(), QStringLiteral("https://discord.com/…oken"));
    QCOMPARE(environment.value(QStringLiteral("sent_as")).toString(), QStringLiteral("discord"));
    const auto show = run({ Command, QStringLiteral("show"), QStringLiteral("WEBHOOK_URL") });
    CLI_VERIFY_EXIT(show, 0);
    QCOMPARE(show.outLines().mid(0, 3),
             (QStringList { QStringLiteral("URL: https://discord.com/…oken"),
                            QStringLiteral("Endpoint: WEBHOOK_URL (Active)"),
                            QStringLiteral("Read-only: it comes from the environment variable WEBHOOK_URL and lasts "
                                           "while it is set.") }));

    const auto readOnly = QStringLiteral("Nothing was changed: The endpoint WEBHOOK_URL comes from the environment "
                                         "variable of that name and cannot be changed here.\n");
    for (const auto& arguments :
         { QStringList { QStringLiteral("set"), QStringLiteral("WEBHOOK_URL"), QStringLiteral("--timeout"),
                         QStringLiteral("3") },
           QStringList { QStringLiteral("disable"), QStringLiteral("WEBHOOK_URL") },
           QStringList { QStringLiteral("secret"), QStringLiteral("generate"), QStringLiteral("WEBHOOK_URL") },
           QStringList { QStringLiteral("secret"), QStringLiteral("clear"), QStringLiteral("WEBHOOK_URL") },
           QStringList { QStringLiteral("header"), QStringLiteral("set"), QStringLiteral("WEBHOOK_URL"),
                         QStringLiteral("X-Team"), QStringLiteral("blue") },
           QStringList { QStringLiteral("header"), QStringLiteral("remove"), QStringLiteral("WEBHOOK_URL"),
                         QStringLiteral("X-Team") } }) {
        const auto result = run(QStringList { Command } + arguments);
        CLI_VERIFY_EXIT(result, 1);
        QCOMPARE(result.out, QString());
        QCOMPARE(result.err, readOnly);
    }
    const auto removed =
        run({ Command, QStringLiteral("remove"), QStringLiteral("WEBHOOK_URL"), QStringLiteral("--yes") });
    CLI_VERIFY_EXIT(removed, 1);
    QCOMPARE(removed.err,
             QStringLiteral("Nothing was removed: The endpoint WEBHOOK_URL comes from the environment "
                            "variable of that name: unset it to remove it.\n"));
    QCOMPARE(endpointJson(QStringLiteral("WEBHOOK_URL")), environment);
}

void TestCliEndpoints::showMasksUnlessRevealed()
{
    add(QStringLiteral("Ops"), QStringLiteral("https://example.com/hooks/SuperSecret42"));
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("header"), QStringLiteral("set"), QStringLiteral("Ops"),
                          QStringLiteral("Authorization"), QStringLiteral("--value-stdin") },
                        QByteArrayLiteral("Bearer HeaderSecret\n")),
                    0);
    const auto generated =
        run({ Command, QStringLiteral("secret"), QStringLiteral("generate"), QStringLiteral("Ops") });
    CLI_VERIFY_EXIT(generated, 0);
    const auto secret = generated.outLines().value(1);
    QVERIFY(Signature::isValidSecret(secret));

    const auto masked = run({ Command, QStringLiteral("show"), QStringLiteral("Ops") });
    CLI_VERIFY_EXIT(masked, 0);
    for (const auto& hidden : { QStringLiteral("SuperSecret"), QStringLiteral("HeaderSecret"), secret }) {
        QVERIFY2(!masked.out.contains(hidden), qPrintable(masked.out));
    }
    QVERIFY(masked.outLines().contains(QStringLiteral("  Authorization: ••••")));
    QVERIFY(masked.outLines().contains(QStringLiteral("Signing: on")));
    const auto maskedJson = QString::fromUtf8(QJsonDocument(endpointJson(QStringLiteral("Ops"))).toJson());
    for (const auto& hidden : { QStringLiteral("SuperSecret"), QStringLiteral("HeaderSecret"), secret }) {
        QVERIFY2(!maskedJson.contains(hidden), qPrintable(maskedJson));
    }

    const auto revealed = endpointJson(QStringLiteral("Ops"), true);
    QCOMPARE(revealed.value(QStringLiteral("url")).toString(),
             QStringLiteral("https://example.com/hooks/SuperSecret42"));
    QCOMPARE(revealed.value(QStringLiteral("signing_secret")).toString(), secret);
    QCOMPARE(revealed.value(QStringLiteral("headers")).toArray(),
             (QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("Authorization") },
                                         { QStringLiteral("value"), QStringLiteral("Bearer HeaderSecret") } } }));
    QVERIFY(run({ Command, QStringLiteral("show"), QStringLiteral("Ops"), QStringLiteral("--reveal") })
                .outLines()
                .contains(QStringLiteral("Signing secret: ") + secret));
}

void TestCliEndpoints::testSignsWithItsOwnSecretAndHeaders()
{
    TestReceiver main;
    TestReceiver ops;
    QVERIFY(main.listen());
    QVERIFY(ops.listen());
    ops.setStatus(204);
    CLI_VERIFY_EXIT(run({ QStringLiteral("webhook"), QStringLiteral("set"), main.url().toString() }), 0);
    CLI_VERIFY_EXIT(run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"),
                          QStringLiteral("X-Team"), QStringLiteral("main-team") }),
                    0);
    CLI_VERIFY_EXIT(run({ QStringLiteral("webhook"), QStringLiteral("secret"), QStringLiteral("generate") }), 0);
    add(QStringLiteral("Ops"), ops.url().toString(), { QStringLiteral("--format"), QStringLiteral("slack") });
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("header"), QStringLiteral("set"), QStringLiteral("Ops"),
                          QStringLiteral("X-Team"), QStringLiteral("ops-team") }),
                    0);
    const auto secret = Signature::generateSecret();
    const auto saved = run({ Command, QStringLiteral("secret"), QStringLiteral("set"), QStringLiteral("Ops") },
                           secret.toLatin1() + '\n');
    CLI_VERIFY_EXIT(saved, 0);
    QCOMPARE(saved.out, QStringLiteral("Signing secret saved: requests are signed with it from now on.\n"));
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("set"), QStringLiteral("Ops"), QStringLiteral("--template"),
                          QStringLiteral("webhook.test"), QStringLiteral("Ping from {event} <!here>") }),
                    0);

    const auto result = run({ Command, QStringLiteral("test"), QStringLiteral("ops") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines().value(0),
             QStringLiteral("Sending a test notification to %1 (Ops)…").arg(WebhookUrl::mask(ops.url().toString())));
    QVERIFY2(result.outLines().value(1).startsWith(QLatin1String("Delivered: HTTP 204 in ")), qPrintable(result.out));
    QCOMPARE(main.count(), 0);
    QCOMPARE(ops.count(), 1);
    const auto& request = ops.requests().constFirst();
    QCOMPARE(request.header("X-Team"), QByteArrayLiteral("ops-team"));
    // The administrator's template goes out as written, in the endpoint's format.
    QCOMPARE(request.body, QByteArrayLiteral("{\"mrkdwn\":false,\"text\":\"Ping from Test notification <!here>\"}"));
    const auto id = QString::fromLatin1(request.header("webhook-id"));
    const auto timestamp = request.header("webhook-timestamp").toLongLong();
    QCOMPARE(request.header("webhook-signature"), Signature::sign(secret, id, timestamp, request.body));

    // Cleared, the endpoint's requests are no longer signed; the main endpoint's secret never signed them.
    const auto cleared = run({ Command, QStringLiteral("secret"), QStringLiteral("clear"), QStringLiteral("Ops") });
    CLI_VERIFY_EXIT(cleared, 0);
    QCOMPARE(cleared.out, QStringLiteral("Signing turned off: requests are no longer signed.\n"));
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("header"), QStringLiteral("remove"), QStringLiteral("Ops"),
                          QStringLiteral("x-team") }),
                    0);
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("test"), QStringLiteral("Ops") }), 0);
    QCOMPARE(ops.count(), 2);
    QVERIFY(ops.requests().at(1).header("webhook-signature").isEmpty());
    QVERIFY(ops.requests().at(1).header("X-Team").isEmpty());
    QCOMPARE(main.count(), 0);
}

void TestCliEndpoints::testFailure()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(500);
    add(QStringLiteral("Ops"), receiver.url().toString());
    const auto failed = run({ Command, QStringLiteral("test"), QStringLiteral("Ops") });
    CLI_VERIFY_EXIT(failed, 1);
    QCOMPARE(receiver.count(), 1);

    const auto noUrl = run({ Command, QStringLiteral("test"), QStringLiteral("Main") });
    CLI_VERIFY_EXIT(noUrl, 1);
    QCOMPARE(noUrl.err,
             QStringLiteral("The endpoint Main has no URL: give it one with \"crochet-cli webhook set URL\".\n"));
}

void TestCliEndpoints::webhookShowAgreesWithMain()
{
    CLI_VERIFY_EXIT(run({ QStringLiteral("webhook"), QStringLiteral("set"),
                          QStringLiteral("https://hooks.slack.com/services/T/B/TokenXYZ"), QStringLiteral("--timeout"),
                          QStringLiteral("7") }),
                    0);
    CLI_VERIFY_EXIT(run({ QStringLiteral("webhook"), QStringLiteral("header"), QStringLiteral("set"),
                          QStringLiteral("Authorization"), QStringLiteral("Bearer abc") }),
                    0);
    CLI_VERIFY_EXIT(run({ QStringLiteral("webhook"), QStringLiteral("secret"), QStringLiteral("generate") }), 0);
    CLI_VERIFY_EXIT(run({ Command, QStringLiteral("set"), QStringLiteral("Main"), QStringLiteral("--events"),
                          QStringLiteral("user.created,user.deleted") }),
                    0);
    for (const auto& options :
         { QStringList {}, QStringList { QStringLiteral("--reveal") }, QStringList { QStringLiteral("--json") } }) {
        const auto webhook = run(QStringList { QStringLiteral("webhook"), QStringLiteral("show") } + options);
        const auto endpoint = run(QStringList { Command, QStringLiteral("show"), QStringLiteral("main") } + options);
        CLI_VERIFY_EXIT(webhook, 0);
        CLI_VERIFY_EXIT(endpoint, 0);
        QCOMPARE(endpoint.out, webhook.out);
    }
    const auto lines = run({ QStringLiteral("webhook"), QStringLiteral("show") }).outLines();
    QCOMPARE(
        lines.mid(0, 6),
        (QStringList { QStringLiteral("URL: https://hooks.slack.com/…nXYZ"), QStringLiteral("Endpoint: Main (Active)"),
                       QStringLiteral("Format: Auto, which picks Slack for this URL"), QStringLiteral("Timeout: 7 s"),
                       QStringLiteral("Digest: on for this format, notifications falling due within 10 s go as one "
                                      "message"),
                       QStringLiteral("Events: Account created (user.created), Account deleted (user.deleted)") }));
}

void TestCliEndpoints::jsonKeepsHostileNames()
{
    // Characters that could drive the terminal or reorder text are escaped the JSON way: the output is safe and still
    // parses back to the name.
    const auto name = QStringLiteral("Ops\u202E\u0085\u200Bx");
    add(name, QStringLiteral("https://example.com/one"));
    const auto list = run({ Command, QStringLiteral("list"), QStringLiteral("--json") });
    CLI_VERIFY_EXIT(list, 0);
    QVERIFY2(list.unsafeCharacters().isEmpty(), list.describe().constData());
    QCOMPARE(
        QJsonDocument::fromJson(list.out.toUtf8()).array().at(1).toObject().value(QStringLiteral("name")).toString(),
        name);
    const auto plain = run({ Command, QStringLiteral("list") });
    QVERIFY2(plain.unsafeCharacters().isEmpty(), plain.describe().constData());
    QVERIFY(plain.out.contains(QLatin1String("Ops\\u202e\\x85\\u200bx\texample.com")));
}

QTEST_GUILESS_MAIN(TestCliEndpoints)
#include "TestCliEndpoints.moc"
