#include "CliRunner.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "storage/Database.h"
#include "webhooks/Endpoint.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

// crochet-cli user show, edit, passwd, disable, enable and delete: exit codes, what they print, --json, and the
// notification each change sends.
class TestCliUserLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void showJson();
    void showText();
    void editNotifiesEachChange();
    void editWithoutChangeSendsNothing();
    void editRefused_data();
    void editRefused();
    void passwdSendsNoSecret();
    void passwdRefused();
    void disableAndEnable();
    void deleteNeedsYesWithoutTerminal();
    void deleteAsksOnATerminal();
    void deleteNotifiesTheLastValues();
    void unknownAccount_data();
    void unknownAccount();

private:
    CliResult run(const QStringList& arguments, const QByteArray& input = {});
    // Every account event goes to the receiver, in JSON.
    void subscribeEverything(const TestReceiver& receiver);
    QString addAccount(const QString& name, const QString& email, const QString& role = QStringLiteral("user"));
    QJsonObject show(const QString& account);

    std::optional<QTemporaryDir> m_dir;
    std::optional<CliRunner> m_cli;
};

namespace {

const QRegularExpression NotifiedLine(QStringLiteral("^The webhook was notified: Delivered: HTTP 200 in \\d+ ms\\.$"));

} // namespace

void TestCliUserLifecycle::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_cli.emplace(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("crochet.sqlite"))));
}

void TestCliUserLifecycle::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

CliResult TestCliUserLifecycle::run(const QStringList& arguments, const QByteArray& input)
{
    return m_cli->run(QStringList { QStringLiteral("user") } + arguments, input);
}

void TestCliUserLifecycle::subscribeEverything(const TestReceiver& receiver)
{
    Database database(m_cli->databasePath());
    QVERIFY(database.open());
    QVERIFY(TestFixtures::changeMainEndpoint(&database, [&receiver](Endpoint& endpoint) {
        endpoint.url = receiver.url().toString();
        endpoint.format = PayloadFormat::Json;
        endpoint.events = Events::subscribable();
    }));
}

QString TestCliUserLifecycle::addAccount(const QString& name, const QString& email, const QString& role)
{
    const auto result = run({ QStringLiteral("add"), QStringLiteral("--name"), name, QStringLiteral("--email"), email,
                              QStringLiteral("--role"), role, QStringLiteral("--password-stdin") },
                            QByteArrayLiteral("correct horse battery\n"));
    if (result.exitCode != 0) {
        qWarning("%s", result.describe().constData());
        return {};
    }
    return show(email).value(QStringLiteral("id")).toString();
}

QJsonObject TestCliUserLifecycle::show(const QString& account)
{
    const auto result = run({ QStringLiteral("show"), account, QStringLiteral("--json") });
    if (result.exitCode != 0) {
        qWarning("%s", result.describe().constData());
        return {};
    }
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning("%s", qPrintable(error.errorString()));
    }
    return document.object();
}

