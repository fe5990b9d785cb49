#include "outbox/DeliveryWorker.h"

#include "Log.h"
#include "outbox/RetryPolicy.h"
#include "storage/Database.h"
#include "storage/DatabaseListener.h"
#include "storage/RowIds.h"
#include "storage/Settings.h"
#include "webhooks/DigestBuilder.h"
#include "webhooks/Endpoint.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"

#include <QNetworkAccessManager>

namespace {

constexpr int PollIntervalMs = 1000;
// Each manager keeps its own pool of kept-alive connections (WebhookSender::ConnectionsPerHost per host): several
// managers let more requests travel at once to a single receiver. Qt never queues a request: what the connections
// cannot carry waits in WebhookSender's own queue, its timeout not yet running. The worker hands over QueueRounds
// times what the connections carry, so that no connection idles between two pumps of this thread, and its lease
// covers that many timeouts in a row.
constexpr int NetworkManagers = 8;
constexpr int QueueRounds = 4;
constexpr int FlushDelayMs = 10;
constexpr int CountsIntervalMs = 250;
constexpr qsizetype StoredResponseExcerpt = 2048;
// A claim outlives QueueRounds request timeouts by this much, time enough to record the attempt; a process killed
// mid-send holds its notifications no longer than that (45 s with the default timeout) before another process takes
// them over.
constexpr int LeaseMarginSeconds = 5;
// A digest endpoint's notifications claimed at once at most: enough for every account of a large import to share a
// few messages; what the pace does not let go at once is given back.
constexpr int DigestClaimLimit = 2000;

QString headerLines(const HeaderList& headers)
{
    QStringList lines;
    for (const auto& [name, value] : headers) {
        lines << QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value);
    }
    return lines.join(QLatin1Char('\n'));
}

// What the attempt keeps of its answer. A delivered attempt that sent the stored body is recorded compact
// (Outbox::record): no response headers, a short excerpt of the body, so none of the rest is made.
void keepAnswer(AttemptRecord& attempt, const DeliveryResult& result)
{
    attempt.durationMs = result.durationMs;
    attempt.setResult(result);
    if (attempt.isCompact()) {
        attempt.responseBody = QString::fromUtf8(result.responseBody.left(AttemptRecord::CompactResponseExcerpt));
        return;
    }
    attempt.responseHeaders = headerLines(result.responseHeaders);
    attempt.responseBody = QString::fromUtf8(result.responseBody.left(StoredResponseExcerpt));
}

} // namespace

DeliveryWorker::DeliveryWorker(Database* database, QString owner, QObject* parent)
    : QObject(parent)
    , m_database(database)
    , m_outbox(database)
    , m_owner(std::move(owner))
    , m_pollTimer(this)
    , m_flushTimer(this)
    , m_purgeTimer(this)
    , m_abandonTimer(this)
    , m_paceTimer(this)
{
    qRegisterMetaType<AttemptReport>();
}

DeliveryWorker::~DeliveryWorker() = default;

void DeliveryWorker::start()
{
    m_settings = new Settings(m_database, this);
    m_maximumInFlight = NetworkManagers * WebhookSender::ConnectionsPerHost * QueueRounds;
    for (int i = 0; i < NetworkManagers; ++i) {
        auto* network = new QNetworkAccessManager(this);
        network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_senders.append(new WebhookSender(network, this));
    }

    m_pollTimer.setInterval(PollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, [this] {
        publishCounts(false);
        pump({}, true);
    });
    m_pollTimer.start();

    m_paceTimer.setSingleShot(true);
    m_paceTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_paceTimer, &QTimer::timeout, this, [this] { pump(); });

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushDelayMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &DeliveryWorker::flush);

    const auto purge = [this] {
        const auto removed = m_outbox.purge(qMax(1, m_settings->integer(Settings::Key::HistoryRetentionDays)));
        if (removed > 0) {
            qCInfo(lcDelivery) << "purged" << removed << "old notifications";
        }
    };
    m_purgeTimer.setInterval(std::chrono::hours(6));
    connect(&m_purgeTimer, &QTimer::timeout, this, purge);
    m_purgeTimer.start();
    purge();

    // On PostgreSQL an account written by another process, on another machine, is sent at once rather than at the
    // next poll, and a changed endpoint is read again at once.
    auto* listener = new DatabaseListener(
        m_database, { QLatin1String(SqlDialect::OutboxChannel), QLatin1String(SqlDialect::SettingsChannel) }, this);
    connect(listener, &DatabaseListener::notified, this,
            [this](const QString& channel) { pump({}, channel == QLatin1String(SqlDialect::SettingsChannel)); });

    publishCounts(true);
    pump();
}

