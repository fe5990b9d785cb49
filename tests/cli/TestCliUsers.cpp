#include "CliRunner.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryResult.h"
#include "storage/Database.h"
#include "users/UserRules.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

// crochet-cli user …: creating accounts (one by one and from CSV), refusals, and the notification they send.
class TestCliUsers : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void addNotifiesWebhook();
    void addWithoutPasswordIsPending();
    void addWithoutWebhook();
    void addSurvivesFailingWebhook();
    void addRefused_data();
    void addRefused();
    void addRequiresNameAndEmail();
    void addAcceptsRoleInAnyCase();
    void duplicateEmailIgnoresCase();
    void list();
    void importCsv();
    void importReportsEachOutcome();
    void importUnreadableFile();
    void invalidEmailIsEchoedCapped();

    void passwordNotUtf8IsRefused();
    void argumentNotUtf8IsRefused();
    void sameAddressTypedTwoWays();
    void hostileTextIsShownVisibly();
    void importReportsInvalidUtf8();
    void importDeliversWhileImporting();

private:
    void setWebhook(const TestReceiver& receiver);
    QStringList userLines();

    std::optional<QTemporaryDir> m_dir;
    std::optional<CliRunner> m_cli;
};

namespace {

const QRegularExpression AccountLine(
    QStringLiteral("^Account created: (.+) <(.+)>, role (\\w+), id ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                   "[0-9a-f]{12})$"));
const QRegularExpression DeliveredLine(QStringLiteral("^The webhook was notified: Delivered: HTTP 200 in \\d+ ms\\.$"));

QString messageFor(const NewUser& user, bool allowEmptyPassword)
{
    QStringList messages;
    for (const auto& problem : UserRules::validate(user, allowEmptyPassword)) {
        messages << problem.message;
    }
    return messages.join(QLatin1Char('\n'));
}

} // namespace

void TestCliUsers::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_cli.emplace(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("crochet.sqlite"))));
}

void TestCliUsers::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

void TestCliUsers::setWebhook(const TestReceiver& receiver)
{
    const auto result = m_cli->run({ QStringLiteral("webhook"), QStringLiteral("set"), receiver.url().toString() });
    QVERIFY2(result.exitCode == 0, result.describe().constData());
}

QStringList TestCliUsers::userLines()
{
    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("list") });
    if (result.exitCode != 0 || !result.err.isEmpty()) {
        qWarning("%s", result.describe().constData());
    }
    return result.outLines();
}

void TestCliUsers::addNotifiesWebhook()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);

    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                                     QStringLiteral("Zoé \"Z\" <b>"), QStringLiteral("--email"),
                                     QStringLiteral("zoe@example.com"), QStringLiteral("--password-stdin") },
                                   QByteArrayLiteral("correct horse battery\n"));
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.err, QString());
    const auto lines = result.outLines();
    QCOMPARE(lines.size(), 2);
    const auto account = AccountLine.match(lines.at(0));
    QVERIFY2(account.hasMatch(), qPrintable(lines.at(0)));
    QCOMPARE(account.captured(1), QStringLiteral("Zoé \"Z\" <b>"));
    QCOMPARE(account.captured(2), QStringLiteral("zoe@example.com"));
    QCOMPARE(account.captured(3), QStringLiteral("user"));
    QVERIFY2(DeliveredLine.match(lines.at(1)).hasMatch(), qPrintable(lines.at(1)));

    QCOMPARE(receiver.count(), 1);
    const auto& request = receiver.requests().constFirst();
    const auto body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("user.created"));
    const auto user = body.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("id")).toString(), account.captured(4));
    QCOMPARE(user.value(QStringLiteral("name")).toString(), QStringLiteral("Zoé \"Z\" <b>"));
    QVERIFY(!request.body.contains("correct horse"));
    QVERIFY(!request.body.contains("argon2"));

    // The webhook-id is the notification's id in the outbox.
    const auto webhookId = QString::fromLatin1(request.header("webhook-id"));
    QVERIFY(!webhookId.isEmpty());
    const auto deliveries = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(deliveries, 0);
    QCOMPARE(deliveries.outLines().size(), 1);
    QCOMPARE(deliveries.outLines().constFirst().section(QLatin1Char('\t'), 0, 0), webhookId);
}

