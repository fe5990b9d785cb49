#include "workers/WorkerHeartbeat.h"

WorkerHeartbeat::WorkerHeartbeat(Database* database, WorkerInfo worker, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_worker(std::move(worker))
    , m_timer(this)
{
    m_timer.setInterval(WorkerRegistry::HeartbeatInterval);
    connect(&m_timer, &QTimer::timeout, this, &WorkerHeartbeat::beat);
}

void WorkerHeartbeat::start()
{
    m_worker.startedAt = QDateTime::currentDateTimeUtc();
    beat();
    m_timer.start();
}

void WorkerHeartbeat::stop()
{
    if (!m_timer.isActive()) {
        return;
    }
    m_timer.stop();
    WorkerRegistry(m_database).remove(m_worker.id);
}

void WorkerHeartbeat::beat()
{
    WorkerRegistry registry(m_database);
    QString error;
    const bool reachable = registry.announce(m_worker, &error);
    if (reachable) {
        registry.forgetDead();
    }
    if (reachable != m_reachable) {
        m_reachable = reachable;
        emit reachableChanged(reachable, error);
    }
}
