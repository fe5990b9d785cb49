#include "TestFixtures.h"
#include "outbox/DeliveryService.h"
#include "storage/Database.h"
#include "workers/WorkerHeartbeat.h"
#include "workers/WorkerRegistry.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

// The workers table: heartbeats written, read as live or stale, removed on a clean stop; the delivery service keeps
// its own.
class TestWorkerRegistry : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void announceAndList();
    void liveUntilStale();
    void forgetsLongDeadWorkers();
    void serviceKeepsItsHeartbeat();
    void heartbeatSaysWhenTheDatabaseFails();

private:
    std::optional<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

void TestWorkerRegistry::init()
{
    m_dir.emplace();
    QVERIFY(m_dir->isValid());
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("crochet.sqlite"))));
    QVERIFY(m_database->open());
}

void TestWorkerRegistry::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

void TestWorkerRegistry::announceAndList()
{
    WorkerRegistry registry(m_database.get());
    QVERIFY(registry.all().isEmpty());
    const auto worker = WorkerRegistry::thisProcess(QStringLiteral("w1"), WorkerRegistry::serveProgram());
    QVERIFY(registry.announce(worker));
    // Again: refreshed, not duplicated.
    QVERIFY(registry.announce(worker));
    const auto rows = registry.all();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.constFirst().id, QStringLiteral("w1"));
    QCOMPARE(rows.constFirst().pid, QCoreApplication::applicationPid());
    QCOMPARE(rows.constFirst().program, QStringLiteral("crochet-cli serve"));
    QCOMPARE(rows.constFirst().host, worker.host);
    QCOMPARE(rows.constFirst().startedAt, worker.startedAt.addMSecs(0));
    QVERIFY(rows.constFirst().isService());
    QVERIFY(registry.remove(QStringLiteral("w1")));
    QVERIFY(registry.all().isEmpty());
}

void TestWorkerRegistry::liveUntilStale()
{
    WorkerRegistry registry(m_database.get());
    QVERIFY(registry.announce(WorkerRegistry::thisProcess(QStringLiteral("w1"), WorkerRegistry::windowProgram())));
    const auto seen = registry.all().constFirst().lastSeen;
    QCOMPARE(registry.live(seen.addMSecs(WorkerRegistry::StaleAfter.count())).size(), 1);
    QCOMPARE(registry.live(seen.addMSecs(WorkerRegistry::StaleAfter.count() + 1)).size(), 0);
    QVERIFY(!registry.all().constFirst().isService());
}

void TestWorkerRegistry::forgetsLongDeadWorkers()
{
    WorkerRegistry registry(m_database.get());
    QVERIFY(registry.announce(WorkerRegistry::thisProcess(QStringLiteral("w1"), WorkerRegistry::cliProgram())));
    const auto seen = registry.all().constFirst().lastSeen;
    QCOMPARE(registry.forgetDead(seen.addMSecs(WorkerRegistry::ForgetAfter.count())), 0);
    QCOMPARE(registry.forgetDead(seen.addMSecs(WorkerRegistry::ForgetAfter.count() + 1)), 1);
    QVERIFY(registry.all().isEmpty());
}

void TestWorkerRegistry::serviceKeepsItsHeartbeat()
{
    const WorkerRegistry registry(m_database.get());
    DeliveryService service(m_database.get());
    service.setProgram(WorkerRegistry::serveProgram());
    service.setHeartbeatInterval(std::chrono::milliseconds(20));
    service.start();
    QTRY_COMPARE(registry.all().size(), 1);
    const auto first = registry.all().constFirst();
    QCOMPARE(first.id, service.workerId());
    QCOMPARE(first.program, WorkerRegistry::serveProgram());
    QVERIFY(service.isRunning());
    // Refreshed while it runs.
    QTRY_VERIFY(registry.all().constFirst().lastSeen > first.lastSeen);
    QCOMPARE(registry.all().constFirst().startedAt, first.startedAt);
    service.stop();
    QVERIFY(!service.isRunning());
    QVERIFY(registry.all().isEmpty());
}

void TestWorkerRegistry::heartbeatSaysWhenTheDatabaseFails()
{
    WorkerHeartbeat heartbeat(m_database.get(),
                              WorkerRegistry::thisProcess(QStringLiteral("w1"), WorkerRegistry::serveProgram()));
    heartbeat.setInterval(std::chrono::milliseconds(20));
    QSignalSpy changes(&heartbeat, &WorkerHeartbeat::reachableChanged);
    heartbeat.start();
    QCOMPARE(WorkerRegistry(m_database.get()).all().size(), 1);
    QCOMPARE(changes.size(), 0);

    // A write that fails, as on a database gone read-only or unreachable; then one that works again.
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("ALTER TABLE workers RENAME TO workers_away")));
    QTRY_COMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).at(0).toBool(), false);
    QVERIFY(!changes.at(0).at(1).toString().isEmpty());
    QVERIFY(query.exec(QStringLiteral("ALTER TABLE workers_away RENAME TO workers")));
    QTRY_COMPARE(changes.size(), 2);
    QCOMPARE(changes.at(1).at(0).toBool(), true);

    heartbeat.stop();
    QVERIFY(WorkerRegistry(m_database.get()).all().isEmpty());
}

QTEST_GUILESS_MAIN(TestWorkerRegistry)
#include "TestWorkerRegistry.moc"