void DeliveryWorker::stop(int graceMs)
{
    m_stopped = true;
    m_pollTimer.stop();
    m_purgeTimer.stop();
    const auto pending = m_pending;
    for (const auto& delivery : pending) {
        if (delivery && !delivery->mayHaveBeenSent()) {
            delivery->cancel();
        }
    }
    if (graceMs == 0) {
        abandonInFlight();
    } else if (graceMs > 0 && m_inFlight > 0) {
        m_abandonTimer.setSingleShot(true);
        m_abandonTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
        connect(&m_abandonTimer, &QTimer::timeout, this, &DeliveryWorker::abandonInFlight, Qt::UniqueConnection);
        m_abandonTimer.start(graceMs);
    }
    finishStopping();
}

void DeliveryWorker::abandonInFlight()
{
    // Each cancelled request reports Cancelled, which finishStopping() leaves unrecorded.
    const auto pending = m_pending;
    for (const auto& delivery : pending) {
        if (delivery) {
            delivery->cancel();
        }
    }
}

void DeliveryWorker::finishStopping()
{
    if (!m_stopped || m_inFlight > 0 || m_stopSignalled) {
        return;
    }
    m_stopSignalled = true;
    m_flushTimer.stop();
    m_abandonTimer.stop();
    flush();
    // Whatever this worker claimed and did not record (cancelled before sending, or a failed write) is claimable by
    // another process now rather than when the lease expires.
    const auto released = m_outbox.release(m_owner, m_abandoned);
    if (released > 0) {
        qCInfo(lcDelivery) << "gave back" << released << "unsent notifications";
    }
    if (!m_abandoned.isEmpty()) {
        qCInfo(lcDelivery) << "abandoned" << m_abandoned.size() << "requests without an answer";
    }
    emit stopped(static_cast<int>(m_abandoned.size()));
}

void DeliveryWorker::wake()
{
    pump({}, true);
}

void DeliveryWorker::deliverNow(const QString& notificationId)
{
    pump(notificationId, true);
}

void DeliveryWorker::loadTargets()
{
    m_targets.clear();
    m_digestReadyAt.clear();
    const auto network = NetworkOptions::load(*m_settings);
    int longestTimeout = 0;
    for (const auto& endpoint : EndpointStore::load(m_database->connection(), true)) {
        // Disabled, gone or without a URL: its notifications wait, unclaimed, and say why (DeliveryHold).
        if (!endpoint.isSending()) {
            continue;
        }
        Target target;
        target.name = endpoint.name;
        target.config = WebhookConfig::forEndpoint(endpoint, network);
        target.check = WebhookUrl::validate(target.config.url);
        target.maskedUrl = WebhookUrl::mask(target.config.url);
        target.shape = target.check.isValid() ? target.config.shape(target.check.url) : PayloadFormat::Shape::Json;
        target.digest = endpoint.digests();
        target.digestWindowMs = endpoint.digestWindowSeconds * 1000LL;
        longestTimeout = qMax(longestTimeout, target.config.timeoutSeconds);
        m_targets.insert(endpoint.id, target);
    }
    m_leaseMs = (longestTimeout * QueueRounds + LeaseMarginSeconds) * 1000LL;
    m_targetsLoaded = true;
}

