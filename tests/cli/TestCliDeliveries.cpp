#include "CliRunner.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryResult.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"
#include "webhooks/WebhookUrl.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <optional>

// crochet-cli deliveries …: the outbox seen and driven from the command line, across processes and a kill -9.
class TestCliDeliveries : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listShowAndRetry();
    void listFiltersByEndpointAndAccount();
    void showDeliveredAttempt();
    void showDigestAttempt();
    void retryFailed();
    void retryNeedsOneTarget_data();
    void retryNeedsOneTarget();
    void showUnknown();
    void ambiguousPrefix();
    void showRendersInTheReadersLanguage();
    void receiverTextIsShownVisibly();
    void listRejectsBadOptions_data();
    void listRejectsBadOptions();
    void flushNothingPending();
    void flushRetriesAfterServiceUnavailable();
    void flushGivesUpWhenTheWaitIsOver();
    void flushWithoutWebhook();
    void killedDuringSendIsDeliveredLater();
    void twoProcessesFlushOneDatabase();
    void goneWebhookSaysWhyNotificationsWait();
    void flushSendsScheduledNotificationsNow();
    void flushDeadlineHoldsWithSilentReceiver();
    void flushKeepsGoneNotificationsHeld();

private:
    QString addUser(const QString& name);
    void setWebhook(const QString& url, const QStringList& options = {});
    // Accounts created straight in the database, each with its pending notification; returns their ids.
    QStringList createPending(int count);

    std::optional<QTemporaryDir> m_dir;
    std::optional<CliRunner> m_cli;
};

namespace {

const QString SecretPath = QStringLiteral("/hooks/T0KEN-secret-4242");

} // namespace

void TestCliDeliveries::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_cli.emplace(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("crochet.sqlite"))));
}

void TestCliDeliveries::cleanup()
{
    m_cli.reset();
    m_dir.reset();
}

void TestCliDeliveries::setWebhook(const QString& url, const QStringList& options)
{
    const auto result = m_cli->run(QStringList { QStringLiteral("webhook"), QStringLiteral("set"), url } + options);
    QVERIFY2(result.exitCode == 0, result.describe().constData());
}

// Creates an account through the CLI; returns its notification's id (the webhook-id), from the outbox.
QString TestCliDeliveries::addUser(const QString& name)
{
    const auto result = m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), name,
                                     QStringLiteral("--email"), name.toLower() + QStringLiteral("@example.com") });
    if (result.exitCode != 0) {
        qWarning("%s", result.describe().constData());
        return {};
    }
    Database database(m_cli->databasePath());
    if (!database.open()) {
        return {};
    }
    const auto rows = Outbox(&database).list(std::nullopt, 1);
    return rows.isEmpty() || rows.constFirst().userName != name ? QString() : rows.constFirst().id;
}

QStringList TestCliDeliveries::createPending(int count)
{
    Database database(m_cli->databasePath());
    if (!database.open()) {
        return {};
    }
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        ids << TestFixtures::createNotifiedUser(&database, QStringLiteral("user%1@example.com").arg(i));
    }
    return ids;
}

void TestCliDeliveries::listShowAndRetry()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(500);
    setWebhook(receiver.url(SecretPath).toString());
    const auto id = addUser(QStringLiteral("Ann"));
    QVERIFY(!id.isEmpty());

    const auto serverError = DeliveryResult::fromHttpStatus(500).summary();
    const auto list = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    const QStringList expected { id,
                                 QStringLiteral("user.created"),
                                 QStringLiteral("Ann"),
                                 QStringLiteral("pending"),
                                 QStringLiteral("1"),
                                 serverError,
                                 QStringLiteral("Main") };
    QCOMPARE(list.outLines(), QStringList { expected.join(QLatin1Char('\t')) });
    const auto delivered = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("list"),
                                        QStringLiteral("--status"), QStringLiteral("delivered") });
    CLI_VERIFY_EXIT(delivered, 0);
    QCOMPARE(delivered.out, QString());

    // A unique beginning of the id is enough.
    const auto show = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), id.left(8) });
    CLI_VERIFY_EXIT(show, 0);
    const auto lines = show.outLines();
    QCOMPARE(
        lines.mid(0, 4),
        (QStringList { QStringLiteral("Notification: ") + id, QStringLiteral("Event: Account created (user.created)"),
                       QStringLiteral("Account: Ann"), QStringLiteral("State: Pending") }));
    QVERIFY(show.out.contains(QLatin1String("\nAttempt 1: ")));
    QVERIFY(lines.contains(QStringLiteral("  URL: ") + WebhookUrl::mask(receiver.url(SecretPath).toString())));
    QVERIFY(lines.contains(QStringLiteral("    webhook-id: ") + id));
    QVERIFY(lines.contains(QStringLiteral("    Content-Type: application/json")));
    QVERIFY(lines.contains(QStringLiteral("  Status: 500")));
    QVERIFY(lines.contains(QStringLiteral("  Result: ") + serverError));
    QVERIFY2(!show.out.contains(QLatin1String("T0KEN-secret")), qPrintable(show.out));

    const auto retry = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("retry"), id });
    CLI_VERIFY_EXIT(retry, 0);
    QCOMPARE(retry.outLines().value(0), QStringLiteral("Notifications scheduled for delivery now: 1"));
    Database database(m_cli->databasePath());
    QVERIFY(database.open());
    const auto row = Outbox(&database).find(id);
    QVERIFY(row);
    QCOMPARE(row->state, QStringLiteral("pending"));
    QVERIFY(row->nextAttemptAt <= QDateTime::currentDateTimeUtc());
}

