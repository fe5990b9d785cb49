#pragma once

#include "workers/WorkerRegistry.h"

#include <QObject>
#include <QTimer>

class Database;

// Keeps one worker's row in the workers table fresh while it runs, and removes it when stopped. Lives on the delivery
// thread, so that a busy database never holds up a window.
class WorkerHeartbeat : public QObject
{
    Q_OBJECT

public:
    WorkerHeartbeat(Database* database, WorkerInfo worker, QObject* parent = nullptr);

    const WorkerInfo& worker() const { return m_worker; }
    // For tests: beat this often rather than every WorkerRegistry::HeartbeatInterval.
    void setInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }
    void setProgram(const QString& program) { m_worker.program = program; }

public slots:
    void start();
    // Removes the row: a clean exit leaves nothing behind.
    void stop();

signals:
    // Emitted when a heartbeat fails after one that worked (or the first one fails), and when one works again;
    // error says why the database could not be written.
    void reachableChanged(bool reachable, const QString& error);

private:
    void beat();

    Database* m_database;
    WorkerInfo m_worker;
    QTimer m_timer;
    bool m_reachable = true;
};