void TestCliUsers::addWithoutPasswordIsPending()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);
    const auto result =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Pat"),
                     QStringLiteral("--email"), QStringLiteral("pat@example.com") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(AccountLine.match(result.outLines().value(0)).captured(3), QStringLiteral("pending"));
    QCOMPARE(receiver.count(), 1);
}

void TestCliUsers::addWithoutWebhook()
{
    const auto result =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Pat"),
                     QStringLiteral("--email"), QStringLiteral("pat@example.com") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines().value(1), QStringLiteral("No webhook is configured: no notification to send."));
    const auto deliveries = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(deliveries, 0);
    QCOMPARE(deliveries.out, QString());
}

void TestCliUsers::addSurvivesFailingWebhook()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(500);
    setWebhook(receiver);
    const auto result =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Pat"),
                     QStringLiteral("--email"), QStringLiteral("pat@example.com") });
    // Creating an account never fails because of the webhook.
    CLI_VERIFY_EXIT(result, 0);
    QVERIFY(AccountLine.match(result.outLines().value(0)).hasMatch());
    const auto errors = result.errLines();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0),
             QStringLiteral("The webhook was not notified: ") + DeliveryResult::fromHttpStatus(500).summary());
    QVERIFY2(errors.at(1).startsWith(
                 QLatin1String("The account exists and its notification stays in the outbox: it is retried from ")),
             qPrintable(errors.at(1)));
    QCOMPARE(userLines().size(), 1);
    QCOMPARE(receiver.count(), 1);
}

void TestCliUsers::addRefused_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QByteArray>("password"); // empty: no --password-stdin
    QTest::addColumn<QString>("message");

    NewUser badEmail;
    badEmail.name = QStringLiteral("Bad");
    badEmail.email = QStringLiteral("not-an-email");
    badEmail.role = Role::Pending;
    QTest::newRow("bad email") << badEmail.name << badEmail.email << QString() << QByteArray()
                               << messageFor(badEmail, true);

    NewUser admin;
    admin.name = QStringLiteral("Root");
    admin.email = QStringLiteral("root@example.com");
    admin.roleText = QStringLiteral("admin");
    QTest::newRow("admin without password")
        << admin.name << admin.email << *admin.roleText << QByteArray() << messageFor(admin, true);

    NewUser shortPassword = admin;
    shortPassword.password = QStringLiteral("short");
    shortPassword.confirmation = shortPassword.password;
    QTest::newRow("short password") << admin.name << admin.email << *admin.roleText << QByteArrayLiteral("short\n")
                                    << messageFor(shortPassword, false);

    NewUser unknownRole = badEmail;
    unknownRole.email = QStringLiteral("ok@example.com");
    unknownRole.roleText = QStringLiteral("root");
    QTest::newRow("unknown role") << unknownRole.name << unknownRole.email << *unknownRole.roleText << QByteArray()
                                  << messageFor(unknownRole, true);

    NewUser emptyName = unknownRole;
    emptyName.name = QStringLiteral("  ");
    emptyName.roleText.reset();
    emptyName.role = Role::Pending;
    QTest::newRow("empty name") << emptyName.name << emptyName.email << QString() << QByteArray()
                                << messageFor(emptyName, true);
}

void TestCliUsers::addRefused()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, role);
    QFETCH(QByteArray, password);
    QFETCH(QString, message);
    QVERIFY(!message.isEmpty());

    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);
    QStringList arguments { QStringLiteral("user"),    QStringLiteral("add"),
                            QStringLiteral("--name"),  name,
                            QStringLiteral("--email"), email };
    if (!role.isEmpty()) {
        arguments << QStringLiteral("--role") << role;
    }
    if (!password.isEmpty()) {
        arguments << QStringLiteral("--password-stdin");
    }
    const auto result = m_cli->run(arguments, password);
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.err, message + QStringLiteral("\nThe account was not created.\n"));
    QCOMPARE(userLines(), QStringList());
    QCOMPARE(receiver.count(), 0);
}