void TestCliDeliveries::showDeliveredAttempt()
{
    // Its attempt is stored compact; show gives it as fully as a failed one.
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    setWebhook(receiver.url(SecretPath).toString());
    const auto id = addUser(QStringLiteral("Ann"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(receiver.count(), 1);
    const auto show = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), id });
    CLI_VERIFY_EXIT(show, 0);
    const auto lines = show.outLines();
    QVERIFY(lines.contains(QStringLiteral("State: Delivered")));
    QVERIFY(show.out.contains(QLatin1String("\nAttempt 1: ")));
    QVERIFY(lines.contains(QStringLiteral("  URL: ") + WebhookUrl::mask(receiver.url(SecretPath).toString())));
    QVERIFY(lines.contains(QStringLiteral("    Content-Type: application/json")));
    QVERIFY(lines.contains(QStringLiteral("    webhook-id: ") + id));
    QVERIFY(lines.contains(QStringLiteral("    webhook-timestamp: ")
                           + QString::fromLatin1(receiver.requests().first().header("webhook-timestamp"))));
    QVERIFY(lines.contains(QStringLiteral("  Status: 204")));
    QVERIFY(std::any_of(lines.cbegin(), lines.cend(), [](const QString& line) {
        return line.startsWith(QLatin1String("  Result: Delivered: HTTP 204 in "));
    }));
    QVERIFY2(!show.out.contains(QLatin1String("T0KEN-secret")), qPrintable(show.out));
}

void TestCliDeliveries::showDigestAttempt()
{
    // A Slack endpoint sends digests by default; a 1 s window keeps the test short.
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(200);
    setWebhook(receiver.url(SecretPath).toString(), { QStringLiteral("--format"), QStringLiteral("slack") });
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("endpoint"), QStringLiteral("set"), QStringLiteral("Main"),
                                 QStringLiteral("--digest-window"), QStringLiteral("1") }),
                    0);
    const auto ids = createPending(3);
    const auto flush = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("20") });
    CLI_VERIFY_EXIT(flush, 0);
    QCOMPARE(flush.out, QStringLiteral("Delivered: 3, failed: 0, still pending: 0\n"));
    QCOMPARE(receiver.count(), 1);
    const auto body = QString::fromUtf8(receiver.requests().first().body);
    QCOMPARE(body, QStringLiteral("{\"mrkdwn\":false,\"text\":\"3 new users signed up: user0, user1, user2\"}"));

    // One row per notification.
    const auto list = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    QCOMPARE(list.outLines().size(), 3);
    const auto show = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), ids.at(1) });
    CLI_VERIFY_EXIT(show, 0);
    const auto lines = show.outLines();
    QVERIFY2(lines.contains(QStringLiteral("  Sent in a digest of 3 with user0, user2")), qPrintable(show.out));
    QVERIFY(lines.contains(QStringLiteral("    webhook-id: ")
                           + QString::fromLatin1(receiver.requests().first().header("webhook-id"))));
    QVERIFY(lines.contains(QStringLiteral("  Digest body:")));
    QVERIFY(lines.contains(QStringLiteral("    ") + body));
    QVERIFY(lines.contains(QStringLiteral("  Status: 200")));

    // Retried alone: that account's own message.
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("retry"), ids.at(1) }), 0);
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"),
                                 QStringLiteral("20") }),
                    0);
    QCOMPARE(receiver.count(), 2);
    QCOMPARE(QString::fromUtf8(receiver.requests().last().body),
             QStringLiteral("{\"mrkdwn\":false,\"text\":\"New user signed up: user1\"}"));
    QCOMPARE(receiver.requests().last().header("webhook-id"), ids.at(1).toUtf8());
}

