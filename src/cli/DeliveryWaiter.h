#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

class Database;
class DeliveryService;

// Runs a DeliveryService in the CLI process until a condition holds or the time runs out. The condition is checked
// after every recorded attempt and on a short poll, since another process may be the one delivering.
class DeliveryWaiter : public QObject
{
    Q_OBJECT

public:
    explicit DeliveryWaiter(Database* database, QObject* parent = nullptr);
    ~DeliveryWaiter() override;

    // Connect to its signals before start(): they reach the caller before the condition is checked.
    DeliveryService* service() const { return m_service; }

    void start(std::function<bool()> isDone, std::chrono::milliseconds timeout);
    // Stops delivering; attempts in flight are abandoned and their leases expire, so nothing is lost.
    void stop();

signals:
    // done is false when the time ran out first.
    void finished(bool done);

private:
    void check();
    void conclude(bool done);

    DeliveryService* m_service;
    std::function<bool()> m_isDone;
    QTimer m_pollTimer;
    QTimer m_deadline;
    bool m_concluded = false;
};