void TestCliUsers::addRequiresNameAndEmail()
{
    const auto result =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Pat") });
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.errLines().value(0), QStringLiteral("Both --name and --email are required."));
    QCOMPARE(userLines(), QStringList());
}

void TestCliUsers::duplicateEmailIgnoresCase()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                                 QStringLiteral("Ann"), QStringLiteral("--email"), QStringLiteral("ann@example.com") }),
                    0);
    const auto result =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                     QStringLiteral("Ann Again"), QStringLiteral("--email"), QStringLiteral("ANN@Example.COM") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.err,
             UserRules::duplicateEmailMessage(QStringLiteral("ANN@Example.COM"))
                 + QStringLiteral("\nThe account was not created.\n"));
    QCOMPARE(userLines().size(), 1);
    QCOMPARE(receiver.count(), 1);
}

void TestCliUsers::addAcceptsRoleInAnyCase()
{
    // The same rule as the import, which always lowercased its roles.
    auto result =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Ada"),
                     QStringLiteral("--email"), QStringLiteral("ada@example.com"), QStringLiteral("--role"),
                     QStringLiteral(" Admin "), QStringLiteral("--password-stdin") },
                   QByteArrayLiteral("a long enough password\n"));
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(AccountLine.match(result.outLines().value(0)).captured(3), QStringLiteral("admin"));
    result = m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                          QStringLiteral("Pat"), QStringLiteral("--email"), QStringLiteral("pat@example.com"),
                          QStringLiteral("--role"), QStringLiteral("PENDING") });
    CLI_VERIFY_EXIT(result, 0);

    const auto csv = m_dir->filePath(QStringLiteral("roles.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name,email,password,role\nBob,bob@example.com,,Pending \n");
    file.close();
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("user"), QStringLiteral("import"), csv }), 0);

    QStringList roles;
    for (const auto& line : userLines()) {
        roles << line.split(QLatin1Char('\t')).value(3);
    }
    QCOMPARE(roles, (QStringList { QStringLiteral("admin"), QStringLiteral("pending"), QStringLiteral("pending") }));

    result = m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                          QStringLiteral("Eve"), QStringLiteral("--email"), QStringLiteral("eve@example.com"),
                          QStringLiteral("--role"), QStringLiteral("Root") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.errLines().value(0), QStringLiteral("Unknown role \"Root\": use user, admin or pending."));
}

void TestCliUsers::list()
{
    QCOMPARE(userLines(), QStringList());
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                                 QStringLiteral("Ann"), QStringLiteral("--email"), QStringLiteral("ann@example.com") }),
                    0);
    CLI_VERIFY_EXIT(
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                     QStringLiteral("Bob Admin"), QStringLiteral("--email"), QStringLiteral("bob@example.com"),
                     QStringLiteral("--role"), QStringLiteral("admin"), QStringLiteral("--password-stdin") },
                   QByteArrayLiteral("a long enough password\n")),
        0);
    const auto lines = userLines();
    QCOMPARE(lines.size(), 2);
    const auto ann = lines.at(0).split(QLatin1Char('\t'));
    const auto bob = lines.at(1).split(QLatin1Char('\t'));
    QCOMPARE(ann.size(), 6);
    QCOMPARE(ann.at(5), QStringLiteral("active"));
    QCOMPARE(ann.mid(1, 3),
             (QStringList { QStringLiteral("Ann"), QStringLiteral("ann@example.com"), QStringLiteral("pending") }));
    QCOMPARE(bob.mid(1, 3),
             (QStringList { QStringLiteral("Bob Admin"), QStringLiteral("bob@example.com"), QStringLiteral("admin") }));
    const auto created = QDateTime::fromString(ann.at(4), Qt::ISODate);
    QVERIFY2(created.isValid() && ann.at(4).endsWith(QLatin1Char('Z')), qPrintable(ann.at(4)));
    QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc())) < 120);
}

