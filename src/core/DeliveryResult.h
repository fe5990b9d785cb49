#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The outcome of one HTTP attempt, classified so that an administrator can act on it.
class DeliveryResult
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryResult)

public:
    enum class Outcome
    {
        Delivered,
        Redirected,
        Rejected, // 401, 403
        NotFound, // 404
        Gone, // 410
        RateLimited, // 429
        ClientError, // other 4xx
        ServerError, // 5xx
        UnexpectedStatus,
        Timeout,
        HostNotFound,
        ConnectionRefused,
        ConnectionClosed,
        TlsFailure,
        ProxyFailure,
        NetworkFailure,
        Blocked,
        NotConfigured,
        InvalidUrl,
        Cancelled,
        HeadersTooLarge,
    };

    static constexpr qsizetype MaxResponseBody = 64 * 1024;
    // Status line and header fields together; a receiver sending more is cut off.
    static constexpr qsizetype MaxResponseHeaders = 64 * 1024;

    Outcome outcome = Outcome::NetworkFailure;
    int httpStatus = 0;
    qint64 durationMs = 0;
    QString host;
    QString remoteAddress; // the address connected to, when the host policy resolved the name
    QString detail; // the redirect target, the TLS or network error text, the policy that blocked
    int timeoutSeconds = 0;
    QDateTime retryAfter; // from Retry-After on 429 and 503, when given
    HeaderList responseHeaders;
    QByteArray responseBody; // at most MaxResponseBody bytes
    bool responseTruncated = false;

    bool isSuccess() const { return outcome == Outcome::Delivered; }
    // Worth another attempt later: connection trouble, timeouts, 408, 429, 5xx.
    bool isRetryable() const;

    // One translated sentence: status and time, or what went wrong and what to check.
    QString summary() const;

    static QString outcomeKey(Outcome outcome);
    static Outcome outcomeFromKey(const QString& key);
    static DeliveryResult fromHttpStatus(int status);
    static QDateTime parseRetryAfter(const QByteArray& value, const QDateTime& now);
};