void TestCliUserLifecycle::showJson()
{
    const auto id = addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"), QStringLiteral("admin"));
    QVERIFY(!id.isEmpty());
    const auto byEmail = show(QStringLiteral("ADA@example.com"));
    QCOMPARE(show(id), byEmail);
    QCOMPARE(byEmail.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(byEmail.value(QStringLiteral("name")).toString(), QStringLiteral("Ada"));
    QCOMPARE(byEmail.value(QStringLiteral("email")).toString(), QStringLiteral("ada@example.com"));
    QCOMPARE(byEmail.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    QCOMPARE(byEmail.value(QStringLiteral("disabled")), QJsonValue(false));
    QCOMPARE(byEmail.value(QStringLiteral("has_password")), QJsonValue(true));
    QVERIFY(byEmail.value(QStringLiteral("updated_at")).isNull());
    QVERIFY(QDateTime::fromString(byEmail.value(QStringLiteral("created_at")).toString(), Qt::ISODate).isValid());
    QCOMPARE(byEmail.keys(),
             (QStringList { QStringLiteral("created_at"), QStringLiteral("disabled"), QStringLiteral("email"),
                            QStringLiteral("has_password"), QStringLiteral("id"), QStringLiteral("name"),
                            QStringLiteral("role"), QStringLiteral("updated_at") }));
}

void TestCliUserLifecycle::showText()
{
    const auto id = addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto result = run({ QStringLiteral("show"), id });
    CLI_VERIFY_EXIT(result, 0);
    const auto lines = result.outLines();
    QCOMPARE(lines.size(), 8);
    QCOMPARE(lines.at(0), QStringLiteral("Id:       ") + id);
    QCOMPARE(lines.at(1), QStringLiteral("Name:     Ada"));
    QCOMPARE(lines.at(3), QStringLiteral("Role:     User (user)"));
    QCOMPARE(lines.at(4), QStringLiteral("State:    active"));
    QCOMPARE(lines.at(7), QStringLiteral("Changed:  never"));
}

void TestCliUserLifecycle::editNotifiesEachChange()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    subscribeEverything(receiver);
    const auto id = addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    QCOMPARE(receiver.count(), 1);

    const auto result = run({ QStringLiteral("edit"), QStringLiteral("ada@example.com"), QStringLiteral("--name"),
                              QStringLiteral("Ada Lovelace"), QStringLiteral("--role"), QStringLiteral("Admin") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.err, QString());
    const auto lines = result.outLines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0),
             QStringLiteral("Account updated: Ada Lovelace <ada@example.com>; name: Ada → Ada Lovelace, "
                            "role: User → Administrator"));
    QVERIFY2(NotifiedLine.match(lines.at(1)).hasMatch(), qPrintable(lines.at(1)));

    QCOMPARE(receiver.count(), 2);
    const auto body = QJsonDocument::fromJson(receiver.requests().at(1).body).object();
    QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("user.updated"));
    QCOMPARE(body.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(), id);
    const QJsonObject changes {
        { QStringLiteral("name"),
          QJsonObject { { QStringLiteral("from"), QStringLiteral("Ada") },
                        { QStringLiteral("to"), QStringLiteral("Ada Lovelace") } } },
        { QStringLiteral("role"),
          QJsonObject { { QStringLiteral("from"), QStringLiteral("user") },
                        { QStringLiteral("to"), QStringLiteral("admin") } } },
    };
    QCOMPARE(body.value(QStringLiteral("changes")).toObject(), changes);
    const auto shown = show(id);
    QCOMPARE(shown.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    QVERIFY(QDateTime::fromString(shown.value(QStringLiteral("updated_at")).toString(), Qt::ISODate).isValid());
}

void TestCliUserLifecycle::editWithoutChangeSendsNothing()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    subscribeEverything(receiver);
    addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto result = run({ QStringLiteral("edit"), QStringLiteral("ada@example.com"), QStringLiteral("--email"),
                              QStringLiteral("ada@example.com"), QStringLiteral("--role"), QStringLiteral("user") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines(),
             QStringList {
                 QStringLiteral("The account Ada <ada@example.com> already has these values: nothing was changed.") });
    QCOMPARE(receiver.count(), 1);
}

void TestCliUserLifecycle::editRefused_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("firstError");

    QTest::newRow("no change asked") << QStringList() << 2
                                     << QStringLiteral("Give at least one of --name, --email and --role.");
    QTest::newRow("unknown role") << QStringList { QStringLiteral("--role"), QStringLiteral(" root ") } << 1
                                  << QStringLiteral("Unknown role \"root\": use user, admin or pending.");
    QTest::newRow("empty name") << QStringList { QStringLiteral("--name"), QStringLiteral(" ") } << 1
                                << QStringLiteral("Enter a name.");
    QTest::newRow("invalid email") << QStringList { QStringLiteral("--email"), QStringLiteral("nope") } << 1
                                   << QStringLiteral("\"nope\" is not a valid email address.");
    QTest::newRow("duplicate email") << QStringList {
        QStringLiteral("--email"), QStringLiteral("Grace@Example.com")
    } << 1 << QStringLiteral("The email address Grace@Example.com is already used by another account.");
    QTest::newRow("unknown option") << QStringList { QStringLiteral("--password"), QStringLiteral("x") } << 2
                                    << QStringLiteral("Unknown option 'password'.");
}

