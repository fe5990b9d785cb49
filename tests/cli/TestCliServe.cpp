#include "CliRunner.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "workers/WorkerRegistry.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <optional>
#include <sys/stat.h>

// crochet-cli serve and crochet-cli workers: the delivery service run as another process, stopped by a signal, once
// for cron, and seen by others through its heartbeat.
class TestCliServe : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void servesUntilSigterm();
    void signalDuringBurst_data();
    void signalDuringBurst();
    void onceNothingDue();
    void onceDeliversWhatIsDue();
    void onceFailsWhenSomethingIsLeft();
    void killedWorkerGoesStale();
    void workersListsLiveAndStale();
    void journalFormat();
    void rejectsBadOptions_data();
    void rejectsBadOptions();

private:
    // The webhook to the receiver, with a secret in its path that must never be logged.
    void setWebhook(const TestReceiver& receiver, int timeoutSeconds = 10);
    QStringList createPending(int count);
    int scalar(const QString& sql);
    std::unique_ptr<QProcess> startServe(const QStringList& options = {});
    QList<WorkerInfo> liveWorkers();

    std::optional<QTemporaryDir> m_dir;
    std::optional<CliRunner> m_cli;
    std::unique_ptr<Database> m_database;
    int m_created = 0;
};

namespace {

const QString SecretPath = QStringLiteral("/hooks/T0KEN-secret-4242");

int countLines(const QString& text, const QString& needle)
{
    int count = 0;
    for (const auto& line : text.split(QLatin1Char('\n'))) {
        count += line.contains(needle) ? 1 : 0;
    }
    return count;
}

} // namespace

void TestCliServe::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_cli.emplace(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("crochet.sqlite"))));
    m_database = std::make_unique<Database>(m_cli->databasePath());
    QVERIFY(m_database->open());
}

void TestCliServe::cleanup()
{
    m_database.reset();
    m_cli.reset();
    m_dir.reset();
}

void TestCliServe::setWebhook(const TestReceiver& receiver, int timeoutSeconds)
{
    QVERIFY(TestFixtures::setWebhookUrl(m_database.get(), receiver.url(SecretPath).toString()));
    QVERIFY(TestFixtures::setWebhookTimeout(m_database.get(), timeoutSeconds));
}

QStringList TestCliServe::createPending(int count)
{
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        ids << TestFixtures::createNotifiedUser(m_database.get(),
                                                QStringLiteral("user%1@example.com").arg(m_created++));
    }
    return ids;
}

int TestCliServe::scalar(const QString& sql)
{
    QSqlQuery query(m_database->connection());
    if (!query.exec(sql) || !query.next()) {
        qWarning("query failed: %s", qPrintable(sql));
        return -1;
    }
    return query.value(0).toInt();
}

std::unique_ptr<QProcess> TestCliServe::startServe(const QStringList& options)
{
    return m_cli->start(QStringList { QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("serve") }
                        + options);
}

QList<WorkerInfo> TestCliServe::liveWorkers()
{
    return WorkerRegistry(m_database.get()).live();
}

void TestCliServe::servesUntilSigterm()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);
    createPending(3);

    const auto serve = startServe();
    QTRY_COMPARE_WITH_TIMEOUT(receiver.count(), 3, 20000);
    QTRY_COMPARE(Outbox(m_database.get()).count(Outbox::State::Delivered), 3);

    // Its heartbeat, seen from this process.
    QTRY_COMPARE(liveWorkers().size(), 1);
    const auto worker = liveWorkers().constFirst();
    QCOMPARE(worker.program, WorkerRegistry::serveProgram());
    QCOMPARE(worker.pid, serve->processId());
    QVERIFY(worker.isService());
    QVERIFY(!worker.host.isEmpty());

    // Written by another process later: the service polls for it.
    QCOMPARE(createPending(1).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(receiver.count(), 4, 10000);

    ::kill(static_cast<pid_t>(serve->processId()), SIGTERM);
    const auto result = CliRunner::finish(serve.get(), 20000);
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(countLines(result.err, QStringLiteral("Delivered ")), 4);
    QCOMPARE(countLines(result.err, QStringLiteral("notice: Started: ")), 1);
    QCOMPARE(countLines(result.err, QStringLiteral("notice: Stopping on SIGTERM")), 1);
    QCOMPARE(countLines(result.err, QStringLiteral("notice: Stopped.")), 1);
    QVERIFY2(!result.err.contains(QStringLiteral("T0KEN")), result.describe().constData());
    QVERIFY(result.unsafeCharacters().isEmpty());
    // A clean exit leaves no heartbeat behind.
    QCOMPARE(WorkerRegistry(m_database.get()).all().size(), 0);
}