void TestCliUsers::importCsv()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);
    const auto path = m_dir->filePath(QStringLiteral("accounts.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name,email,password,role\n"
               "Ann,ann@example.com,,\n"
               "Bad,not-an-email,,\n"
               "Bob,bob@example.com,a long password,admin\n");
    file.close();

    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("import"), path });
    CLI_VERIFY_EXIT(result, 0);
    NewUser bad;
    bad.name = QStringLiteral("Bad");
    bad.email = QStringLiteral("not-an-email");
    bad.role = Role::Pending;
    QCOMPARE(result.outLines(),
             (QStringList { QStringLiteral("Accounts created: 2"), QStringLiteral("Rows refused: 1"),
                            QStringLiteral("Notifications: 2 delivered, 0 to be retried, 0 failed, 0 not attempted "
                                           "yet.") }));
    QCOMPARE(result.err, QStringLiteral("Line 3: ") + messageFor(bad, true) + QLatin1Char('\n'));
    QCOMPARE(userLines().size(), 2);
    QCOMPARE(receiver.count(), 2);
}

// The report after an import counts each notification's state in the database: one delivered, one to be retried
// after a 500, one failed for good on a 400.
void TestCliUsers::importReportsEachOutcome()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setResponses({ TestReceiver::status(500), TestReceiver::status(400), TestReceiver::status(204) });
    setWebhook(receiver);
    const auto path = m_dir->filePath(QStringLiteral("accounts.csv"));
    QVERIFY(TestFixtures::writeFile(path,
                                    "name,email,password,role\n"
                                    "Ann,ann@example.com,,\n"
                                    "Bob,bob@example.com,,\n"
                                    "Cy,cy@example.com,,\n"));

    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("import"), path });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines().mid(0, 3),
             (QStringList { QStringLiteral("Accounts created: 3"), QStringLiteral("Rows refused: 0"),
                            QStringLiteral("Notifications: 1 delivered, 1 to be retried, 1 failed, 0 not attempted "
                                           "yet.") }));
    QVERIFY2(result.err.contains(QLatin1String("failed for good")), qPrintable(result.err));
    QCOMPARE(receiver.count(), 3);
}

void TestCliUsers::invalidEmailIsEchoedCapped()
{
    // At most 60 characters of what was typed come back, whatever its size (one argument is limited to 128 KiB).
    const auto echoed =
        QStringLiteral("\"%1\" is not a valid email address.").arg(QString(59, QLatin1Char('a')) + QChar(0x2026));
    const auto added =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Ann"),
                     QStringLiteral("--email"), QString(100000, QLatin1Char('a')) });
    CLI_VERIFY_EXIT(added, 1);
    QCOMPARE(added.err, echoed + QStringLiteral("\nThe account was not created.\n"));

    // A CSV holds no such limit: a 1 MB email is echoed capped too.
    const auto path = m_dir->filePath(QStringLiteral("huge.csv"));
    QVERIFY(TestFixtures::writeFile(path, "name,email,password,role\nAnn," + QByteArray(1024 * 1024, 'a') + ",,\n"));
    const auto imported = m_cli->run({ QStringLiteral("user"), QStringLiteral("import"), path });
    CLI_VERIFY_EXIT(imported, 0);
    QCOMPARE(imported.err, QStringLiteral("Line 2: ") + echoed + QLatin1Char('\n'));
    QCOMPARE(userLines(), QStringList());
}

void TestCliUsers::importUnreadableFile()
{
    const auto path = m_dir->filePath(QStringLiteral("missing.csv"));
    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("import"), path });
    CLI_VERIFY_EXIT(result, 1);
    QVERIFY2(result.err.startsWith(QStringLiteral("Cannot read ") + path), qPrintable(result.err));
}