void TestCliUserLifecycle::editRefused()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, firstError);
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    subscribeEverything(receiver);
    addAccount(QStringLiteral("Grace"), QStringLiteral("grace@example.com"));
    addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto ada = show(QStringLiteral("ada@example.com"));
    const auto result = run(QStringList { QStringLiteral("edit"), QStringLiteral("ada@example.com") } + options);
    CLI_VERIFY_EXIT(result, exitCode);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.errLines().value(0), firstError);
    if (exitCode == 1) {
        QCOMPARE(result.errLines().constLast(), QStringLiteral("The account was not changed."));
    }
    QCOMPARE(show(QStringLiteral("ada@example.com")), ada);
    QCOMPARE(receiver.count(), 2);
}

void TestCliUserLifecycle::passwdSendsNoSecret()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    subscribeEverything(receiver);
    addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto result =
        run({ QStringLiteral("passwd"), QStringLiteral("ada@example.com"), QStringLiteral("--password-stdin") },
            QByteArrayLiteral("a whole new password\n"));
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines().value(0), QStringLiteral("Password changed: Ada <ada@example.com>"));
    QVERIFY2(NotifiedLine.match(result.outLines().value(1)).hasMatch(), qPrintable(result.out));
    QCOMPARE(receiver.count(), 2);
    const auto& request = receiver.requests().at(1);
    QCOMPARE(QJsonDocument::fromJson(request.body).object().value(QStringLiteral("event")).toString(),
             QStringLiteral("user.password_reset"));
    QVERIFY(!request.body.contains("a whole new password"));
    QVERIFY(!request.body.contains("argon2"));
    QVERIFY(!result.out.contains(QStringLiteral("a whole new password")));
}

void TestCliUserLifecycle::passwdRefused()
{
    addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto withoutStdin = run({ QStringLiteral("passwd"), QStringLiteral("ada@example.com") });
    CLI_VERIFY_EXIT(withoutStdin, 2);
    const auto tooShort =
        run({ QStringLiteral("passwd"), QStringLiteral("ada@example.com"), QStringLiteral("--password-stdin") },
            QByteArrayLiteral("short\n"));
    CLI_VERIFY_EXIT(tooShort, 1);
    QCOMPARE(tooShort.errLines(),
             (QStringList { QStringLiteral("The password must have at least 8 characters."),
                            QStringLiteral("The password was not changed.") }));
    const auto notUtf8 =
        run({ QStringLiteral("passwd"), QStringLiteral("ada@example.com"), QStringLiteral("--password-stdin") },
            QByteArrayLiteral("caf\xe9 au lait\n"));
    CLI_VERIFY_EXIT(notUtf8, 1);
    QCOMPARE(show(QStringLiteral("ada@example.com")).value(QStringLiteral("updated_at")), QJsonValue());
}

void TestCliUserLifecycle::disableAndEnable()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    subscribeEverything(receiver);
    addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));

    const auto disabled = run({ QStringLiteral("disable"), QStringLiteral("ada@example.com") });
    CLI_VERIFY_EXIT(disabled, 0);
    QCOMPARE(disabled.outLines().value(0), QStringLiteral("Account disabled: Ada <ada@example.com>"));
    QCOMPARE(show(QStringLiteral("ada@example.com")).value(QStringLiteral("disabled")), QJsonValue(true));
    const auto again = run({ QStringLiteral("disable"), QStringLiteral("ada@example.com") });
    CLI_VERIFY_EXIT(again, 0);
    QCOMPARE(again.outLines(),
             QStringList { QStringLiteral("The account Ada <ada@example.com> is already disabled: nothing was "
                                          "changed.") });
    const auto enabled = run({ QStringLiteral("enable"), QStringLiteral("ada@example.com") });
    CLI_VERIFY_EXIT(enabled, 0);
    QCOMPARE(enabled.outLines().value(0), QStringLiteral("Account enabled: Ada <ada@example.com>"));
    QCOMPARE(show(QStringLiteral("ada@example.com")).value(QStringLiteral("disabled")), QJsonValue(false));

    QStringList events;
    for (const auto& request : receiver.requests()) {
        events << QJsonDocument::fromJson(request.body).object().value(QStringLiteral("event")).toString();
    }
    QCOMPARE(events,
             (QStringList { QStringLiteral("user.created"), QStringLiteral("user.disabled"),
                            QStringLiteral("user.enabled") }));
}

