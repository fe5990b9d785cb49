#include "DeliveriesCommand.h"

#include "CliContext.h"
#include "DeliveryWaiter.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Notification.h"
#include "outbox/Outbox.h"
#include "storage/Settings.h"
#include "text/InputEcho.h"
#include "text/SafeText.h"
#include "webhooks/WebhookUrl.h"

namespace {

const QString StatusOption = QStringLiteral("status");
const QString LimitOption = QStringLiteral("limit");
const QString FailedOption = QStringLiteral("failed");
const QString WaitOption = QStringLiteral("wait");
const QString EndpointOption = QStringLiteral("endpoint");
const QString AccountOption = QStringLiteral("account");

constexpr int DefaultLimit = 50;
constexpr int DefaultWaitSeconds = 60;
// How often a flush asks the database whether other processes delivered what is left.
constexpr auto FlushPollInterval = std::chrono::seconds(1);
// Candidates listed for an ambiguous id prefix.
constexpr int ListedCandidates = 5;

// One field of a tab-separated line, or text that came from outside on a line of its own: no tab or line break may
// split it, no escape sequence reaches the terminal.
QString field(const QString& text)
{
    return SafeText::printable(text);
}

std::optional<int> nonNegative(const QString& text)
{
    bool isNumber = false;
    const int value = text.toInt(&isNumber);
    return isNumber && value >= 0 ? std::optional<int>(value) : std::nullopt;
}

} // namespace

QString DeliveriesCommand::description() const
{
    return tr("Inspect the notifications in the outbox, schedule them again, and deliver what is pending.");
}

QList<CliCommand::Action> DeliveriesCommand::actions() const
{
    const QCommandLineOption status(StatusOption, tr("Only notifications in this state: pending, delivered or failed."),
                                    tr("state"));
    const QCommandLineOption limit(LimitOption,
                                   tr("At most this many, the newest first (default %1).").arg(DefaultLimit),
                                   tr("count"), QString::number(DefaultLimit));
    const QCommandLineOption endpoint(EndpointOption, tr("Only notifications to this endpoint (its name)."),
                                      tr("name"));
    const QCommandLineOption account(
        AccountOption,
        tr("Only notifications of accounts whose name or email contains this text, whatever the case "
           "and accents."),
        tr("text"));
    const QCommandLineOption failed(FailedOption, tr("Schedule every failed notification again."));
    const QCommandLineOption wait(
        WaitOption,
        tr("Give up after this many seconds (default %1); requests still unanswered then are abandoned and sent "
           "again later.")
            .arg(DefaultWaitSeconds),
        tr("seconds"), QString::number(DefaultWaitSeconds));
    const Argument id { tr("ID"), tr("A notification's id, or enough of its beginning to be unique.") };
    auto optionalId = id;
    optionalId.optional = true;
    return {
        { { QStringLiteral("list") },
          tr("List notifications, one a line: id, event, account, state, attempts, last result, endpoint "
             "(tab-separated)."),
          {},
          { status, endpoint, account, limit } },
        { { QStringLiteral("show") }, tr("Show a notification and every attempt to deliver it."), { id }, {} },
        { { QStringLiteral("retry") },
          tr("Schedule a notification, or every failed one, for delivery now."),
          { optionalId },
          { failed } },
        { { QStringLiteral("flush") },
          tr("Send every pending notification now, whatever its schedule: run it once the receiver is fixed. What "
             "fails again is retried as it falls due, until none is left pending or the wait is over; then exit 0 "
             "when none is. Notifications held because the webhook answered 410 Gone stay held: set a new URL "
             "first."),
          {},
          { wait } },
    };
}

int DeliveriesCommand::run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional)
{
    const auto key = action.join(QLatin1Char(' '));
    if (key == QLatin1String("retry") && parser.isSet(FailedOption) == !positional.isEmpty()) {
        return usageError(tr("Give either a notification id or --%1.").arg(FailedOption), actions().at(2));
    }
    const bool writes = key == QLatin1String("retry") || key == QLatin1String("flush");
    if ((writes && !m_context->requireWritable()) || !m_context->database()) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("list")) {
        return list(parser);
    }
    if (key == QLatin1String("show")) {
        return show(positional.at(0));
    }
    if (key == QLatin1String("retry")) {
        return retry(parser, positional);
    }
    return flush(parser);
}

