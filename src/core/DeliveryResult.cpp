#include "DeliveryResult.h"

#include <QLocale>
#include <QTimeZone>

namespace {

struct OutcomeName
{
    DeliveryResult::Outcome outcome;
    const char* key;
};

constexpr OutcomeName OutcomeNames[] = {
    { DeliveryResult::Outcome::Delivered, "delivered" },
    { DeliveryResult::Outcome::Redirected, "redirected" },
    { DeliveryResult::Outcome::Rejected, "rejected" },
    { DeliveryResult::Outcome::NotFound, "not-found" },
    { DeliveryResult::Outcome::Gone, "gone" },
    { DeliveryResult::Outcome::RateLimited, "rate-limited" },
    { DeliveryResult::Outcome::ClientError, "client-error" },
    { DeliveryResult::Outcome::ServerError, "server-error" },
    { DeliveryResult::Outcome::UnexpectedStatus, "unexpected-status" },
    { DeliveryResult::Outcome::Timeout, "timeout" },
    { DeliveryResult::Outcome::HostNotFound, "host-not-found" },
    { DeliveryResult::Outcome::ConnectionRefused, "connection-refused" },
    { DeliveryResult::Outcome::ConnectionClosed, "connection-closed" },
    { DeliveryResult::Outcome::TlsFailure, "tls-failure" },
    { DeliveryResult::Outcome::ProxyFailure, "proxy-failure" },
    { DeliveryResult::Outcome::NetworkFailure, "network-failure" },
    { DeliveryResult::Outcome::Blocked, "blocked" },
    { DeliveryResult::Outcome::NotConfigured, "not-configured" },
    { DeliveryResult::Outcome::InvalidUrl, "invalid-url" },
    { DeliveryResult::Outcome::Cancelled, "cancelled" },
    { DeliveryResult::Outcome::HeadersTooLarge, "headers-too-large" },
};

} // namespace

bool DeliveryResult::isRetryable() const
{
    switch (outcome) {
    case Outcome::RateLimited:
    case Outcome::ServerError:
    case Outcome::Timeout:
    case Outcome::HostNotFound:
    case Outcome::ConnectionRefused:
    case Outcome::ConnectionClosed:
    case Outcome::ProxyFailure:
    case Outcome::NetworkFailure:
        return true;
    case Outcome::ClientError:
        return httpStatus == 408;
    default:
        return false;
    }
}

QString DeliveryResult::outcomeKey(Outcome outcome)
{
    for (const auto& name : OutcomeNames) {
        if (name.outcome == outcome) {
            return QString::fromLatin1(name.key);
        }
    }
    return {};
}

DeliveryResult::Outcome DeliveryResult::outcomeFromKey(const QString& key)
{
    for (const auto& name : OutcomeNames) {
        if (key == QLatin1String(name.key)) {
            return name.outcome;
        }
    }
    return Outcome::NetworkFailure;
}

DeliveryResult DeliveryResult::fromHttpStatus(int status)
{
    DeliveryResult result;
    result.httpStatus = status;
    if (status >= 200 && status < 300) {
        result.outcome = Outcome::Delivered;
    } else if (status >= 300 && status < 400) {
        result.outcome = Outcome::Redirected;
    } else if (status == 401 || status == 403) {
        result.outcome = Outcome::Rejected;
    } else if (status == 404) {
        result.outcome = Outcome::NotFound;
    } else if (status == 410) {
        result.outcome = Outcome::Gone;
    } else if (status == 429) {
        result.outcome = Outcome::RateLimited;
    } else if (status >= 400 && status < 500) {
        result.outcome = Outcome::ClientError;
    } else if (status >= 500 && status < 600) {
        result.outcome = Outcome::ServerError;
    } else {
        result.outcome = Outcome::UnexpectedStatus;
    }
    return result;
}