void TestCliServe::signalDuringBurst_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<QString>("name");
    QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("SIGTERM");
    QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("SIGINT");
}

// Stopped while requests are on the wire to a slow receiver: those finish and are recorded, the others are given
// back, and nothing is half-recorded.
void TestCliServe::signalDuringBurst()
{
    QFETCH(int, signalNumber);
    QFETCH(QString, name);
    constexpr int Total = 300;
    constexpr int TimeoutSeconds = 5;
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    TestReceiver::Response slow = TestReceiver::status(200);
    slow.delayMs = 1000;
    receiver.setResponses({ slow });
    setWebhook(receiver, TimeoutSeconds);
    QCOMPARE(createPending(Total).size(), Total);

    const auto serve = startServe();
    QTRY_VERIFY_WITH_TIMEOUT(receiver.count() >= 10, 20000);
    QElapsedTimer stopping;
    stopping.start();
    ::kill(static_cast<pid_t>(serve->processId()), signalNumber);
    const auto result = CliRunner::finish(serve.get(), 30000);
    CLI_VERIFY_EXIT(result, 0);
    // Within the request timeout, and some margin for a loaded machine.
    QVERIFY2(stopping.elapsed() < (TimeoutSeconds + 5) * 1000, qPrintable(QString::number(stopping.elapsed())));
    qInfo("%s: exited %lld ms after the signal, %d requests answered", qPrintable(name), stopping.elapsed(),
          receiver.count());

    const int delivered = scalar(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE state = 'delivered'"));
    const int pending = scalar(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE state = 'pending'"));
    QVERIFY(delivered >= 10);
    QVERIFY2(pending > 0, "the signal came after the burst");
    QCOMPARE(delivered + pending, Total);
    // Every request the receiver got is one recorded attempt, of a delivered notification.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempts")), receiver.count());
    QCOMPARE(delivered, receiver.count());
    // Nothing half-recorded: each notification's attempt count matches its attempt rows.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM notifications n WHERE n.attempts != "
                                   "(SELECT COUNT(*) FROM attempts a WHERE a.notification = n.rowid)")),
             0);
    // What was not sent is free for the next worker at once: no lease held, no attempt made.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE state = 'pending' AND "
                                   "(lease_owner IS NOT NULL OR lease_until IS NOT NULL OR attempts != 0)")),
             0);
    QCOMPARE(countLines(result.err, QStringLiteral("Delivered ")), delivered);
    QCOMPARE(countLines(result.err, QStringLiteral("Stopping on ") + name), 1);
    QCOMPARE(WorkerRegistry(m_database.get()).all().size(), 0);

    // The next worker sends the rest.
    receiver.setResponses({ TestReceiver::status(200) });
    const auto again = m_cli->run(
        { QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("serve"), QStringLiteral("--once") });
    CLI_VERIFY_EXIT(again, 0);
    QCOMPARE(Outbox(m_database.get()).count(Outbox::State::Delivered), Total);
    QCOMPARE(receiver.count(), Total);
}