int DeliveriesCommand::list(const QCommandLineParser& parser)
{
    Outbox::Filter filter;
    const auto hold = DeliveryHold::load(m_context->database());
    if (parser.isSet(EndpointOption)) {
        const auto name = parser.value(EndpointOption);
        const auto endpoint = EndpointStore(m_context->database()).findByName(name);
        if (!endpoint) {
            m_context->error(tr("There is no endpoint named \"%1\"; \"%2 endpoint list\" lists them.")
                                 .arg(InputEcho::capped(name), programName()));
            return CliContext::Failure;
        }
        filter.endpointId = endpoint->id;
    }
    filter.account = parser.value(AccountOption);
    if (parser.isSet(StatusOption)) {
        filter.state = Outbox::stateFromKey(parser.value(StatusOption));
        if (!filter.state) {
            return usageError(tr("Unknown state \"%1\": use pending, delivered or failed.")
                                  .arg(InputEcho::capped(parser.value(StatusOption))),
                              actions().at(0));
        }
    }
    const auto limit = nonNegative(parser.value(LimitOption));
    if (!limit || *limit == 0) {
        return usageError(tr("The limit must be a whole number above 0."), actions().at(0));
    }
    const auto rows = Outbox(m_context->database()).list(filter, *limit);
    for (const auto& row : rows) {
        // A notification that nothing will send says why it waits.
        const bool held = hold.isHeld(row.endpointId) && row.state == Outbox::stateKey(Outbox::State::Pending);
        const auto lastResult = held ? hold.reason(row.endpointId) : row.lastResultText();
        m_context->print(QStringList { row.id, field(row.event), field(row.userName), row.state,
                                       QString::number(row.attempts), field(lastResult),
                                       field(hold.endpointName(row.endpointId)) }
                             .join(QLatin1Char('\t')));
    }
    return CliContext::Success;
}

int DeliveriesCommand::show(const QString& id)
{
    const Outbox outbox(m_context->database());
    const auto row = findOrExplain(outbox, id);
    if (!row) {
        return CliContext::Failure;
    }
    m_context->print(tr("Notification: %1").arg(row->id));
    m_context->print(tr("Event: %1 (%2)").arg(Events::displayName(row->event), field(row->event)));
    if (!row->userName.isEmpty()) {
        m_context->print(tr("Account: %1").arg(field(row->userName)));
    }
    m_context->print(tr("State: %1").arg(Outbox::stateDisplayName(row->state)));
    m_context->print(tr("Created: %1").arg(CliContext::formatTime(row->createdAt)));
    const auto hold = DeliveryHold::load(m_context->database());
    m_context->print(tr("Endpoint: %1").arg(field(hold.endpointName(row->endpointId))));
    if (row->state == Outbox::stateKey(Outbox::State::Pending) && hold.isHeld(row->endpointId)) {
        m_context->print(hold.reason(row->endpointId));
    } else if (row->state == Outbox::stateKey(Outbox::State::Pending) && row->nextAttemptAt.isValid()) {
        m_context->print(tr("Next attempt: %1").arg(CliContext::formatTime(row->nextAttemptAt)));
    }
    const auto attempts = outbox.attempts(row->id);
    if (attempts.isEmpty()) {
        m_context->print(tr("No attempt yet."));
    }
    for (const auto& attempt : attempts) {
        m_context->print();
        m_context->print(tr("Attempt %1: %2, %3 ms")
                             .arg(attempt.number)
                             .arg(CliContext::formatTime(attempt.startedAt))
                             .arg(attempt.durationMs));
        m_context->print(QStringLiteral("  ") + tr("URL: %1").arg(field(attempt.url)));
        if (!attempt.digestId.isEmpty()) {
            m_context->print(QStringLiteral("  ") + attempt.digestSummary());
        }
        m_context->print(QStringLiteral("  ") + tr("Request headers:"));
        const auto headers = attempt.requestHeaders.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const auto& header : headers) {
            m_context->print(QStringLiteral("    ") + field(header));
        }
        if (!attempt.digestId.isEmpty()) {
            m_context->print(QStringLiteral("  ") + tr("Digest body:"));
            m_context->print(QStringLiteral("    ") + field(attempt.requestBody));
        }
        m_context->print(
            QStringLiteral("  ")
            + tr("Status: %1").arg(attempt.status > 0 ? QString::number(attempt.status) : tr("no HTTP answer")));
        m_context->print(QStringLiteral("  ") + tr("Result: %1").arg(field(attempt.summary())));
    }
    return CliContext::Success;
}

std::optional<NotificationRow> DeliveriesCommand::findOrExplain(const Outbox& outbox, const QString& id)
{
    if (auto row = outbox.find(id)) {
        return row;
    }
    const auto candidates = outbox.idsStartingWith(id, ListedCandidates + 1);
    if (candidates.size() < 2) {
        m_context->error(
            tr("No notification matches \"%1\"; give its id or a unique beginning of it.").arg(InputEcho::capped(id)));
        return std::nullopt;
    }
    m_context->error(tr("\"%1\" is ambiguous: it begins the ids of several notifications. Give more characters, for "
                        "example one of:")
                         .arg(InputEcho::capped(id)));
    for (const auto& candidate : candidates.mid(0, ListedCandidates)) {
        m_context->error(QStringLiteral("  ") + candidate);
    }
    if (candidates.size() > ListedCandidates) {
        m_context->error(QStringLiteral("  ") + QChar(0x2026));
    }
    return std::nullopt;
}

