#include "FirstAttempts.h"

#include "CliCommand.h"
#include "CliContext.h"
#include "DeliveryWaiter.h"
#include "UserCommand.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "text/SafeText.h"
#include "webhooks/Endpoint.h"

#include <QTimer>

// The messages keep UserCommand's translation context, where they were first written.

namespace {

// Beyond the request's own timeout, time to claim the notification and record the attempt.
constexpr int FirstAttemptMarginSeconds = 5;
// How often the database is asked whether another process made the attempts awaited.
constexpr auto PollInterval = std::chrono::milliseconds(200);

} // namespace

FirstAttempts::FirstAttempts(CliContext* context, Subject subject, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_subject(subject)
{
}

void FirstAttempts::finish()
{
    QTimer::singleShot(0, this, &FirstAttempts::finished);
}

void FirstAttempts::start(const QList<Notification>& notifications, Event event)
{
    if (notifications.isEmpty()) {
        if (event == Event::UserCreated) {
            m_context->print(UserCommand::tr("No webhook is configured: no notification to send."));
        } else {
            //: %1 is an event key such as user.updated
            m_context->print(
                UserCommand::tr("No endpoint is subscribed to %1: no notification to send.").arg(Events::key(event)));
        }
        finish();
        return;
    }

    // Nothing will be sent to a disabled endpoint (or one that answered 410 Gone): say why rather than wait.
    const auto hold = DeliveryHold::load(m_context->database());
    for (const auto& notification : notifications) {
        m_endpointNames.insert(notification.id, hold.endpointName(notification.endpointId));
        if (hold.isHeld(notification.endpointId)) {
            m_context->error(hold.reason(notification.endpointId));
        } else {
            m_awaited.append(notification.id);
        }
    }
    if (m_awaited.isEmpty()) {
        finish();
        return;
    }
    // The first attempt to every endpoint is awaited: the longest timeout bounds the wait.
    for (const auto& endpoint : EndpointStore(m_context->database()).list()) {
        if (std::any_of(notifications.cbegin(), notifications.cend(), [&endpoint](const Notification& notification) {
                return notification.endpointId == endpoint.id;
            })) {
            m_timeoutSeconds = qMax(m_timeoutSeconds, endpoint.timeoutSeconds);
        }
    }

    // Only the first attempts are awaited: what remains pending is delivered by the next running process.
    auto* database = m_context->database();
    m_waiter = new DeliveryWaiter(database, this);
    connect(m_waiter->service(), &DeliveryService::attemptRecorded, this, [this](const AttemptReport& report) {
        if (!m_reports.contains(report.notificationId)) {
            m_reports.insert(report.notificationId, report);
        }
    });
    connect(m_waiter, &DeliveryWaiter::finished, this, &FirstAttempts::report);
    m_waiter->start(
        [this] {
            return std::all_of(m_awaited.cbegin(), m_awaited.cend(),
                               [this](const QString& id) { return m_reports.contains(id); });
        },
        [this, database] {
            const Outbox outbox(database);
            return std::all_of(m_awaited.cbegin(), m_awaited.cend(), [this, &outbox](const QString& id) {
                return m_reports.contains(id) || !outbox.attempts(id).isEmpty();
            });
        },
        PollInterval, std::chrono::seconds(m_timeoutSeconds + FirstAttemptMarginSeconds));
    for (const auto& id : std::as_const(m_awaited)) {
        m_waiter->service()->deliverNow(id);
    }
}

void FirstAttempts::report(bool attempted)
{
    const Outbox outbox(m_context->database());
    // One endpoint: the webhook. Several: each is named.
    const bool named = m_endpointNames.size() > 1;
    for (const auto& notificationId : std::as_const(m_awaited)) {
        const auto endpoint = named
            ? UserCommand::tr("The webhook \"%1\"").arg(SafeText::printable(m_endpointNames.value(notificationId)))
            : UserCommand::tr("The webhook");
        QString summary;
        QString state;
        QDateTime nextAttemptAt;
        if (const auto report = m_reports.constFind(notificationId); report != m_reports.cend()) {
            summary = report->result.summary();
            state = report->state;
            nextAttemptAt = report->nextAttemptAt;
        } else if (const auto attempts = outbox.attempts(notificationId); !attempts.isEmpty()) {
            // Another process made the attempt.
            summary = attempts.constFirst().summary();
            const auto row = outbox.find(notificationId);
            state = row ? row->state : QString();
            nextAttemptAt = row ? row->nextAttemptAt : QDateTime();
        } else {
            Q_ASSERT(!attempted);
            m_context->error(
                UserCommand::tr("%1 was not notified within %2 s. The notification stays in the outbox: the next "
                                "running Crochet delivers it, or run \"%3 deliveries flush\".")
                    .arg(endpoint)
                    .arg(m_timeoutSeconds + FirstAttemptMarginSeconds)
                    .arg(CliCommand::programName()));
            continue;
        }

        // The summary may quote the receiver (a redirect's Location, an error text).
        summary = SafeText::printable(summary);
        if (state == Outbox::stateKey(Outbox::State::Delivered)) {
            //: %1 is "The webhook" or "The webhook "Name"", %2 the outcome
            m_context->print(UserCommand::tr("%1 was notified: %2").arg(endpoint, summary));
        } else {
            m_context->error(UserCommand::tr("%1 was not notified: %2").arg(endpoint, summary));
            if (state == Outbox::stateKey(Outbox::State::Pending)) {
                m_context->error(
                    (m_subject == Subject::NewAccount
                         ? UserCommand::tr("The account exists and its notification stays in the outbox: it is "
                                           "retried from %1 by any running Crochet, or run \"%2 deliveries "
                                           "flush\".")
                         : UserCommand::tr("The change is saved and its notification stays in the outbox: it is "
                                           "retried from %1 by any running Crochet, or run \"%2 deliveries "
                                           "flush\"."))
                        .arg(CliContext::formatTime(nextAttemptAt), CliCommand::programName()));
            } else {
                m_context->error(
                    (m_subject == Subject::NewAccount
                         ? UserCommand::tr("The account exists, but its notification will not be retried; see "
                                           "\"%1 deliveries show %2\".")
                         : UserCommand::tr("The change is saved, but its notification will not be retried; see "
                                           "\"%1 deliveries show %2\"."))
                        .arg(CliCommand::programName(), notificationId));
            }
        }
    }
    finish();
}