void DeliveryWorker::pump(const QString& onlyId, bool reloadSettings)
{
    if (m_stopped || m_senders.isEmpty()) {
        return;
    }
    const int room = m_maximumInFlight - m_inFlight;
    // Claim in sizeable batches while busy: each claim is a write transaction.
    if (room <= 0 || (onlyId.isEmpty() && m_inFlight > 0 && room < m_maximumInFlight / 4)) {
        return;
    }
    // The endpoints are read again on every poll and every wake-up; pumps between them, after each batch of
    // results, reuse them rather than query the database a dozen times a batch.
    if (reloadSettings || !m_targetsLoaded) {
        loadTargets();
    }
    if (m_targets.isEmpty()) {
        return;
    }
    const auto claimed = claimPaced(onlyId.isEmpty() ? room : 1, onlyId);
    for (const auto& item : claimed) {
        // Claimed for an endpoint in m_targets: the claim takes no other.
        send(item, m_targets.value(item.notification.endpointId));
    }
}

QList<ClaimedNotification> DeliveryWorker::claimPaced(int room, const QString& onlyId)
{
    const auto now = QDateTime::currentDateTimeUtc();
    QList<qint64> unlimited;
    QList<ClaimedNotification> claimed;
    QDateTime resume;
    for (auto it = m_targets.cbegin(); it != m_targets.cend(); ++it) {
        const auto allowance = m_pacer.allowance(it.key(), it->shape, now);
        // Redelivering one notification (onlyId) sends it alone; an invalid URL fails each on its own.
        if (it->digest && onlyId.isEmpty() && it->check.isValid()) {
            const int requests = qMin(allowance.value_or(room), m_maximumInFlight - m_inFlight - int(claimed.size()));
            if (requests > 0) {
                claimed += takeDigests(it.key(), *it, requests, &resume);
            } else if (const auto at = m_pacer.resumeAt(it.key(), now); at.isValid()) {
                resume = resume.isValid() ? qMin(resume, at) : at;
            }
            continue;
        }
        if (!allowance) {
            unlimited.append(it.key());
            continue;
        }
        if (*allowance > 0 && room > claimed.size()) {
            claimed +=
                m_outbox.claim(m_owner, qMin(*allowance, room - int(claimed.size())), m_leaseMs, { it.key() }, onlyId);
        } else if (const auto at = m_pacer.resumeAt(it.key(), now); at.isValid()) {
            resume = resume.isValid() ? qMin(resume, at) : at;
        }
    }
    if (!unlimited.isEmpty() && room > claimed.size()) {
        claimed += m_outbox.claim(m_owner, room - int(claimed.size()), m_leaseMs, unlimited, onlyId);
    }
    // A paused endpoint is looked at again when it may be sent to, not only at the next poll.
    if (resume.isValid() && (!m_paceTimer.isActive() || m_paceTimer.remainingTime() > now.msecsTo(resume))) {
        m_paceTimer.start(int(qBound(qint64(1), now.msecsTo(resume), qint64(PollIntervalMs))));
    }
    return claimed;
}