void TestCliUsers::passwordNotUtf8IsRefused()
{
    // Never hashed as "secret\uFFFDpassword".
    const auto result =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Ada"),
                     QStringLiteral("--email"), QStringLiteral("ada@example.com"), QStringLiteral("--password-stdin") },
                   QByteArrayLiteral("secret\xffpassword\n"));
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.errLines(),
             (QStringList { QStringLiteral("The password read from standard input is not valid UTF-8."),
                            QStringLiteral("The account was not created.") }));
    QCOMPARE(userLines(), QStringList());
}

void TestCliUsers::argumentNotUtf8IsRefused()
{
    // QProcess can only pass text: a shell passes the raw byte (Latin-1 é).
    QProcess process;
    process.setProgram(QStringLiteral("/bin/sh"));
    process.setArguments(
        { QStringLiteral("-c"),
          QStringLiteral("exec \"$CROCHET_CLI\" --database \"$0\" user add --name \"$(printf 'Zo\\351')\" "
                         "--email zoe@example.com"),
          m_cli->databasePath() });
    process.start();
    const auto result = CliRunner::finish(&process);
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.out, QString());
    QCOMPARE(result.errLines().value(0),
             QStringLiteral("Argument 6 on the command line is not valid UTF-8; nothing was done. Check that the "
                            "terminal or the script passes UTF-8 text."));
    QVERIFY(!result.err.contains(QChar(QChar::ReplacementCharacter)));
    QCOMPARE(userLines(), QStringList());
}

void TestCliUsers::sameAddressTypedTwoWays()
{
    const auto add = [this](const QString& email) {
        return m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                            QStringLiteral("Zoe\u0301"), QStringLiteral("--email"), email });
    };
    CLI_VERIFY_EXIT(add(QStringLiteral("zo\u00E9@example.fr")), 0);
    const auto again = add(QStringLiteral("ZOE\u0301@example.fr"));
    CLI_VERIFY_EXIT(again, 1);
    QCOMPARE(again.errLines(),
             (QStringList { QStringLiteral("The email address ZO\u00C9@example.fr is already used by another account."),
                            QStringLiteral("The account was not created.") }));
    const auto lines = userLines();
    QCOMPARE(lines.size(), 1);
    // Stored in NFC.
    QCOMPARE(lines.at(0).split(QLatin1Char('\t')).mid(1, 2),
             (QStringList { QStringLiteral("Zo\u00E9"), QStringLiteral("zo\u00E9@example.fr") }));

    const auto hidden = add(QStringLiteral("zo\u00E9\u200B@example.fr"));
    CLI_VERIFY_EXIT(hidden, 1);
    QCOMPARE(hidden.errLines().value(0),
             QStringLiteral("The email address must not contain invisible or text-direction characters (U+200B)."));
}