QDateTime DeliveryResult::parseRetryAfter(const QByteArray& value, const QDateTime& now)
{
    const auto trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        return {};
    }
    bool isNumber = false;
    const auto seconds = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        return seconds >= 0 ? now.addSecs(seconds) : QDateTime();
    }
    // An HTTP date: IMF-fixdate, or the obsolete asctime form (RFC 850's two-digit years are not worth guessing).
    const auto text = QString::fromLatin1(trimmed).simplified();
    for (const auto* format : { "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy" }) {
        auto date = QLocale::c().toDateTime(text, QString::fromLatin1(format));
        if (date.isValid()) {
            date.setTimeZone(QTimeZone::utc());
            return date;
        }
    }
    return {};
}

QString DeliveryResult::summary() const
{
    switch (outcome) {
    case Outcome::Delivered:
        return tr("Delivered: HTTP %1 in %2 ms.").arg(httpStatus).arg(durationMs);
    case Outcome::Redirected:
        return tr("HTTP %1: the receiver redirects to %2. Crochet does not follow redirects; use the new address.")
            .arg(httpStatus)
            .arg(detail.isEmpty() ? tr("an unspecified address") : detail);
    case Outcome::Rejected:
        return tr("HTTP %1: the service rejected the URL or its key, which may have been revoked. "
                  "Create a new webhook on the service and paste its URL.")
            .arg(httpStatus);
    case Outcome::NotFound:
        return tr("HTTP 404: this webhook does not exist, or no longer does. Check the URL or create a new webhook.");
    case Outcome::Gone:
        return tr("HTTP 410: the webhook was deleted on the service. Crochet stops sending to it.");
    case Outcome::RateLimited:
        return retryAfter.isValid() ? tr("HTTP 429: the service is limiting requests and asks to wait until %1.")
                                          .arg(retryAfter.toLocalTime().toString(Qt::ISODate))
                                    : tr("HTTP 429: the service is limiting requests; try again later.");
    case Outcome::ClientError:
        return httpStatus == 408
            ? tr("HTTP 408: the receiver timed out while reading the request.")
            : tr("HTTP %1: the service refused the request. Check that the payload format suits this URL.")
                  .arg(httpStatus);
    case Outcome::ServerError:
        return tr("HTTP %1: the service is failing on its side.").arg(httpStatus);
    case Outcome::UnexpectedStatus:
        return tr("HTTP %1: unexpected answer from the receiver.").arg(httpStatus);
    case Outcome::Timeout:
        return tr("No answer within %1 s: the receiver is down or too slow.").arg(timeoutSeconds);
    case Outcome::HostNotFound:
        return tr("Host %1 not found: check the URL's spelling and this machine's DNS.").arg(host);
    case Outcome::ConnectionRefused:
        return tr("Connection refused by %1: nothing is listening there, or a firewall rejects the connection.")
            .arg(host);
    case Outcome::ConnectionClosed:
        return tr("%1 closed the connection before answering.").arg(host);
    case Outcome::TlsFailure:
        return tr("Secure connection to %1 failed: %2").arg(host, detail);
    case Outcome::ProxyFailure:
        return tr("The proxy failed: %1. Check the proxy settings (HTTPS_PROXY, NO_PROXY).").arg(detail);
    case Outcome::NetworkFailure:
        return tr("Network error: %1").arg(detail);
    case Outcome::Blocked:
        return tr("Blocked by the allowed-hosts policy: %1").arg(detail);
    case Outcome::NotConfigured:
        return tr("No webhook URL is configured.");
    case Outcome::InvalidUrl:
        return tr("The webhook URL is invalid: %1").arg(detail);
    case Outcome::Cancelled:
        return tr("Cancelled.");
    case Outcome::HeadersTooLarge:
        return tr("HTTP %1: the receiver sent more than %2 KiB of response headers; Crochet stopped reading. "
                  "Check the receiver.")
            .arg(httpStatus)
            .arg(MaxResponseHeaders / 1024);
    }
    return {};
}