void TestCliServe::onceNothingDue()
{
    const auto result = m_cli->run(
        { QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("serve"), QStringLiteral("--once") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines(), QStringList { QStringLiteral("Nothing is due.") });
}

void TestCliServe::onceDeliversWhatIsDue()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);
    const auto ids = createPending(4);
    // One is not due yet: --once leaves it for later.
    QSqlQuery later(m_database->connection());
    later.prepare(QStringLiteral("UPDATE notifications SET next_attempt_at = ? WHERE id = ?"));
    later.addBindValue(QDateTime::currentMSecsSinceEpoch() + 3600 * 1000);
    later.addBindValue(ids.constLast());
    QVERIFY(later.exec());

    const auto result = m_cli->run(
        { QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("serve"), QStringLiteral("--once") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines(),
             QStringList { QStringLiteral("Delivered: 3, to be retried: 0, failed: 0, still due: 0") });
    QCOMPARE(receiver.count(), 3);
    QCOMPARE(countLines(result.err, QStringLiteral("Delivered ")), 3);
    QCOMPARE(Outbox(m_database.get()).count(Outbox::State::Pending), 1);
    QCOMPARE(Outbox(m_database.get()).find(ids.constLast())->attempts, 0);
    QCOMPARE(WorkerRegistry(m_database.get()).all().size(), 0);
}

void TestCliServe::onceFailsWhenSomethingIsLeft()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(503);
    setWebhook(receiver);
    createPending(2);

    const auto result = m_cli->run(
        { QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("serve"), QStringLiteral("--once") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.outLines(),
             QStringList { QStringLiteral("Delivered: 0, to be retried: 2, failed: 0, still due: 0") });
    QCOMPARE(receiver.count(), 2);
    QCOMPARE(countLines(result.err, QStringLiteral("warning: Attempt 1 of ")), 2);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE state = 'pending' AND attempts = 1 AND "
                                   "lease_owner IS NULL")),
             2);
}

void TestCliServe::killedWorkerGoesStale()
{
    const auto serve = startServe();
    QTRY_COMPARE_WITH_TIMEOUT(liveWorkers().size(), 1, 10000);
    ::kill(static_cast<pid_t>(serve->processId()), SIGKILL);
    const auto result = CliRunner::finish(serve.get(), 10000);
    QCOMPARE(result.exitStatus, QProcess::CrashExit);

    // The row stays; it is live until it has not been seen for StaleAfter, then stale.
    const WorkerRegistry registry(m_database.get());
    const auto rows = registry.all();
    QCOMPARE(rows.size(), 1);
    const auto later = rows.constFirst().lastSeen.addMSecs(WorkerRegistry::StaleAfter.count() + 1);
    QCOMPARE(registry.live(rows.constFirst().lastSeen).size(), 1);
    QCOMPARE(registry.live(later).size(), 0);
}