void TestCliDeliveries::retryFailed()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(404); // not worth retrying: failed at once
    setWebhook(receiver.url().toString());
    const auto first = addUser(QStringLiteral("Ann"));
    const auto second = addUser(QStringLiteral("Bob"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());

    const auto failed = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("failed") });
    CLI_VERIFY_EXIT(failed, 0);
    QCOMPARE(failed.outLines().size(), 2);
    const auto limited = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("1") });
    CLI_VERIFY_EXIT(limited, 0);
    QCOMPARE(limited.outLines().size(), 1);

    const auto retry =
        m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("retry"), QStringLiteral("--failed") });
    CLI_VERIFY_EXIT(retry, 0);
    QCOMPARE(retry.outLines(),
             (QStringList { QStringLiteral("Notifications scheduled for delivery now: 2"),
                            QStringLiteral("The next running Crochet delivers them, or run "
                                           "\"crochet-cli deliveries flush\".") }));

    receiver.setStatus(200);
    const auto flush = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("20") });
    CLI_VERIFY_EXIT(flush, 0);
    QCOMPARE(flush.out, QStringLiteral("Delivered: 2, failed: 0, still pending: 0\n"));
    QCOMPARE(receiver.count(), 4);
}

void TestCliDeliveries::retryNeedsOneTarget_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("neither") << QStringList {};
    QTest::newRow("both") << QStringList { QStringLiteral("abc"), QStringLiteral("--failed") };
}

void TestCliDeliveries::retryNeedsOneTarget()
{
    QFETCH(QStringList, arguments);
    const auto result = m_cli->run(QStringList { QStringLiteral("deliveries"), QStringLiteral("retry") } + arguments);
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.errLines().value(0), QStringLiteral("Give either a notification id or --failed."));
}

void TestCliDeliveries::ambiguousPrefix()
{
    {
        Database database(m_cli->databasePath());
        QVERIFY(database.open());
        QVERIFY(TestFixtures::setWebhookUrl(&database, QStringLiteral("http://127.0.0.1:9/hook")));
        QSqlQuery query(database.connection());
        for (int i = 0; i < 7; ++i) {
            const auto id = TestFixtures::createNotifiedUser(&database, QStringLiteral("u%1@example.com").arg(i));
            QVERIFY(query.exec(QStringLiteral("UPDATE notifications SET id = 'abc%1' WHERE id = '%2'").arg(i).arg(id)));
        }
    }
    for (const auto& action : { QStringLiteral("show"), QStringLiteral("retry") }) {
        const auto result = m_cli->run({ QStringLiteral("deliveries"), action, QStringLiteral("abc") });
        CLI_VERIFY_EXIT(result, 1);
        QCOMPARE(result.out, QString());
        QCOMPARE(result.errLines(),
                 (QStringList { QStringLiteral("\"abc\" is ambiguous: it begins the ids of several notifications. Give "
                                               "more characters, for example one of:"),
                                QStringLiteral("  abc0"), QStringLiteral("  abc1"), QStringLiteral("  abc2"),
                                QStringLiteral("  abc3"), QStringLiteral("  abc4"), QStringLiteral("  …") }));
    }
    const auto unique = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), QStringLiteral("abc6") });
    CLI_VERIFY_EXIT(unique, 0);
    QCOMPARE(unique.outLines().value(0), QStringLiteral("Notification: abc6"));

    // None at all, with the echo capped.
    const auto none =
        m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), QString(100, QLatin1Char('z')) });
    CLI_VERIFY_EXIT(none, 1);
    QCOMPARE(none.err,
             QStringLiteral("No notification matches \"%1\"; give its id or a unique beginning of it.\n")
                 .arg(QString(59, QLatin1Char('z')) + QChar(0x2026)));
}