void TestCliUserLifecycle::deleteNeedsYesWithoutTerminal()
{
    addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    // The test's pipe is not a terminal: nothing can confirm, even a "y" on standard input.
    const auto result = run({ QStringLiteral("delete"), QStringLiteral("ada@example.com") }, QByteArrayLiteral("y\n"));
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.errLines().value(0),
             QStringLiteral("Standard input is not a terminal to confirm the deletion: add --yes to delete Ada "
                            "<ada@example.com>."));
    QVERIFY(!show(QStringLiteral("ada@example.com")).isEmpty());
}

void TestCliUserLifecycle::deleteAsksOnATerminal()
{
    // script(1) gives the command a pseudo-terminal, as an administrator's shell would.
    const auto script = QStandardPaths::findExecutable(QStringLiteral("script"));
    if (script.isEmpty()) {
        QSKIP("script (util-linux) is needed for a terminal");
    }
    addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    const auto command = QStringLiteral("'%1' --database '%2' user delete ada@example.com")
                             .arg(qEnvironmentVariable("CROCHET_CLI"), m_cli->databasePath());
    const auto answer = [&](const QByteArray& input) {
        auto process = std::make_unique<QProcess>();
        process->setProgram(script);
        process->setArguments({ QStringLiteral("-qec"), command, QStringLiteral("/dev/null") });
        process->start();
        process->write(input);
        process->closeWriteChannel();
        return CliRunner::finish(process.get());
    };
    const auto declined = answer(QByteArrayLiteral("n\n"));
    CLI_VERIFY_EXIT(declined, 1);
    QVERIFY2(declined.out.contains(QStringLiteral("Delete the account Ada <ada@example.com>? [y/N]")),
             declined.describe().constData());
    QVERIFY2(declined.out.contains(QStringLiteral("The account was not deleted.")), declined.describe().constData());
    QVERIFY(!show(QStringLiteral("ada@example.com")).isEmpty());

    const auto confirmed = answer(QByteArrayLiteral("y\n"));
    CLI_VERIFY_EXIT(confirmed, 0);
    QVERIFY2(confirmed.out.contains(QStringLiteral("Account deleted: Ada <ada@example.com>")),
             confirmed.describe().constData());
    CLI_VERIFY_EXIT(run({ QStringLiteral("show"), QStringLiteral("ada@example.com") }), 1);
}

void TestCliUserLifecycle::deleteNotifiesTheLastValues()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    subscribeEverything(receiver);
    const auto id = addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"), QStringLiteral("admin"));
    const auto result = run({ QStringLiteral("delete"), id, QStringLiteral("--yes") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines().value(0), QStringLiteral("Account deleted: Ada <ada@example.com>, id ") + id);
    QVERIFY2(NotifiedLine.match(result.outLines().value(1)).hasMatch(), qPrintable(result.out));
    const auto body = QJsonDocument::fromJson(receiver.requests().constLast().body).object();
    QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("user.deleted"));
    const auto user = body.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("name")).toString(), QStringLiteral("Ada"));
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("ada@example.com"));
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    const auto gone = run({ QStringLiteral("show"), id });
    CLI_VERIFY_EXIT(gone, 1);
}

void TestCliUserLifecycle::unknownAccount_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("show") << QStringList { QStringLiteral("show"), QStringLiteral("nobody@example.com") };
    QTest::newRow("edit") << QStringList { QStringLiteral("edit"), QStringLiteral("nobody@example.com"),
                                           QStringLiteral("--name"), QStringLiteral("X") };
    QTest::newRow("disable") << QStringList { QStringLiteral("disable"), QStringLiteral("nobody@example.com") };
    QTest::newRow("enable") << QStringList { QStringLiteral("enable"), QStringLiteral("nobody@example.com") };
    QTest::newRow("delete") << QStringList { QStringLiteral("delete"), QStringLiteral("nobody@example.com"),
                                             QStringLiteral("--yes") };
}

void TestCliUserLifecycle::unknownAccount()
{
    QFETCH(QStringList, arguments);
    const auto result = run(arguments);
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.errLines(),
             QStringList { QStringLiteral("No account has the id or email address \"nobody@example.com\".") });
}

QTEST_GUILESS_MAIN(TestCliUserLifecycle)
#include "TestCliUserLifecycle.moc"
