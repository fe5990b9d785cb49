#include "outbox/DeliveryService.h"

#include "workers/WorkerHeartbeat.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRandomGenerator>

namespace {

// The worker's id, which also owns its leases in every notification row it claims: 36 random bits in 6 characters.
// Unique among the workers of one database for all practical purposes (two alike among 10 at once: 1 chance in
// 10^9), and short: a claim that lengthens each row by less than its page's usual slack leaves SQLite's notification
// pages unsplit (BenchStorage: 411 bytes a notification in pages, 488 with the 13 characters of "pid-8hex").
QString newWorkerId()
{
    static const char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static_assert(sizeof(Alphabet) == 64 + 1);
    auto bits = QRandomGenerator::system()->generate64();
    QString id;
    for (int i = 0; i < 6; ++i, bits >>= 6) {
        id += QLatin1Char(Alphabet[bits & 63]);
    }
    return id;
}

} // namespace

DeliveryService::DeliveryService(Database* database, QObject* parent)
    : QObject(parent)
    , m_owner(newWorkerId())
    , m_program(QFileInfo(QCoreApplication::applicationFilePath()).fileName())
    , m_worker(new DeliveryWorker(database, m_owner))
{
    // Announced from the delivery thread, so that a busy database never holds up the window.
    m_heartbeat = new WorkerHeartbeat(database, WorkerRegistry::thisProcess(m_owner, m_program));
    m_heartbeat->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_heartbeat, &QObject::deleteLater);
    connect(m_heartbeat, &WorkerHeartbeat::reachableChanged, this, &DeliveryService::databaseReachableChanged);
    m_thread.setObjectName(QStringLiteral("crochet-delivery"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DeliveryWorker::attemptsRecorded, this, [this](const QList<AttemptReport>& reports) {
        for (const auto& report : reports) {
            emit attemptRecorded(report);
        }
        emit attemptsRecorded(reports);
    });
    connect(m_worker, &DeliveryWorker::countsChanged, this, &DeliveryService::countsChanged);
    connect(m_worker, &DeliveryWorker::endpointGone, this, &DeliveryService::endpointGone);
    // Emitted on the worker's thread once its requests are finished or given back; quit() is thread-safe.
    connect(
        m_worker, &DeliveryWorker::stopped, this,
        [this](int abandoned) {
            m_abandoned = abandoned;
            // Last: the row says this process delivers until everything it held is recorded or given back.
            m_heartbeat->stop();
            m_thread.quit();
        },
        Qt::DirectConnection);
}

DeliveryService::~DeliveryService()
{
    stop();
    if (!m_started) {
        delete m_worker;
        delete m_heartbeat;
    }
}

void DeliveryService::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    m_thread.start();
    QMetaObject::invokeMethod(
        m_heartbeat,
        [heartbeat = m_heartbeat, program = m_program, interval = m_heartbeatInterval] {
            heartbeat->setProgram(program);
            if (interval) {
                heartbeat->setInterval(*interval);
            }
            heartbeat->start();
        },
        Qt::QueuedConnection);
    QMetaObject::invokeMethod(m_worker, &DeliveryWorker::start, Qt::QueuedConnection);
}

int DeliveryService::stop(std::optional<std::chrono::milliseconds> grace)
{
    if (!m_started || !m_thread.isRunning()) {
        return 0;
    }
    // Requests on the wire finish within their timeout (or the grace period) and are recorded, the others are given
    // back at once: another process never sends again what this one abandoned. The thread quits when the worker
    // says it is done.
    const int graceMs = grace ? static_cast<int>(qMax<qint64>(0, grace->count())) : -1;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, graceMs] { worker->stop(graceMs); }, Qt::QueuedConnection);
    m_thread.wait();
    return m_abandoned;
}

void DeliveryService::wake()
{
    QMetaObject::invokeMethod(m_worker, &DeliveryWorker::wake, Qt::QueuedConnection);
}

void DeliveryService::deliverNow(const QString& notificationId)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, notificationId] { worker->deliverNow(notificationId); }, Qt::QueuedConnection);
}
