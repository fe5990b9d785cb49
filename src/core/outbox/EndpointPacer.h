#pragma once

#include "outbox/DeliveryResult.h"
#include "webhooks/PayloadFormat.h"

#include <QDateTime>
#include <QHash>

#include <optional>

// How fast each endpoint may be sent to, learned from its answers, so that a chat service's rate limit is respected
// before it refuses anything, and one endpoint's limit never slows another:
// - Discord (and any service sending them) says how many requests are left in the current window and when it resets
//   (X-RateLimit-Remaining, X-RateLimit-Reset-After): no more than that many go before the reset. Until a first answer
//   tells the limit, one request at a time goes to such an endpoint.
// - A 429 (or a 503) with Retry-After pauses the endpoint until then. An endpoint that refuses without rate-limit
//   headers (Slack: about one message a second) is then sent to one request at a time, spaced by what it asked for.
// Lives in the delivery worker's thread.
class EndpointPacer
{
public:
    // The longest a spacing learned from Retry-After may be.
    static constexpr qint64 MaximumSpacingMs = 60 * 1000;

    // How many more requests may go to the endpoint now: nullopt when there is no limit; 0 until resumeAt().
    std::optional<int> allowance(qint64 endpointId, PayloadFormat::Shape shape, const QDateTime& now) const;
    // When a paused endpoint may be sent to again; invalid when it is not paused.
    QDateTime resumeAt(qint64 endpointId, const QDateTime& now) const;

    void sent(qint64 endpointId, const QDateTime& now);
    void answered(qint64 endpointId, const DeliveryResult& result, const QDateTime& now);
    // A request that never reached the receiver (cancelled before sending) gives its place back.
    void withdrawn(qint64 endpointId);

private:
    struct Pace
    {
        int inFlight = 0;
        std::optional<int> remaining; // in the window that ends at resetAt
        QDateTime resetAt;
        QDateTime pausedUntil;
        qint64 spacingMs = 0; // between two sends, learned from Retry-After without rate-limit headers
        QDateTime lastSent;
        QDateTime lastAnswered; // spacing counts from the later of the two: the service counted the request by then
        bool limited = false; // it answered with rate-limit headers, or refused with a 429
    };

    QHash<qint64, Pace> m_paces;
};