QList<ClaimedNotification> DeliveryWorker::takeDigests(qint64 endpointId, const Target& target, int requests,
                                                       QDateTime* resume)
{
    const auto now = QDateTime::currentDateTimeUtc();
    if (const auto ready = m_digestReadyAt.value(endpointId); ready.isValid() && now < ready) {
        *resume = resume->isValid() ? qMin(*resume, ready) : ready;
        return {};
    }
    const auto last = m_digestSentAt.value(endpointId);
    const bool quiet = !last.isValid() || last.msecsTo(now) >= target.digestWindowMs;
    auto claim =
        m_outbox.claimDigest(m_owner, endpointId, requests, DigestClaimLimit, m_leaseMs, target.digestWindowMs, quiet);
    m_digestReadyAt.insert(endpointId, claim.readyAt);
    if (claim.readyAt.isValid()) {
        *resume = resume->isValid() ? qMin(*resume, claim.readyAt) : claim.readyAt;
    }
    int left = requests - int(claim.singles.size());
    if (!claim.group.isEmpty()) {
        QList<Notification> notifications;
        notifications.reserve(claim.group.size());
        for (const auto& item : std::as_const(claim.group)) {
            notifications.append(item.notification);
        }
        QStringList unsent;
        for (auto& message : DigestBuilder::compose(notifications, target.shape)) {
            if (left <= 0) {
                for (const auto index : std::as_const(message.members)) {
                    unsent << claim.group.at(index).notification.id;
                }
            } else if (message.members.size() == 1) {
                claim.singles.append(claim.group.at(message.members.first()));
            } else {
                QList<ClaimedNotification> members;
                for (const auto index : std::as_const(message.members)) {
                    members.append(claim.group.at(index));
                }
                sendDigest(members, message.event, std::move(message.payload), target);
            }
            --left;
        }
        // Claimed again, ready at once, when the pace allows.
        m_outbox.unclaim(m_owner, unsent);
    }
    if (left < requests) {
        m_digestSentAt.insert(endpointId, now);
    }
    return claim.singles;
}

void DeliveryWorker::answered(PendingDelivery* pending, qint64 endpointId, const DeliveryResult& result)
{
    --m_inFlight;
    m_pending.removeOne(pending);
    // A request that never left gives its turn back to the endpoint's pace; any other tells the pace what it learnt.
    if (result.outcome == DeliveryResult::Outcome::Cancelled && !pending->mayHaveBeenSent()) {
        m_pacer.withdrawn(endpointId);
    } else {
        m_pacer.answered(endpointId, result, QDateTime::currentDateTimeUtc());
    }
}

WebhookSender* DeliveryWorker::leastBusySender()
{
    // The sender with the fewest requests under way, so that none waits for a connection while another is free.
    auto* sender = m_senders.at(m_nextSender++ % m_senders.size());
    for (auto* candidate : std::as_const(m_senders)) {
        if (candidate->activeCount() < sender->activeCount()) {
            sender = candidate;
        }
    }
    return sender;
}

