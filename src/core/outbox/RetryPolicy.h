#pragma once

#include "outbox/DeliveryResult.h"

#include <QDateTime>
#include <QList>

#include <chrono>
#include <optional>

// When to try again: the Standard Webhooks example schedule with ±20 % jitter, or the receiver's Retry-After.
class RetryPolicy
{
public:
    // Delay before attempt n + 1 (index n - 1): immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    static const QList<std::chrono::seconds>& schedule();
    static int maximumAttempts() { return static_cast<int>(schedule().size()); }

    // Empty when attempt number attemptsMade was the last: the notification has failed.
    static std::optional<QDateTime> nextAttempt(const DeliveryResult& result, int attemptsMade, const QDateTime& now,
                                                double jitter = randomJitter());
    static double randomJitter();
};
