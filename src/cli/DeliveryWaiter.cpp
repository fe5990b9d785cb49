#include "DeliveryWaiter.h"

#include "outbox/DeliveryService.h"

DeliveryWaiter::DeliveryWaiter(Database* database, QObject* parent)
    : QObject(parent)
    , m_service(new DeliveryService(database, this))
{
    connect(&m_pollTimer, &QTimer::timeout, this, &DeliveryWaiter::poll);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { conclude(false); });
}

DeliveryWaiter::~DeliveryWaiter()
{
    stop();
}

void DeliveryWaiter::deliver()
{
    if (!m_delivering) {
        m_delivering = true;
        m_service->start();
    }
}

void DeliveryWaiter::start(Condition isDone, Condition isDoneElsewhere, std::chrono::milliseconds pollInterval,
                           std::chrono::milliseconds timeout)
{
    m_isDone = std::move(isDone);
    m_isDoneElsewhere = std::move(isDoneElsewhere);
    m_timeout = timeout;
    m_elapsed.start();
    // Connected last, so that the caller's own handlers have counted a batch's reports before the condition is
    // checked.
    connect(m_service, &DeliveryService::attemptsRecorded, this, &DeliveryWaiter::check);
    deliver();
    m_deadline.setTimerType(Qt::PreciseTimer);
    m_deadline.start(timeout);
    if (m_isDoneElsewhere) {
        m_pollTimer.start(pollInterval);
    }
    QTimer::singleShot(0, this, &DeliveryWaiter::check);
}

void DeliveryWaiter::giveUp()
{
    conclude(false);
}

void DeliveryWaiter::stop()
{
    m_pollTimer.stop();
    m_deadline.stop();
    m_service->stop(std::chrono::milliseconds(0));
}

void DeliveryWaiter::check()
{
    if (!m_concluded && m_isDone && m_isDone()) {
        conclude(true);
    }
}

void DeliveryWaiter::poll()
{
    if (!m_concluded && ((m_isDone && m_isDone()) || (m_isDoneElsewhere && m_isDoneElsewhere()))) {
        conclude(true);
    }
}

void DeliveryWaiter::conclude(bool done)
{
    if (m_concluded) {
        return;
    }
    m_concluded = true;
    m_pollTimer.stop();
    m_deadline.stop();
    // Done early: what is still on the wire may finish within what is left of the wait. Time out: nothing more.
    const auto left = done
        ? qMax(std::chrono::milliseconds(0), m_timeout - std::chrono::milliseconds(m_elapsed.elapsed()))
        : std::chrono::milliseconds(0);
    m_abandoned = m_service->stop(left);
    // Once stopped, every attempt it recorded is already queued to this thread: let them all reach the caller first.
    QMetaObject::invokeMethod(
        this, [this, done] { emit finished(done); }, Qt::QueuedConnection);
}