void TestCliDeliveries::showRendersInTheReadersLanguage()
{
    // The attempt is recorded by a process running in English...
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(404);
    setWebhook(receiver.url(SecretPath).toString());
    const auto id = addUser(QStringLiteral("Ann"));
    QVERIFY(!id.isEmpty());

    // ...and shown by one running in French, attempt and list alike.
    QTranslator catalogue;
    QVERIFY(catalogue.load(QStringLiteral(":/i18n/crochet_fr.qm")));
    const auto french = catalogue.translate(
        "DeliveryResult",
        "HTTP 404: this webhook does not exist, or no longer does. Check the URL or create a new webhook.");
    QVERIFY(french.startsWith(QLatin1String("HTTP 404")) && french.contains(QStringLiteral("créez")));
    const auto show = m_cli->run(
        { QStringLiteral("--lang"), QStringLiteral("fr"), QStringLiteral("deliveries"), QStringLiteral("show"), id });
    CLI_VERIFY_EXIT(show, 0);
    QVERIFY2(show.outLines().constLast().endsWith(french), qPrintable(show.out));
    const auto list = m_cli->run(
        { QStringLiteral("--lang"), QStringLiteral("fr"), QStringLiteral("deliveries"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    QCOMPARE(list.outLines().value(0).split(QLatin1Char('\t')).value(5), french);
}

void TestCliDeliveries::receiverTextIsShownVisibly()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    auto response = TestReceiver::status(302, QByteArrayLiteral("\x1b[2J\x1b]0;pwned\x07 moved"));
    response.headers = { { QByteArrayLiteral("Location"), QByteArrayLiteral("http://x/\x1b[31mred") } };
    receiver.setResponses({ response });
    setWebhook(receiver.url(SecretPath).toString());

    // user add reports the first attempt, with the receiver's Location; the name reorders text.
    const auto added = m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"),
                                    QStringLiteral("Eve\u202Egnp.exe"), QStringLiteral("--email"),
                                    QStringLiteral("eve@example.com") });
    CLI_VERIFY_EXIT(added, 0);
    QCOMPARE(receiver.count(), 1);
    QVERIFY2(added.unsafeCharacters().isEmpty(), added.describe().constData());
    QVERIFY2(added.err.contains(QLatin1String("http://x/\\x1b[31mred")), added.describe().constData());

    Database database(m_cli->databasePath());
    QVERIFY(database.open());
    const auto rows = Outbox(&database).list(std::nullopt, 1);
    QCOMPARE(rows.size(), 1);
    const auto id = rows.constFirst().id;
    // Stored as received; neutralised where shown.
    QVERIFY(Outbox(&database).attempts(id).value(0).summary().contains(QLatin1String("http://x/\x1b[31mred")));

    const auto list = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    QVERIFY2(list.unsafeCharacters().isEmpty(), list.describe().constData());
    const auto fields = list.outLines().value(0).split(QLatin1Char('\t'));
    QCOMPARE(fields.size(), 7);
    QCOMPARE(fields.at(2), QStringLiteral("Eve\\u202egnp.exe"));
    QVERIFY2(fields.at(5).contains(QLatin1String("http://x/\\x1b[31mred")), qPrintable(fields.at(5)));

    const auto show = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), id });
    CLI_VERIFY_EXIT(show, 0);
    QVERIFY2(show.unsafeCharacters().isEmpty(), show.describe().constData());
    const auto lines = show.outLines();
    QVERIFY2(lines.contains(QStringLiteral("Account: Eve\\u202egnp.exe")), show.describe().constData());
    QVERIFY2(show.out.contains(QLatin1String("http://x/\\x1b[31mred")), show.describe().constData());

    // An id typed with an escape sequence is echoed inert.
    const auto unknown =
        m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), QStringLiteral("\x1b[31mz") });
    CLI_VERIFY_EXIT(unknown, 1);
    QVERIFY2(unknown.unsafeCharacters().isEmpty(), unknown.describe().constData());
}

void TestCliDeliveries::showUnknown()
{
    for (const auto& action : { QStringLiteral("show"), QStringLiteral("retry") }) {
        const auto result = m_cli->run({ QStringLiteral("deliveries"), action, QStringLiteral("0123abcd") });
        CLI_VERIFY_EXIT(result, 1);
        QCOMPARE(result.err,
                 QStringLiteral("No notification matches \"0123abcd\"; give its id or a unique beginning of it.\n"));
    }
}