void DeliveryWorker::sendDigest(const QList<ClaimedNotification>& members, Event event, Payload payload,
                                const Target& target)
{
    const auto& config = target.config;
    const auto startedAt = QDateTime::currentDateTimeUtc();
    // Its own webhook-id: a receiver tells digests apart, and a retried notification may be grouped differently.
    DigestRecord digest;
    digest.id = RowIds::create();
    digest.endpointId = config.endpointId;
    digest.startedAt = startedAt;
    const auto request = config.request(digest.id, event, std::move(payload), target.check.url, startedAt);
    digest.requestHeaders = WebhookConfig::describeHeaders(request.headers, request.payload.contentType);
    digest.requestBody = QString::fromUtf8(request.payload.body);
    QList<Outbox::Outcome> outcomes;
    QList<AttemptReport> reports;
    QList<int> attempts;
    for (const auto& member : members) {
        Outbox::Outcome outcome;
        outcome.attempt.notificationId = member.notification.id;
        outcome.attempt.number = member.attempts + 1;
        outcome.attempt.startedAt = startedAt;
        outcome.attempt.url = target.maskedUrl;
        // The request's headers and body are the digest's, stored once (DigestRecord): a delivered member keeps the
        // compact row, as one sent with its own stored body does, and Outbox::attempts() gives the digest's back.
        outcome.attempt.bodyStored = true;
        AttemptReport report;
        report.notificationId = member.notification.id;
        report.event = member.notification.event;
        report.number = outcome.attempt.number;
        digest.members.append({ member.notification.id, outcome.attempt.number });
        attempts.append(member.attempts);
        outcomes.append(std::move(outcome));
        reports.append(std::move(report));
    }
    ++m_inFlight;
    m_pacer.sent(config.endpointId, startedAt);
    auto* pending = leastBusySender()->send(request);
    m_pending.append(pending);
    connect(pending, &PendingDelivery::finished, this,
            [this, pending, digest = std::move(digest), outcomes = std::move(outcomes), reports = std::move(reports),
             attempts = std::move(attempts), url = config.url, endpointId = config.endpointId,
             name = target.name](const DeliveryResult& result) mutable {
                answered(pending, endpointId, result);
                if (m_stopped && result.outcome == DeliveryResult::Outcome::Cancelled) {
                    if (pending->mayHaveBeenSent()) {
                        for (const auto& outcome : std::as_const(outcomes)) {
                            m_abandoned.append(outcome.attempt.notificationId);
                        }
                    }
                    finishStopping();
                    return;
                }
                const auto now = QDateTime::currentDateTimeUtc();
                // A failed digest retries its notifications on the usual schedule, with one jitter for all: they
                // fall due together again and share the next digest.
                const auto jitter = RetryPolicy::randomJitter();
                for (int i = 0; i < outcomes.size(); ++i) {
                    keepAnswer(outcomes[i].attempt, result);
                    if (result.isSuccess()) {
                        outcomes[i].state = Outbox::State::Delivered;
                    } else if (const auto next = RetryPolicy::nextAttempt(result, attempts.at(i) + 1, now, jitter)) {
                        outcomes[i].state = Outbox::State::Pending;
                        outcomes[i].nextAttemptAt = *next;
                    } else {
                        outcomes[i].state = Outbox::State::Failed;
                    }
                    reports[i].result = result;
                }
                if (result.outcome == DeliveryResult::Outcome::Gone && endpointId != Endpoint::EnvironmentId
                    && m_targets.remove(endpointId) > 0) {
                    if (EndpointStore(m_database).markGone(endpointId, url, now)) {
                        emit endpointGone(endpointId, name);
                    }
                }
                m_digests.append(digest);
                for (int i = 0; i < outcomes.size(); ++i) {
                    finishAttempt(std::move(outcomes[i]), std::move(reports[i]));
                }
                finishStopping();
            });
}

