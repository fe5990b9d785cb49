#include "outbox/EndpointPacer.h"

namespace {

std::optional<QByteArray> header(const HeaderList& headers, const QByteArray& name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value.trimmed();
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<int> EndpointPacer::allowance(qint64 endpointId, PayloadFormat::Shape shape, const QDateTime& now) const
{
    const auto it = m_paces.constFind(endpointId);
    const bool known = it != m_paces.cend();
    // Discord announces its limit with every answer: the first request goes alone to learn it.
    const bool probes = shape == PayloadFormat::Shape::Discord || (known && it->limited);
    if (!known) {
        return probes ? std::optional<int>(1) : std::nullopt;
    }
    const auto& pace = *it;
    if (!resumeAt(endpointId, now).isNull()) {
        return 0;
    }
    if (pace.remaining && pace.resetAt.isValid() && now < pace.resetAt) {
        return qMax(0, *pace.remaining - pace.inFlight);
    }
    if (pace.spacingMs > 0) {
        return pace.inFlight == 0 ? 1 : 0;
    }
    if (probes) {
        return pace.inFlight == 0 ? 1 : 0;
    }
    return std::nullopt;
}

QDateTime EndpointPacer::resumeAt(qint64 endpointId, const QDateTime& now) const
{
    const auto it = m_paces.constFind(endpointId);
    if (it == m_paces.cend()) {
        return {};
    }
    QDateTime resume;
    if (it->pausedUntil.isValid() && it->pausedUntil > now) {
        resume = it->pausedUntil;
    }
    if (it->remaining && *it->remaining - it->inFlight <= 0 && it->resetAt.isValid() && it->resetAt > now) {
        resume = resume.isValid() ? qMax(resume, it->resetAt) : it->resetAt;
    }
    if (it->spacingMs > 0 && it->lastSent.isValid()) {
        const auto last = it->lastAnswered.isValid() ? qMax(it->lastSent, it->lastAnswered) : it->lastSent;
        const auto next = last.addMSecs(it->spacingMs);
        if (next > now) {
            resume = resume.isValid() ? qMax(resume, next) : next;
        }
    }
    return resume;
}

void EndpointPacer::sent(qint64 endpointId, const QDateTime& now)
{
    auto& pace = m_paces[endpointId];
    ++pace.inFlight;
    pace.lastSent = now;
}

void EndpointPacer::withdrawn(qint64 endpointId)
{
    auto& pace = m_paces[endpointId];
    pace.inFlight = qMax(0, pace.inFlight - 1);
}

void EndpointPacer::answered(qint64 endpointId, const DeliveryResult& result, const QDateTime& now)
{
    auto& pace = m_paces[endpointId];
    pace.inFlight = qMax(0, pace.inFlight - 1);
    pace.lastAnswered = now;
    const auto remaining = header(result.responseHeaders, QByteArrayLiteral("X-RateLimit-Remaining"));
    const auto resetAfter = header(result.responseHeaders, QByteArrayLiteral("X-RateLimit-Reset-After"));
    bool remainingOk = false;
    bool resetOk = false;
    const int left = remaining ? remaining->toInt(&remainingOk) : 0;
    const double seconds = resetAfter ? resetAfter->toDouble(&resetOk) : 0;
    if (remainingOk && resetOk && left >= 0 && seconds >= 0) {
        pace.limited = true;
        const auto resetAt = now.addMSecs(qint64(seconds * 1000) + 1);
        // Answers may arrive out of order: within one window the smallest count left is the true one; a reset
        // noticeably later starts a new window.
        if (!pace.remaining || !pace.resetAt.isValid() || resetAt > pace.resetAt.addMSecs(1000)
            || now >= pace.resetAt) {
            pace.remaining = left;
        } else {
            pace.remaining = qMin(*pace.remaining, left);
        }
        pace.resetAt = qMax(pace.resetAt.isValid() ? pace.resetAt : resetAt, resetAt);
    }
    const bool refused = result.outcome == DeliveryResult::Outcome::RateLimited || result.httpStatus == 503;
    if (refused && result.retryAfter.isValid()) {
        pace.limited = true;
        pace.pausedUntil = pace.pausedUntil.isValid() ? qMax(pace.pausedUntil, result.retryAfter) : result.retryAfter;
        if (!remainingOk && result.outcome == DeliveryResult::Outcome::RateLimited) {
            // No window announced: space the requests by what the service asked for.
            pace.spacingMs = qBound(pace.spacingMs, now.msecsTo(result.retryAfter), MaximumSpacingMs);
        }
    }
}