int DeliveriesCommand::retry(const QCommandLineParser& parser, const QStringList& positional)
{
    Outbox outbox(m_context->database());
    int scheduled = 0;
    if (parser.isSet(FailedOption)) {
        scheduled = outbox.retryFailed();
    } else {
        const auto row = findOrExplain(outbox, positional.at(0));
        if (!row) {
            return CliContext::Failure;
        }
        scheduled = outbox.retry(row->id);
    }
    m_context->print(tr("Notifications scheduled for delivery now: %1").arg(scheduled));
    if (scheduled > 0) {
        m_context->print(
            tr("The next running Crochet delivers them, or run \"%1 deliveries flush\".").arg(programName()));
    }
    return CliContext::Success;
}

int DeliveriesCommand::flush(const QCommandLineParser& parser)
{
    const auto wait = nonNegative(parser.value(WaitOption));
    if (!wait) {
        return usageError(tr("The wait must be a whole number of seconds."), actions().at(3));
    }
    auto* database = m_context->database();
    Outbox outbox(database);
    if (outbox.count(Outbox::State::Pending) == 0) {
        reportFlush();
        return CliContext::Success;
    }
    // Notifications to an endpoint that is disabled (by an administrator, or after a 410 Gone, which would refuse
    // them all) stay held, and say so; the others go.
    const auto hold = DeliveryHold::load(database);
    const auto counts = outbox.pendingByEndpoint();
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (!hold.isHeld(it.key())) {
            continue;
        }
        m_context->error(hold.reason(it.key()));
        if (const auto* endpoint = hold.endpoint(it.key()); endpoint && endpoint->state() == Endpoint::State::Gone) {
            m_context->error(tr("Nothing was sent to it: the service would refuse every notification and each would "
                                "fail for good. They stay pending for its new URL."));
        }
    }
    if (sendablePending() == 0) {
        reportFlush();
        return CliContext::Failure;
    }

    // The administrator flushes after fixing the receiver: what waits for a later retry goes now.
    outbox.scheduleAllNow();
    m_outstanding = sendablePending();
    m_waiter = new DeliveryWaiter(database, this);
    connect(m_waiter->service(), &DeliveryService::attemptRecorded, this, [this](const AttemptReport& report) {
        if (report.state == Outbox::stateKey(Outbox::State::Delivered)) {
            ++m_delivered;
        } else if (report.state == Outbox::stateKey(Outbox::State::Failed)) {
            ++m_failed;
        }
    });
    connect(m_waiter->service(), &DeliveryService::endpointGone, this, [this](qint64, const QString& name) {
        m_context->error(tr("The endpoint \"%1\" answered 410 Gone: its webhook was deleted on the service. It is "
                            "disabled until it has a new URL.")
                             .arg(field(name)));
    });
    connect(m_waiter, &DeliveryWaiter::finished, this, [this] {
        const int pending = reportFlush();
        finish(pending == 0 ? CliContext::Success : CliContext::Failure);
    });
    // Counted from the reports; the database is asked only once they account for every notification pending at the
    // start, and on a timer for what other processes deliver.
    m_waiter->start(
        [this, database] {
            if (m_delivered + m_failed < m_outstanding) {
                return false;
            }
            const int pending = sendablePending();
            m_outstanding = m_delivered + m_failed + pending;
            return pending == 0;
        },
        [this] { return sendablePending() == 0; }, FlushPollInterval, std::chrono::seconds(*wait));
    return Running;
}

int DeliveriesCommand::sendablePending() const
{
    const auto hold = DeliveryHold::load(m_context->database());
    const auto counts = Outbox(m_context->database()).pendingByEndpoint();
    int pending = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (!hold.isHeld(it.key())) {
            pending += it.value();
        }
    }
    return pending;
}

int DeliveriesCommand::reportFlush()
{
    const Outbox outbox(m_context->database());
    const int pending = outbox.count(Outbox::State::Pending);
    m_context->print(tr("Delivered: %1, failed: %2, still pending: %3").arg(m_delivered).arg(m_failed).arg(pending));
    if (m_waiter && m_waiter->abandoned() > 0) {
        m_context->error(tr("Requests still unanswered when the wait ended: %1. The receiver may have them; they are "
                            "sent again once its time to answer has passed.")
                             .arg(m_waiter->abandoned()));
    }
    if (pending > 0) {
        const auto next = outbox.nextDue();
        m_context->error(next ? tr("Notifications are still pending; the next one falls due at %1.")
                                    .arg(CliContext::formatTime(*next))
                              : tr("Notifications are still pending."));
    }
    return pending;
}
