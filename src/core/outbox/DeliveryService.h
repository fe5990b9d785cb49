#pragma once

#include "outbox/DeliveryWorker.h"

#include <QObject>
#include <QThread>

#include <chrono>
#include <optional>

class Database;
class WorkerHeartbeat;

// Runs a DeliveryWorker on its own thread and relays its signals to the thread that owns the service.
class DeliveryService : public QObject
{
    Q_OBJECT

public:
    explicit DeliveryService(Database* database, QObject* parent = nullptr);
    ~DeliveryService() override;

    // The program named in this worker's heartbeat (WorkerRegistry), before start(); by default the executable's
    // file name.
    void setProgram(const QString& program) { m_program = program; }
    // For tests: how often the heartbeat is refreshed.
    void setHeartbeatInterval(std::chrono::milliseconds interval) { m_heartbeatInterval = interval; }
    // This worker's id: its row in the workers table and the owner of its leases.
    QString workerId() const { return m_owner; }

    void start();
    // Started and not stopped yet.
    bool isRunning() const { return m_started && m_thread.isRunning(); }
    // Blocks until requests on the wire have finished (within their timeout) and the rest are given back. With a
    // grace period, requests still on the wire after it are abandoned (see DeliveryWorker::stop). Returns how many
    // were abandoned.
    int stop(std::optional<std::chrono::milliseconds> grace = std::nullopt);
    void wake();
    void deliverNow(const QString& notificationId);

signals:
    void attemptRecorded(const AttemptReport& report);
    // After attemptRecorded() for each of them: one signal per batch the worker recorded.
    void attemptsRecorded(const QList<AttemptReport>& reports);
    void countsChanged(int pending, int failed);
    void endpointGone(qint64 endpointId, const QString& name);
    // The heartbeat could not write to the database (error says why), or could again.
    void databaseReachableChanged(bool reachable, const QString& error);

private:
    QString m_owner;
    QString m_program;
    std::optional<std::chrono::milliseconds> m_heartbeatInterval;
    QThread m_thread;
    DeliveryWorker* m_worker;
    WorkerHeartbeat* m_heartbeat = nullptr; // on m_thread once started
    bool m_started = false;
    int m_abandoned = 0; // written on the worker's thread before it ends
};
