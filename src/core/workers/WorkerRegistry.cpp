#include "workers/WorkerRegistry.h"

#include "Log.h"
#include "Version.h"
#include "storage/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

namespace {

QDateTime fromMs(const QVariant& value)
{
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace

bool WorkerInfo::isService() const
{
    return program == WorkerRegistry::serveProgram();
}

WorkerRegistry::WorkerRegistry(Database* database)
    : m_database(database)
{
}

WorkerInfo WorkerRegistry::thisProcess(const QString& id, const QString& program)
{
    WorkerInfo worker;
    worker.id = id;
    worker.host = QSysInfo::machineHostName();
    worker.pid = QCoreApplication::applicationPid();
    worker.program = program;
    worker.version = QStringLiteral(CROCHET_VERSION);
    worker.startedAt = QDateTime::currentDateTimeUtc();
    worker.lastSeen = worker.startedAt;
    return worker;
}

bool WorkerRegistry::announce(const WorkerInfo& worker, QString* error)
{
    // One statement that both engines accept (SQLite 3.24 and later, PostgreSQL 9.5 and later).
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO workers (id, host, pid, program, version, started_at, last_seen) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT (id) DO UPDATE SET last_seen = excluded.last_seen"));
    query.addBindValue(worker.id);
    query.addBindValue(Database::text(worker.host));
    query.addBindValue(worker.pid);
    query.addBindValue(worker.program);
    query.addBindValue(worker.version);
    query.addBindValue(worker.startedAt.toMSecsSinceEpoch());
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!query.exec()) {
        if (error) {
            *error = query.lastError().text();
        }
        return false;
    }
    return true;
}

bool WorkerRegistry::remove(const QString& id)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM workers WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        qCWarning(lcDelivery) << "could not remove the worker's heartbeat:" << query.lastError().text();
        return false;
    }
    return true;
}

int WorkerRegistry::forgetDead(const QDateTime& now)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM workers WHERE last_seen < ?"));
    query.addBindValue(now.toMSecsSinceEpoch() - ForgetAfter.count());
    return query.exec() ? query.numRowsAffected() : 0;
}

QList<WorkerInfo> WorkerRegistry::all() const
{
    QSqlQuery query(m_database->connection());
    query.setForwardOnly(true);
    QList<WorkerInfo> workers;
    if (!query.exec(QStringLiteral("SELECT id, host, pid, program, version, started_at, last_seen FROM workers "
                                   "ORDER BY started_at DESC, id"))) {
        qCWarning(lcDelivery) << "could not read the workers:" << query.lastError().text();
        return workers;
    }
    while (query.next()) {
        WorkerInfo worker;
        worker.id = query.value(0).toString();
        worker.host = query.value(1).toString();
        worker.pid = query.value(2).toLongLong();
        worker.program = query.value(3).toString();
        worker.version = query.value(4).toString();
        worker.startedAt = fromMs(query.value(5));
        worker.lastSeen = fromMs(query.value(6));
        workers.append(worker);
    }
    return workers;
}

QList<WorkerInfo> WorkerRegistry::live(const QDateTime& now) const
{
    auto workers = all();
    workers.removeIf([&now](const WorkerInfo& worker) { return !isLive(worker, now); });
    return workers;
}

bool WorkerRegistry::isLive(const WorkerInfo& worker, const QDateTime& now)
{
    return worker.lastSeen.isValid() && worker.lastSeen.msecsTo(now) <= StaleAfter.count();
}
