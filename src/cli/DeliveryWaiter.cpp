#include "DeliveryWaiter.h"

#include "DeliveryService.h"

namespace {

constexpr auto PollInterval = std::chrono::milliseconds(200);

} // namespace

DeliveryWaiter::DeliveryWaiter(Database* database, QObject* parent)
    : QObject(parent)
    , m_service(new DeliveryService(database, this))
{
    m_pollTimer.setInterval(PollInterval);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeliveryWaiter::check);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { conclude(false); });
}

DeliveryWaiter::~DeliveryWaiter()
{
    stop();
}

void DeliveryWaiter::start(std::function<bool()> isDone, std::chrono::milliseconds timeout)
{
    m_isDone = std::move(isDone);
    // Connected last, so that the caller's own handlers have seen an attempt before the condition is checked.
    connect(m_service, &DeliveryService::attemptRecorded, this, &DeliveryWaiter::check);
    m_service->start();
    m_pollTimer.start();
    m_deadline.start(timeout);
    QTimer::singleShot(0, this, &DeliveryWaiter::check);
}

void DeliveryWaiter::stop()
{
    m_pollTimer.stop();
    m_deadline.stop();
    m_service->stop();
}

void DeliveryWaiter::check()
{
    if (!m_concluded && m_isDone && m_isDone()) {
        conclude(true);
    }
}

void DeliveryWaiter::conclude(bool done)
{
    if (m_concluded) {
        return;
    }
    m_concluded = true;
    stop();
    // Once stopped, every attempt it recorded is already queued to this thread: let them all reach the caller first.
    QMetaObject::invokeMethod(
        this, [this, done] { emit finished(done); }, Qt::QueuedConnection);
}
