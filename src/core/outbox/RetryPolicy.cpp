#include "outbox/RetryPolicy.h"

#include <QRandomGenerator>

using namespace std::chrono_literals;

const QList<std::chrono::seconds>& RetryPolicy::schedule()
{
    static const QList<std::chrono::seconds> delays = { 0s, 5s, 5min, 30min, 2h, 5h, 10h, 14h, 20h, 24h };
    return delays;
}

double RetryPolicy::randomJitter()
{
    return 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
}

std::optional<QDateTime> RetryPolicy::nextAttempt(const DeliveryResult& result, int attemptsMade, const QDateTime& now,
                                                  double jitter)
{
    if (!result.isRetryable() || attemptsMade >= maximumAttempts()) {
        return std::nullopt;
    }
    const bool mayWait = result.httpStatus == 429 || result.httpStatus == 503;
    if (mayWait && result.retryAfter.isValid()) {
        const auto latest = now.addSecs(DeliveryResult::MaxRetryAfterSeconds);
        return qBound(now, result.retryAfter, latest);
    }
    const auto delay = schedule().at(attemptsMade);
    return now.addMSecs(static_cast<qint64>(std::chrono::milliseconds(delay).count() * jitter));
}