void TestCliServe::workersListsLiveAndStale()
{
    // No worker: nothing listed, exit 1.
    auto result = m_cli->run({ QStringLiteral("workers") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.out, QString());

    // A row as a dead process on another machine left it.
    QSqlQuery insert(m_database->connection());
    insert.prepare(QStringLiteral("INSERT INTO workers (id, host, pid, program, version, started_at, last_seen) "
                                  "VALUES ('dead-1', 'other-host', 42, 'crochet-cli serve', '0.1.0', ?, ?)"));
    const auto old = QDateTime::currentMSecsSinceEpoch() - WorkerRegistry::StaleAfter.count() - 60000;
    insert.addBindValue(old);
    insert.addBindValue(old);
    QVERIFY(insert.exec());
    result = m_cli->run({ QStringLiteral("workers") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.out, QString());
    result = m_cli->run({ QStringLiteral("workers"), QStringLiteral("--all") });
    CLI_VERIFY_EXIT(result, 1);
    QCOMPARE(result.outLines().size(), 1);
    const auto fields = result.outLines().constFirst().split(QLatin1Char('\t'));
    QCOMPARE(fields.size(), 8);
    QCOMPARE(fields.at(0), QStringLiteral("dead-1"));
    QCOMPARE(fields.at(1), QStringLiteral("crochet-cli serve"));
    QCOMPARE(fields.at(2), QStringLiteral("other-host"));
    QCOMPARE(fields.at(3), QStringLiteral("42"));
    QCOMPARE(fields.at(7), QStringLiteral("stale"));

    // A running service is listed live, by another process.
    const auto serve = startServe();
    QTRY_COMPARE_WITH_TIMEOUT(liveWorkers().size(), 1, 10000);
    result = m_cli->run({ QStringLiteral("workers") });
    CLI_VERIFY_EXIT(result, 0);
    QCOMPARE(result.outLines().size(), 1);
    const auto live = result.outLines().constFirst().split(QLatin1Char('\t'));
    QCOMPARE(live.at(1), QStringLiteral("crochet-cli serve"));
    QCOMPARE(live.at(3), QString::number(serve->processId()));
    QCOMPARE(live.at(7), QStringLiteral("live"));
    ::kill(static_cast<pid_t>(serve->processId()), SIGTERM);
    CLI_VERIFY_EXIT(CliRunner::finish(serve.get(), 20000), 0);
}

// Under systemd, stderr is the journal: each line starts with its priority and carries no time.
void TestCliServe::journalFormat()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    setWebhook(receiver);
    createPending(1);

    const auto logPath = m_dir->filePath(QStringLiteral("journal.log"));
    QVERIFY(TestFixtures::writeFile(logPath, {}));
    struct stat status = {};
    QCOMPARE(::stat(QFile::encodeName(logPath).constData(), &status), 0);
    QProcess process;
    process.setProgram(qEnvironmentVariable("CROCHET_CLI"));
    process.setArguments({ QStringLiteral("--database"), m_cli->databasePath(), QStringLiteral("--lang"),
                           QStringLiteral("en"), QStringLiteral("serve") });
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("JOURNAL_STREAM"),
                       QStringLiteral("%1:%2").arg(quint64(status.st_dev)).arg(quint64(status.st_ino)));
    process.setProcessEnvironment(environment);
    process.setStandardErrorFile(logPath);
    process.start();
    QTRY_COMPARE_WITH_TIMEOUT(receiver.count(), 1, 20000);
    QTRY_COMPARE(Outbox(m_database.get()).count(Outbox::State::Delivered), 1);
    ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
    CLI_VERIFY_EXIT(CliRunner::finish(&process, 20000), 0);

    const auto lines = QString::fromUtf8(TestFixtures::readFile(logPath)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 4);
    QVERIFY(lines.at(0).startsWith(QStringLiteral("<5>Started: ")));
    QCOMPARE(countLines(lines.join(QLatin1Char('\n')), QStringLiteral("<6>Delivered ")), 1);
    QVERIFY(lines.constLast().startsWith(QStringLiteral("<5>Stopped.")));
    for (const auto& line : lines) {
        QVERIFY2(QRegularExpression(QStringLiteral("^<[0-7]>[^<]")).match(line).hasMatch(), qPrintable(line));
        QVERIFY2(!line.contains(QStringLiteral("T0KEN")), qPrintable(line));
    }
}

void TestCliServe::rejectsBadOptions_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("timeout without once") << QStringList { QStringLiteral("--timeout"), QStringLiteral("5") };
    QTest::newRow("timeout zero") << QStringList { QStringLiteral("--once"), QStringLiteral("--timeout"),
                                                   QStringLiteral("0") };
    QTest::newRow("timeout not a number")
        << QStringList { QStringLiteral("--once"), QStringLiteral("--timeout"), QStringLiteral("soon") };
    QTest::newRow("argument") << QStringList { QStringLiteral("now") };
}

void TestCliServe::rejectsBadOptions()
{
    QFETCH(QStringList, options);
    const auto result = m_cli->run(QStringList { QStringLiteral("serve") } + options);
    CLI_VERIFY_EXIT(result, 2);
    QCOMPARE(WorkerRegistry(m_database.get()).all().size(), 0);
}

QTEST_GUILESS_MAIN(TestCliServe)
#include "TestCliServe.moc"