void TestCliUsers::hostileTextIsShownVisibly()
{
    // A name that reorders text is accepted, and shown escaped.
    const auto added = m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                                    QStringLiteral("Ada\u202Egnp.exe"), QStringLiteral("--email"),
                                    QStringLiteral("ada@example.com") });
    CLI_VERIFY_EXIT(added, 0);
    QVERIFY2(added.unsafeCharacters().isEmpty(), added.describe().constData());
    QVERIFY2(added.out.startsWith(QLatin1String("Account created: Ada\\u202egnp.exe <ada@example.com>")),
             added.describe().constData());

    // Refused input is echoed escaped too.
    const auto refused =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Eve"),
                     QStringLiteral("--email"), QStringLiteral("\x1b[2J\x1b]0;pwned\x07"), QStringLiteral("--role"),
                     QStringLiteral("root\x1b[31m") });
    CLI_VERIFY_EXIT(refused, 1);
    QVERIFY2(refused.unsafeCharacters().isEmpty(), refused.describe().constData());
    QVERIFY2(refused.err.contains(QLatin1String("\"\\x1b[2J\\x1b]0;pwned\\x07\" is not a valid email address.")),
             refused.describe().constData());
    QVERIFY2(refused.err.contains(QLatin1String("Unknown role \"root\\x1b[31m\"")), refused.describe().constData());

    // A name stored before control characters were refused.
    {
        Database database(m_cli->databasePath());
        QVERIFY(database.open());
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("UPDATE users SET name = 'Old\x1b[31m\u0085name'")));
    }
    const auto list = m_cli->run({ QStringLiteral("user"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    QVERIFY2(list.unsafeCharacters().isEmpty(), list.describe().constData());
    QCOMPARE(list.outLines().value(0).split(QLatin1Char('\t')).value(1), QStringLiteral("Old\\x1b[31m\\x85name"));
}

void TestCliUsers::importReportsInvalidUtf8()
{
    const auto path = m_dir->filePath(QStringLiteral("users.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name,email,password,role\n"
               "Ada,ada@example.com,,pending\n"
               "Bob,bob@example.com,secret\xffpassword,user\n"
               "Eve,\x1b[31meve@example.com,,pending\n"
               "Dora,dora@example.com,,pending\n");
    file.close();
    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("import"), path });
    CLI_VERIFY_EXIT(result, 0);
    QVERIFY2(result.unsafeCharacters().isEmpty(), result.describe().constData());
    QCOMPARE(result.outLines(),
             (QStringList { QStringLiteral("Accounts created: 2"), QStringLiteral("Rows refused: 2") }));
    QCOMPARE(result.errLines(),
             (QStringList { QStringLiteral("Line 3: Column 3 (password) is not valid UTF-8; save the file as UTF-8."),
                            QStringLiteral("Line 4: \"\\x1b[31meve@example.com\" is not a valid email address.") }));
    QCOMPARE(userLines().size(), 2);
}

// Issue 11: each committed batch wakes the delivery worker, so notifications leave while the rest of the file is
// still being imported. The second batch hashes passwords (Argon2id, slow on purpose): the first request reaches the
// receiver while that batch is not committed yet.
void TestCliUsers::importDeliversWhileImporting()
{
    constexpr int Pending = 200; // the first batch: no password to hash
    constexpr int WithPassword = 100;
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);
    const auto path = m_dir->filePath(QStringLiteral("accounts.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("name,email,password,role\n");
    for (int i = 0; i < Pending + WithPassword; ++i) {
        file.write(QStringLiteral("User %1,user%1@example.com,%2,\n")
                       .arg(i)
                       .arg(i < Pending ? QString() : QStringLiteral("a long password %1").arg(i))
                       .toUtf8());
    }
    file.close();

    // How many accounts the import had committed when the first notification arrived.
    int accountsAtFirstRequest = -1;
    connect(&receiver, &TestReceiver::requestReceived, this, [this, &accountsAtFirstRequest] {
        if (accountsAtFirstRequest >= 0) {
            return;
        }
        Database database(m_cli->databasePath());
        QSqlQuery query(database.open() ? database.connection() : QSqlDatabase());
        accountsAtFirstRequest =
            query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && query.next() ? query.value(0).toInt() : -2;
    });
    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("import"), path });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines(),
             (QStringList { QStringLiteral("Accounts created: %1").arg(Pending + WithPassword),
                            QStringLiteral("Rows refused: 0"),
                            QStringLiteral("Notifications: %1 delivered, 0 to be retried, 0 failed, 0 not attempted "
                                           "yet.")
                                .arg(Pending + WithPassword) }));
    QCOMPARE(result.err, QString());
    QCOMPARE(receiver.count(), Pending + WithPassword);
    // Before: nothing was sent until the whole file was imported.
    QCOMPARE(accountsAtFirstRequest, Pending);
}

QTEST_GUILESS_MAIN(TestCliUsers)
#include "TestCliUsers.moc"
