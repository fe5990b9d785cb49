#pragma once

#include "DeliveryWorker.h"

#include <QObject>
#include <QThread>

class Database;

// Runs a DeliveryWorker on its own thread and relays its signals to the thread that owns the service.
class DeliveryService : public QObject
{
    Q_OBJECT

public:
    explicit DeliveryService(Database* database, QObject* parent = nullptr);
    ~DeliveryService() override;

    void start();
    // Blocks until requests on the wire have finished (within their timeout) and the rest are given back.
    void stop();
    void wake();
    void deliverNow(const QString& notificationId);

signals:
    void attemptRecorded(const AttemptReport& report);
    void countsChanged(int pending, int failed);
    void webhookGone(const QString& maskedUrl);

private:
    QThread m_thread;
    DeliveryWorker* m_worker;
    bool m_started = false;
};