void TestCliDeliveries::listRejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("status") << QStringList { QStringLiteral("--status"), QStringLiteral("lost") }
                            << QStringLiteral("Unknown state \"lost\": use pending, delivered or failed.");
    QTest::newRow("limit") << QStringList { QStringLiteral("--limit"), QStringLiteral("0") }
                           << QStringLiteral("The limit must be a whole number above 0.");
}

void TestCliDeliveries::listRejectsBadOptions()
{
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    const auto result = m_cli->run(QStringList { QStringLiteral("deliveries"), QStringLiteral("list") } + options);
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(result.errLines().value(0), message);
}

void TestCliDeliveries::flushNothingPending()
{
    const auto result = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("flush") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.out, QStringLiteral("Delivered: 0, failed: 0, still pending: 0\n"));
    QCOMPARE(result.err, QString());
}

void TestCliDeliveries::flushRetriesAfterServiceUnavailable()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setResponses({ TestReceiver::status(503), TestReceiver::status(200) });
    setWebhook(receiver.url().toString());
    const auto id = addUser(QStringLiteral("Ann"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(receiver.count(), 1);

    const auto flush = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("30") });
    CLI_VERIFY_EXIT(flush, 0);
    QCOMPARE(flush.out, QStringLiteral("Delivered: 1, failed: 0, still pending: 0\n"));
    QCOMPARE(receiver.count(), 2);
    QCOMPARE(receiver.requests().at(0).header("webhook-id"), id.toLatin1());
    QCOMPARE(receiver.requests().at(1).header("webhook-id"), id.toLatin1());

    const auto show = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), id });
    CLI_VERIFY_EXIT(show, 0);
    QVERIFY(show.outLines().contains(QStringLiteral("State: Delivered")));
    QVERIFY(show.outLines().contains(QStringLiteral("  Status: 503")));
    QVERIFY(show.outLines().contains(QStringLiteral("  Status: 200")));
}

void TestCliDeliveries::flushGivesUpWhenTheWaitIsOver()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(500);
    setWebhook(receiver.url().toString());
    QVERIFY(!addUser(QStringLiteral("Ann")).isEmpty());

    const auto flush = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("1") });
    CLI_VERIFY_EXIT(flush, 1);
    QCOMPARE(flush.out, QStringLiteral("Delivered: 0, failed: 0, still pending: 1\n"));
    QVERIFY2(flush.err.startsWith(QLatin1String("Notifications are still pending; the next one falls due at ")),
             qPrintable(flush.err));
}

void TestCliDeliveries::flushWithoutWebhook()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(500);
    setWebhook(receiver.url().toString());
    QVERIFY(!addUser(QStringLiteral("Ann")).isEmpty());
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("webhook"), QStringLiteral("clear") }), 0);

    const auto flush = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("flush") });
    CLI_VERIFY_EXIT(flush, 1);
    QCOMPARE(flush.errLines().value(0), QStringLiteral("Waiting: the endpoint \"Main\" has no URL."));
    QCOMPARE(flush.out, QStringLiteral("Delivered: 0, failed: 0, still pending: 1\n"));
}

// Issue 3: kill -9 between the account's commit and the answer; the next process delivers the same webhook-id.
void TestCliDeliveries::killedDuringSendIsDeliveredLater()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    TestReceiver::Response silent;
    silent.behaviour = TestReceiver::Behaviour::NeverAnswer;
    receiver.setResponses({ silent });
    setWebhook(receiver.url().toString(), { QStringLiteral("--timeout"), QStringLiteral("2") });

    QSignalSpy received(&receiver, &TestReceiver::requestReceived);
    const auto add =
        m_cli->start({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Ken"),
                       QStringLiteral("--email"), QStringLiteral("ken@example.com") });
    // The request reaches the receiver only after the account and its notification were committed.
    QVERIFY(received.wait(20000));
    const auto webhookId = receiver.requests().constFirst().header("webhook-id");
    QVERIFY(!webhookId.isEmpty());
    QSignalSpy finished(add.get(), &QProcess::finished);
    add->kill();
    QVERIFY(finished.wait(5000));
    QCOMPARE(add->exitStatus(), QProcess::CrashExit);

    const auto users = m_cli->run({ QStringLiteral("user"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(users, 0);
    QCOMPARE(users.outLines().size(), 1);

    // The killed process's lease (timeout + 5 s) must expire before another process may send again.
    receiver.setStatus(200);
    QElapsedTimer elapsed;
    elapsed.start();
    const auto flush = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("30") });
    CLI_VERIFY_EXIT(flush, 0);
    QCOMPARE(flush.out, QStringLiteral("Delivered: 1, failed: 0, still pending: 0\n"));
    QCOMPARE(receiver.count(), 2);
    QCOMPARE(receiver.requests().at(1).header("webhook-id"), webhookId);
    qInfo("delivered %lld ms after the kill", elapsed.elapsed());
}

