#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

class Database;
class DeliveryService;

// Runs a DeliveryService in the CLI process until a condition holds or the time runs out. Waiting costs nothing per
// attempt: the caller counts outcomes from the service's reports, and the condition is checked once per batch of
// recorded attempts; what other processes deliver is seen by a query on a timer, never one per attempt.
class DeliveryWaiter : public QObject
{
    Q_OBJECT

public:
    using Condition = std::function<bool()>;

    explicit DeliveryWaiter(Database* database, QObject* parent = nullptr);
    ~DeliveryWaiter() override;

    // Connect to its signals before start(): they reach the caller before the condition is checked.
    DeliveryService* service() const { return m_service; }

    // Starts delivering without waiting yet, for example while accounts are still being imported.
    void deliver();
    // isDone must not query the database: it runs after each batch of reports. isDoneElsewhere may: it runs every
    // pollInterval, for what other processes deliver. When the timeout passes first, requests still on the wire are
    // abandoned (their notifications keep their lease and are sent again once it runs out): a deadline holds.
    void start(Condition isDone, Condition isDoneElsewhere, std::chrono::milliseconds pollInterval,
               std::chrono::milliseconds timeout);
    // Ends the wait at once, as not done: for example when nothing more can be sent.
    void giveUp();
    // Stops delivering; attempts in flight are abandoned and their leases expire, so nothing is lost.
    void stop();

    // After finished(): how many requests were abandoned on the wire.
    int abandoned() const { return m_abandoned; }

signals:
    // done is false when the time ran out first.
    void finished(bool done);

private:
    void check();
    void poll();
    void conclude(bool done);

    DeliveryService* m_service;
    Condition m_isDone;
    Condition m_isDoneElsewhere;
    QTimer m_pollTimer;
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    std::chrono::milliseconds m_timeout { 0 };
    int m_abandoned = 0;
    bool m_delivering = false;
    bool m_concluded = false;
};