void DeliveryWorker::send(const ClaimedNotification& claimed, const Target& target)
{
    const auto& config = target.config;
    const auto& check = target.check;
    const auto startedAt = QDateTime::currentDateTimeUtc();

    Outbox::Outcome outcome;
    outcome.attempt.notificationId = claimed.notification.id;
    outcome.attempt.number = claimed.attempts + 1;
    outcome.attempt.startedAt = startedAt;
    outcome.attempt.url = target.maskedUrl;

    AttemptReport report;
    report.notificationId = claimed.notification.id;
    report.endpointId = claimed.notification.endpointId;
    report.event = claimed.notification.event;
    report.number = outcome.attempt.number;

    if (!check.isValid()) {
        DeliveryResult result;
        result.outcome = DeliveryResult::Outcome::InvalidUrl;
        // The code, not check.message: the message may quote the URL, which holds the token.
        result.urlProblem = check.problem;
        result.urlArgument = check.argument;
        report.result = result;
        outcome.attempt.setResult(result);
        outcome.state = Outbox::State::Failed;
        finishAttempt(outcome, report);
        return;
    }

    // The body rendered when the notification was written, unless the webhook now takes another shape (its URL or
    // format changed since): then it is rendered again from the notification, and the attempt keeps that body.
    const auto shape = config.shape(check.url);
    auto payload = claimed.storedPayload(shape);
    outcome.attempt.bodyStored = payload.has_value();
    if (!payload) {
        const auto source = m_outbox.notification(claimed.notification.id);
        payload = PayloadBuilder::build(source.value_or(claimed.notification), shape);
    }
    const auto request =
        config.request(claimed.notification.id, claimed.notification.event, std::move(*payload), check.url, startedAt);
    outcome.attempt.requestHeaders = WebhookConfig::describeHeaders(request.headers, request.payload.contentType);
    // Kept whole if the attempt fails; a delivered one refers to the stored body instead (Outbox::record), so the
    // text is only made when it is kept.
    auto body = request.payload.body;
    ++m_inFlight;
    m_pacer.sent(config.endpointId, startedAt);
    auto* pending = leastBusySender()->send(request);
    m_pending.append(pending);
    connect(pending, &PendingDelivery::finished, this,
            [this, pending, outcome, report, body = std::move(body), attempts = claimed.attempts, url = config.url,
             endpointId = config.endpointId, name = target.name](const DeliveryResult& result) mutable {
                answered(pending, endpointId, result);
                if (m_stopped && result.outcome == DeliveryResult::Outcome::Cancelled) {
                    // No attempt to record. Never sent: the lease is given back by finishStopping(). Abandoned on
                    // the wire: the receiver may have it, so the lease runs out first.
                    if (pending->mayHaveBeenSent()) {
                        m_abandoned.append(outcome.attempt.notificationId);
                    }
                    finishStopping();
                    return;
                }
                report.result = result;
                auto& attempt = outcome.attempt;
                keepAnswer(attempt, result);
                if (!attempt.isCompact()) {
                    attempt.requestBody = QString::fromUtf8(body);
                }
                if (result.isSuccess()) {
                    outcome.state = Outbox::State::Delivered;
                } else if (const auto next =
                               RetryPolicy::nextAttempt(result, attempts + 1, QDateTime::currentDateTimeUtc())) {
                    outcome.state = Outbox::State::Pending;
                    outcome.nextAttemptAt = *next;
                } else {
                    outcome.state = Outbox::State::Failed;
                }
                // WEBHOOK_URL's endpoint has no row to disable: each of its notifications fails on its own 410.
                if (result.outcome == DeliveryResult::Outcome::Gone && endpointId != Endpoint::EnvironmentId
                    && m_targets.remove(endpointId) > 0) {
                    // Kept in the database: every process stops sending to it, and the window and the CLI say why.
                    if (EndpointStore(m_database).markGone(endpointId, url, QDateTime::currentDateTimeUtc())) {
                        emit endpointGone(endpointId, name);
                    }
                }
                finishAttempt(outcome, report);
                finishStopping();
            });
}

void DeliveryWorker::finishAttempt(Outbox::Outcome outcome, AttemptReport report)
{
    report.state = Outbox::stateKey(outcome.state);
    report.nextAttemptAt = outcome.nextAttemptAt;
    m_outcomes.append(std::move(outcome));
    m_reports.append(std::move(report));
    if (!m_flushTimer.isActive()) {
        m_flushTimer.start();
    }
}

void DeliveryWorker::flush()
{
    if (m_outcomes.isEmpty()) {
        return;
    }
    const auto outcomes = std::exchange(m_outcomes, {});
    const auto reports = std::exchange(m_reports, {});
    if (!m_outbox.record(outcomes, std::exchange(m_digests, {}))) {
        // The leases expire and the notifications are claimed again: at-least-once, nothing lost.
        qCWarning(lcDelivery) << "could not record" << outcomes.size() << "attempts; they will be retried";
    }
    // One signal a batch: crossing threads once per attempt would cost more than the attempt itself.
    emit attemptsRecorded(reports);
    publishCounts(false);
    pump();
}

void DeliveryWorker::publishCounts(bool force)
{
    const auto now = QDateTime::currentDateTimeUtc();
    if (!force && m_countsPublishedAt.isValid() && m_countsPublishedAt.msecsTo(now) < CountsIntervalMs) {
        return;
    }
    m_countsPublishedAt = now;
    const int pending = m_outbox.count(Outbox::State::Pending);
    const int failed = m_outbox.count(Outbox::State::Failed);
    if (force || pending != m_lastPending || failed != m_lastFailed) {
        m_lastPending = pending;
        m_lastFailed = failed;
        emit countsChanged(pending, failed);
    }
}