// Issue 3: two processes flushing one database deliver every notification, and never one twice.
void TestCliDeliveries::twoProcessesFlushOneDatabase()
{
    constexpr int Notifications = 200;
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    {
        Database database(m_cli->databasePath());
        QVERIFY(database.open());
        Settings settings(&database);
        QVERIFY(TestFixtures::setWebhookUrl(settings.database(), receiver.url().toString()));
        UserStore store(&database);
        for (int i = 0; i < Notifications; ++i) {
            NewUser user;
            user.name = QStringLiteral("User %1").arg(i);
            user.email = QStringLiteral("user%1@example.com").arg(i);
            user.role = Role::Pending;
            QVERIFY(store.create(user, {}).ok);
        }
        QCOMPARE(Outbox(&database).count(Outbox::State::Pending), Notifications);
    }

    QHash<QByteArray, int> received;
    connect(&receiver, &TestReceiver::requestReceived, this,
            [&received](const TestReceiver::Request& request) { ++received[request.header("webhook-id")]; });
    const QStringList flush { QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"),
                              QStringLiteral("60") };
    const auto first = m_cli->start(flush);
    const auto second = m_cli->start(flush);
    const auto firstResult = CliRunner::finish(first.get(), 90000);
    const auto secondResult = CliRunner::finish(second.get(), 90000);
    CLI_VERIFY_EXIT(firstResult, 0);
    CLI_VERIFY_EXIT(secondResult, 0);

    QCOMPARE(received.size(), Notifications);
    int duplicates = 0;
    for (const auto count : std::as_const(received)) {
        duplicates += count - 1;
    }
    QCOMPARE(duplicates, 0);
    QCOMPARE(receiver.count(), Notifications);

    Database database(m_cli->databasePath());
    QVERIFY(database.open());
    QCOMPARE(Outbox(&database).count(Outbox::State::Delivered), Notifications);
    QCOMPARE(Outbox(&database).count(Outbox::State::Pending), 0);
}

// After a 410, the next account's notification is held: `user add` says why at once instead of waiting for an
// attempt that never comes, and `deliveries list` and `show` give the same reason and what to do.
void TestCliDeliveries::goneWebhookSaysWhyNotificationsWait()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(410);
    setWebhook(receiver.url(SecretPath).toString());
    QVERIFY(!addUser(QStringLiteral("Ann")).isEmpty());
    QCOMPARE(receiver.count(), 1);

    QElapsedTimer elapsed;
    elapsed.start();
    const auto added =
        m_cli->run({ QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Bob"),
                     QStringLiteral("--email"), QStringLiteral("bob@example.com") });
    CLI_VERIFY_EXIT(added, 0);
    // Without the reason, `user add` waited the timeout plus its margin (15 s) for an attempt.
    QVERIFY2(elapsed.elapsed() < 8000, added.describe().constData());
    QVERIFY2(added.err.contains(QStringLiteral("410")) && added.err.contains(QStringLiteral("endpoint set")),
             added.describe().constData());
    QVERIFY(!added.err.contains(SecretPath.mid(7)));
    QCOMPARE(receiver.count(), 1);

    Database database(m_cli->databasePath());
    QVERIFY(database.open());
    const auto rows = Outbox(&database).list(std::nullopt, 1);
    QCOMPARE(rows.size(), 1);
    const auto bob = rows.constFirst();
    QCOMPARE(bob.userName, QStringLiteral("Bob"));
    QCOMPARE(bob.state, QStringLiteral("pending"));
    QCOMPARE(bob.attempts, 0);
    const auto reason = DeliveryHold::load(&database).reason(bob.endpointId);
    QCOMPARE(reason, EndpointStore(&database).main().holdReason());

    const auto list = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("list") });
    CLI_VERIFY_EXIT(list, 0);
    const auto line = list.outLines().value(0).split(QLatin1Char('\t'));
    QCOMPARE(line.value(0), bob.id);
    // The same reason (the date in it follows the CLI's locale).
    QCOMPARE(line.value(5), reason);
    QVERIFY(line.value(5).contains(QStringLiteral("410")));
    QVERIFY(line.value(5).contains(QStringLiteral("endpoint set")));

    const auto show = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("show"), bob.id });
    CLI_VERIFY_EXIT(show, 0);
    QVERIFY2(show.outLines().contains(line.value(5)), show.describe().constData());
    QVERIFY(!show.out.contains(QStringLiteral("Next attempt")));

    // A new URL lifts the hold, and the waiting notification goes to it.
    TestReceiver next;
    QVERIFY(next.listen());
    setWebhook(next.url(SecretPath).toString());
    QVERIFY(!DeliveryHold::load(&database).isHeld(bob.endpointId));
    CLI_VERIFY_EXIT(m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("flush") }), 0);
    QCOMPARE(next.count(), 1);
}

