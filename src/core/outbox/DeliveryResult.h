#pragma once

#include "webhooks/NetworkOptions.h"
#include "webhooks/WebhookUrl.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QSslError>
#include <QString>

#include <optional>

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
        EndpointRemoved, // its endpoint was removed before it was delivered
    };

    // Where the proxy that failed was configured: the Network settings or the *_PROXY environment variables.
    enum class ProxySource
    {
        None,
        Settings,
        Environment,
    };

    static constexpr qsizetype MaxResponseBody = 64 * 1024;
    // Status line and header fields together; a receiver sending more is cut off.
    static constexpr qsizetype MaxResponseHeaders = 64 * 1024;
    // Retry-After asks for at most this long; RetryPolicy never waits longer.
    static constexpr qint64 MaxRetryAfterSeconds = 24 * 3600;

    Outcome outcome = Outcome::NetworkFailure;
    int httpStatus = 0;
    qint64 durationMs = 0;
    QString host;
    QString remoteAddress; // the address connected to, when the host policy resolved the name
    // The redirect target; or Qt's own error text, kept only for errors that have no code below (and what versions
    // before codes stored). Codes are rendered in the reader's language.
    QString detail;
    NetworkOptions::HostRefusal refusal; // Blocked: why the allowed-hosts policy refused the host
    WebhookUrl::Problem urlProblem = WebhookUrl::Problem::None; // InvalidUrl: what is wrong with it
    QString urlArgument; // WebhookUrl::Check::argument, never any part of the URL
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError; // TLS, proxy and network failures
    QList<QSslError::SslError> tlsErrors; // TlsFailure: the certificate's faults, without duplicates
    int timeoutSeconds = 0;
    QDateTime retryAfter; // from Retry-After on 429 and 503, when given, at most MaxRetryAfterSeconds ahead
    QString proxy; // "host:port" of the proxy that failed
    ProxySource proxySource = ProxySource::None;
    bool isTest = false; // a test send: the URL may be unsaved, and nothing is retried
    HeaderList responseHeaders;
    QByteArray responseBody; // at most MaxResponseBody bytes
    bool responseTruncated = false;

    // What a finished request's reply says, and what happened to it on Crochet's side.
    struct Reply
    {
        int httpStatus = 0; // 0 when no status line arrived
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QString errorText; // Qt's, for the errors Crochet has no sentence for
        QByteArray location; // the Location header
        QByteArray retryAfter; // the Retry-After header
        QList<QSslError::SslError> tlsErrors;
        bool cancelled = false;
        bool timedOut = false; // Crochet's deadline passed
        bool headersTooLarge = false;
        bool bodyTruncated = false; // the body was cut at MaxResponseBody
        bool throughProxy = false;
    };
    // The outcome a reply stands for (the status, or the failure), without the figures of the attempt (host, time,
    // headers and body), which the sender adds.
    static DeliveryResult fromReply(const Reply& reply);

    bool isSuccess() const { return outcome == Outcome::Delivered; }
    // Worth another attempt later: connection trouble, timeouts, 408, 429, 5xx.
    bool isRetryable() const;

    // One translated sentence: status and time, or what went wrong and what to check.
    QString summary() const;

    // The outcome and the arguments of its summary, as stored with an attempt (JSON), so that the summary is
    // rendered in the language of whoever reads it.
    QString toStored() const;
    static std::optional<DeliveryResult> fromStored(const QString& stored);
    // The summary of a stored result in the current language; legacyText (what versions before schema 4 stored)
    // when there is no stored result.
    static QString storedSummary(const QString& stored, const QString& legacyText);

    // Qt's error as one translated sentence, empty for the errors Crochet has no sentence of its own for.
    static QString networkErrorText(QNetworkReply::NetworkError error);
    static QString tlsErrorText(QSslError::SslError error);

    static QString outcomeKey(Outcome outcome);
    static Outcome outcomeFromKey(const QString& key);
    static DeliveryResult fromHttpStatus(int status);
    // Seconds or an HTTP date, at most MaxRetryAfterSeconds after now; invalid when unreadable.
    static QDateTime parseRetryAfter(const QByteArray& value, const QDateTime& now);
    // "45 s", "2 min", "1 h 30 min", translated.
    static QString formatDelay(qint64 seconds);
    // The local time with its time zone ("10:42 CET"), with the date unless it is now's date.
    static QString formatLocalTime(const QDateTime& time, const QDateTime& now);

private:
    // A failure without an HTTP status, by Qt's error.
    static Outcome outcomeOfError(QNetworkReply::NetworkError error);
    // What went wrong in detail, from the codes when there are, otherwise from detail.
    QString detailText() const;
    bool detailHasCodes() const;
};
