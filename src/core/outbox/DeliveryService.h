#pragma once

#include "outbox/DeliveryWorker.h"

#include <QObject>
#include <QThread>

#include <chrono>
#include <optional>

class Database;

// Runs a DeliveryWorker on its own thread and relays its signals to the thread that owns the service.
class DeliveryService : public QObject
{
    Q_OBJECT

public:
    explicit DeliveryService(Database* database, QObject* parent = nullptr);
    ~DeliveryService() override;

    void start();
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

private:
    QThread m_thread;
    DeliveryWorker* m_worker;
    bool m_started = false;
    int m_abandoned = 0; // written on the worker's thread before it ends
};