// Issue 11: an administrator flushes after fixing the receiver; what was scheduled for hours later goes now, and the
// counts come exact from the attempts this process recorded.
void TestCliDeliveries::flushSendsScheduledNotificationsNow()
{
    constexpr int Notifications = 300;
    constexpr int Later = 120;
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver.url().toString());
    const auto ids = createPending(Notifications);
    QCOMPARE(ids.size(), Notifications);
    {
        Database database(m_cli->databasePath());
        QVERIFY(database.open());
        QSqlQuery later(database.connection());
        later.prepare(QStringLiteral("UPDATE notifications SET next_attempt_at = ? WHERE id IN "
                                     "(SELECT id FROM notifications ORDER BY rowid LIMIT ?)"));
        later.addBindValue(QDateTime::currentDateTimeUtc().addSecs(3 * 3600).toMSecsSinceEpoch());
        later.addBindValue(Later);
        QVERIFY(later.exec());
        QCOMPARE(later.numRowsAffected(), Later);
    }

    const auto flush = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("60") });
    CLI_VERIFY_EXIT(flush, 0);
    QCOMPARE(flush.out, QStringLiteral("Delivered: %1, failed: 0, still pending: 0\n").arg(Notifications));
    QCOMPARE(flush.err, QString());
    QCOMPARE(receiver.count(), Notifications);
    QSet<QByteArray> received;
    for (const auto& request : receiver.requests()) {
        received.insert(request.header("webhook-id"));
    }
    QCOMPARE(received.size(), Notifications);

    const auto help = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--help") });
    CLI_VERIFY_EXIT(help, 0);
    QVERIFY2(help.out.contains(QStringLiteral("Send every pending notification now, whatever its schedule")),
             help.describe().constData());
}

// Issue 11: a deadline is a deadline. The receiver never answers and the webhook's timeout is 30 s: flush --wait 2
// returns after about 2 s, says what is still pending, and leaves the notification under its lease (the receiver may
// have it) rather than giving it to another process at once.
void TestCliDeliveries::flushDeadlineHoldsWithSilentReceiver()
{
    constexpr qint64 WaitMs = 2000;
    // Starting the process, opening the database and writing the report; far below the 30 s it took before.
    constexpr qint64 MarginMs = 3000;
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    TestReceiver::Response silent;
    silent.behaviour = TestReceiver::Behaviour::NeverAnswer;
    receiver.setResponses({ silent });
    setWebhook(receiver.url().toString(), { QStringLiteral("--timeout"), QStringLiteral("30") });
    const auto ids = createPending(1);
    QCOMPARE(ids.size(), 1);

    QElapsedTimer elapsed;
    elapsed.start();
    const auto flush = m_cli->run({ QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"),
                                    QString::number(WaitMs / 1000) });
    const auto took = elapsed.elapsed();
    CLI_VERIFY_EXIT(flush, 1);
    QVERIFY2(took < WaitMs + MarginMs, qPrintable(QStringLiteral("flush took %1 ms").arg(took)));
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(flush.out, QStringLiteral("Delivered: 0, failed: 0, still pending: 1\n"));
    const auto errors = flush.errLines();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0),
             QStringLiteral("Requests still unanswered when the wait ended: 1. The receiver may have them; "
                            "they are sent again once its time to answer has passed."));
    QVERIFY2(errors.at(1).startsWith(QLatin1String("Notifications are still pending; the next one falls due at ")),
             qPrintable(errors.at(1)));

    // No attempt recorded (its outcome is unknown), and the lease stands: nobody sends it again before the receiver's
    // time to answer has passed.
    Database database(m_cli->databasePath());
    QVERIFY(database.open());
    Outbox outbox(&database);
    QCOMPARE(outbox.attempts(ids.constFirst()).size(), 0);
    QCOMPARE(outbox.claim(QStringLiteral("other"), 10, 60000, TestFixtures::endpointIds(&database)).size(), 0);
    const auto next = outbox.nextDue();
    QVERIFY(next && *next > QDateTime::currentDateTimeUtc().addSecs(20));
}

// Issue 11: after a 410 Gone the waiting notifications stay held: flushing would only have the service refuse each
// and fail it for good. The flush says so at once instead of waiting for attempts that never come.
void TestCliDeliveries::flushKeepsGoneNotificationsHeld()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(410);
    setWebhook(receiver.url(SecretPath).toString());
    QVERIFY(!addUser(QStringLiteral("Ann")).isEmpty());
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(createPending(2).size(), 2);

    QElapsedTimer elapsed;
    elapsed.start();
    const auto flush = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("30") });
    CLI_VERIFY_EXIT(flush, 1);
    QVERIFY2(elapsed.elapsed() < 30000, flush.describe().constData());
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(flush.out, QStringLiteral("Delivered: 0, failed: 0, still pending: 2\n"));
    const auto errors = flush.errLines();
    QVERIFY2(errors.value(0).startsWith(QLatin1String("Waiting: the endpoint \"Main\" was disabled after HTTP 410")),
             flush.describe().constData());
    QCOMPARE(errors.value(1),
             QStringLiteral("Nothing was sent to it: the service would refuse every notification and each "
                            "would fail for good. They stay pending for its new URL."));
    QVERIFY(!flush.err.contains(SecretPath.mid(7)));

    Database database(m_cli->databasePath());
    QVERIFY(database.open());
    QCOMPARE(Outbox(&database).count(Outbox::State::Pending), 2);
    QCOMPARE(Outbox(&database).count(Outbox::State::Failed), 1);
}

// deliveries list --endpoint NAME --account TEXT: the notifications of one endpoint, of matching accounts.
void TestCliDeliveries::listFiltersByEndpointAndAccount()
{
    {
        Database database(m_cli->databasePath());
        QVERIFY(database.open());
        QVERIFY(TestFixtures::setWebhookUrl(&database, QStringLiteral("http://127.0.0.1:9/main")));
        Endpoint ops;
        ops.name = QStringLiteral("Ops");
        ops.url = QStringLiteral("http://127.0.0.1:9/ops");
        QVERIFY(EndpointStore(&database).add(ops));
        QVERIFY(!TestFixtures::createNotifiedUser(&database, QStringLiteral("zoe@example.com")).isEmpty());
        QVERIFY(!TestFixtures::createNotifiedUser(&database, QStringLiteral("bob@example.com")).isEmpty());
    }
    const auto list = [this](const QStringList& options) {
        const auto result = m_cli->run(QStringList { QStringLiteral("deliveries"), QStringLiteral("list") } + options);
        QStringList rows;
        for (const auto& line : result.outLines()) {
            const auto fields = line.split(QLatin1Char('\t'));
            rows << fields.value(2) + QLatin1Char('@') + fields.value(6);
        }
        rows.sort();
        return rows;
    };
    QCOMPARE(list({}),
             (QStringList { QStringLiteral("bob@Main"), QStringLiteral("bob@Ops"), QStringLiteral("zoe@Main"),
                            QStringLiteral("zoe@Ops") }));
    QCOMPARE(list({ QStringLiteral("--endpoint"), QStringLiteral("ops") }),
             (QStringList { QStringLiteral("bob@Ops"), QStringLiteral("zoe@Ops") }));
    QCOMPARE(list({ QStringLiteral("--endpoint"), QStringLiteral("Ops"), QStringLiteral("--account"),
                    QStringLiteral("ZOE@EXAMPLE") }),
             QStringList { QStringLiteral("zoe@Ops") });
    const auto unknown = m_cli->run(
        { QStringLiteral("deliveries"), QStringLiteral("list"), QStringLiteral("--endpoint"), QStringLiteral("Nope") });
    CLI_VERIFY_EXIT(unknown, 1);
    QCOMPARE(unknown.errLines().value(0),
             QStringLiteral("There is no endpoint named \"Nope\"; \"crochet-cli endpoint list\" lists them."));
}

QTEST_GUILESS_MAIN(TestCliDeliveries)
#include "TestCliDeliveries.moc"
