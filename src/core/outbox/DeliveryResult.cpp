#include "outbox/DeliveryResult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMetaEnum>
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
    { DeliveryResult::Outcome::EndpointRemoved, "endpoint-removed" },
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
    const auto latest = now.addSecs(MaxRetryAfterSeconds);
    bool isNumber = false;
    const auto seconds = trimmed.toLongLong(&isNumber);
    if (isNumber) {
        return seconds >= 0 ? now.addSecs(qMin(seconds, MaxRetryAfterSeconds)) : QDateTime();
    }
    // An HTTP date: IMF-fixdate, or the obsolete asctime form (RFC 850's two-digit years are not worth guessing).
    const auto text = QString::fromLatin1(trimmed).simplified();
    for (const auto* format : { "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "ddd MMM d HH:mm:ss yyyy" }) {
        auto date = QLocale::c().toDateTime(text, QString::fromLatin1(format));
        if (date.isValid()) {
            date.setTimeZone(QTimeZone::utc());
            return qMin(date, latest);
        }
    }
    return {};
}

QString DeliveryResult::formatDelay(qint64 seconds)
{
    if (seconds < 60) {
        //: A short delay in seconds, as in "wait 45 s".
        return tr("%1 s").arg(qMax<qint64>(seconds, 0));
    }
    const auto minutes = (seconds + 59) / 60;
    if (minutes < 60) {
        //: A short delay in minutes, as in "wait 2 min".
        return tr("%1 min").arg(minutes);
    }
    if (minutes % 60 == 0) {
        //: A delay in hours, as in "wait 3 h".
        return tr("%1 h").arg(minutes / 60);
    }
    //: A delay in hours and minutes, as in "wait 1 h 30 min".
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

QString DeliveryResult::formatLocalTime(const QDateTime& time, const QDateTime& now)
{
    const auto local = time.toLocalTime();
    const QLocale locale;
    const auto clock = local.date() == now.toLocalTime().date() ? locale.toString(local.time(), QLocale::ShortFormat)
                                                                : locale.toString(local, QLocale::ShortFormat);
    return clock + QLatin1Char(' ') + local.timeZoneAbbreviation();
}

namespace {

// Details come from Qt or from other rules, with or without a final full stop: end the sentence exactly once.
QString sentence(QString text)
{
    text = text.trimmed();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('.')) && !text.endsWith(QChar(0x2026))
        && !text.endsWith(QLatin1Char('!')) && !text.endsWith(QLatin1Char('?'))) {
        text += QLatin1Char('.');
    }
    return text;
}

} // namespace

QString DeliveryResult::networkErrorText(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("the connection was refused");
    case QNetworkReply::RemoteHostClosedError:
        return tr("the connection was closed before the answer");
    case QNetworkReply::HostNotFoundError:
        return tr("the host name was not found");
    case QNetworkReply::TimeoutError:
        return tr("the connection timed out");
    case QNetworkReply::OperationCanceledError:
        return tr("the request was cancelled");
    case QNetworkReply::SslHandshakeFailedError:
        return tr("the handshake failed; check that this address and port serve HTTPS");
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return tr("the network is unavailable; check this machine's connection");
    case QNetworkReply::ProxyConnectionRefusedError:
        return tr("the proxy refused the connection");
    case QNetworkReply::ProxyConnectionClosedError:
        return tr("the proxy closed the connection before the answer");
    case QNetworkReply::ProxyNotFoundError:
        return tr("the proxy's host name was not found");
    case QNetworkReply::ProxyTimeoutError:
        return tr("the proxy did not answer in time");
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return tr("the proxy requires a user name and password, or refused the ones given");
    case QNetworkReply::ProtocolFailure:
        return tr("the receiver's answer is not valid HTTP");
    default:
        break;
    }
    return {};
}

QString DeliveryResult::tlsErrorText(QSslError::SslError error)
{
    switch (error) {
    case QSslError::CertificateExpired:
        return tr("the certificate has expired");
    case QSslError::CertificateNotYetValid:
        return tr("the certificate is not valid yet");
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
        return tr("the certificate is self-signed (trust its CA in the network settings)");
    case QSslError::HostNameMismatch:
        return tr("the certificate is for another host name");
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
        return tr("the certificate's issuer is not trusted (add its CA in the network settings)");
    default:
        break;
    }
    // Qt's own sentence, translated by Qt's catalogue (qtbase) in the reader's language, starting lower-case as
    // Crochet's do unless it starts with an acronym ("SSL").
    auto text = QSslError(error).errorString();
    if (text.size() > 1 && text.at(1).isLower()) {
        text[0] = text.at(0).toLower();
    }
    return text;
}

bool DeliveryResult::detailHasCodes() const
{
    switch (outcome) {
    case Outcome::Blocked:
        return refusal.isRefused();
    case Outcome::InvalidUrl:
        return urlProblem != WebhookUrl::Problem::None;
    case Outcome::TlsFailure:
        return !tlsErrors.isEmpty() || !networkErrorText(networkError).isEmpty();
    case Outcome::ProxyFailure:
    case Outcome::NetworkFailure:
        return !networkErrorText(networkError).isEmpty();
    default:
        return false;
    }
}

QString DeliveryResult::detailText() const
{
    if (!detailHasCodes()) {
        return detail;
    }
    switch (outcome) {
    case Outcome::Blocked:
        return refusal.text();
    case Outcome::InvalidUrl:
        return WebhookUrl::problemText(urlProblem, urlArgument);
    case Outcome::TlsFailure:
        if (!tlsErrors.isEmpty()) {
            QStringList parts;
            for (const auto error : tlsErrors) {
                parts << tlsErrorText(error);
            }
            parts.removeDuplicates();
            //: Separates the faults of one certificate, as in "the certificate has expired; it was revoked".
            return parts.join(tr("; "));
        }
        break;
    default:
        break;
    }
    return networkErrorText(networkError);
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
        // A test may target a URL that was never saved: Crochet stops nothing then.
        return isTest ? tr("HTTP 410: this webhook was deleted on the service. Create a new webhook there and use "
                           "its URL.")
                      : tr("HTTP 410: the webhook was deleted on the service, so Crochet stops sending to this URL. "
                           "Create a new webhook there and save its URL.");
    case Outcome::RateLimited: {
        if (!retryAfter.isValid()) {
            return tr("HTTP 429: the service is limiting requests; try again later.");
        }
        const auto now = QDateTime::currentDateTimeUtc();
        const auto wait = now.secsTo(retryAfter);
        if (wait <= 0) {
            return tr("HTTP 429: the service is limiting requests and asked to wait until %1.")
                .arg(formatLocalTime(retryAfter, now));
        }
        //: %1 is a delay such as "2 min", %2 a local time with its time zone such as "10:42 CET".
        return tr("HTTP 429: the service is limiting requests and asks to wait: in %1 (%2).")
            .arg(formatDelay(wait), formatLocalTime(retryAfter, now));
    }
    case Outcome::ClientError:
        return httpStatus == 408
            ? tr("HTTP 408: the receiver timed out while reading the request.")
            : tr("HTTP %1: the service refused the request. Check that the payload format suits this URL.")
                  .arg(httpStatus);
    case Outcome::ServerError:
        if (httpStatus == 500) {
            return tr("HTTP 500: the receiver failed while handling the request. Check the receiver's logs or the "
                      "service's status page; if it fails only for Crochet, check that the payload format suits this "
                      "URL.");
        }
        if (httpStatus == 502 || httpStatus == 503 || httpStatus == 504) {
            return tr("HTTP %1: the receiver, or a gateway in front of it, is unavailable or overloaded. Check that "
                      "the receiver is running, or the service's status page.")
                .arg(httpStatus);
        }
        return tr("HTTP %1: the service is failing on its side. Check the receiver's logs or the service's status "
                  "page.")
            .arg(httpStatus);
    case Outcome::UnexpectedStatus:
        return tr("HTTP %1: unexpected answer from the receiver.").arg(httpStatus);
    case Outcome::Timeout:
        //: "Timeout" and "General" name the setting and the settings page as the window shows them.
        return tr("No answer within %1 s: the receiver is down or too slow. If it is only slow, raise the Timeout "
                  "on the General settings page, or run \"crochet-cli webhook set URL --timeout SECONDS\".")
            .arg(timeoutSeconds);
    case Outcome::HostNotFound:
        return tr("Host %1 not found: check the URL's spelling and this machine's DNS.").arg(host);
    case Outcome::ConnectionRefused:
        return tr("Connection refused by %1: nothing is listening there, or a firewall rejects the connection.")
            .arg(host);
    case Outcome::ConnectionClosed:
        return tr("%1 closed the connection before answering.").arg(host);
    case Outcome::TlsFailure:
        return tr("Secure connection to %1 failed: %2").arg(host, sentence(detailText()));
    case Outcome::ProxyFailure:
        switch (proxySource) {
        case ProxySource::Settings:
            //: "Settings → Network" names the page of the window.
            return tr("The proxy %1 set in Settings → Network failed: %2 Check it there, or clear it to use the "
                      "system's proxy.")
                .arg(proxy, sentence(detailText()));
        case ProxySource::Environment:
            return tr("The proxy %1 given by the environment (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY) failed: %2 "
                      "Correct or unset that variable, add the host to NO_PROXY, or set a proxy in Settings → "
                      "Network.")
                .arg(proxy, sentence(detailText()));
        case ProxySource::None:
            break;
        }
        return tr("The proxy failed: %1 Check the proxy in Settings → Network, or the HTTPS_PROXY, HTTP_PROXY and "
                  "NO_PROXY environment variables.")
            .arg(sentence(detailText()));
    case Outcome::NetworkFailure:
        return tr("Network error: %1").arg(sentence(detailText()));
    case Outcome::Blocked:
        return tr("Blocked by the allowed-hosts policy: %1 If this host is trusted, change the policy in Settings → "
                  "Network.")
            .arg(sentence(detailText()));
    case Outcome::NotConfigured:
        return tr("No webhook URL is configured.");
    case Outcome::InvalidUrl:
        return tr("The webhook URL is invalid: %1").arg(sentence(detailText()));
    case Outcome::Cancelled:
        return tr("Cancelled.");
    case Outcome::HeadersTooLarge:
        return tr("HTTP %1: the receiver sent more than %2 KiB of response headers; Crochet stopped reading. "
                  "Check the receiver.")
            .arg(httpStatus)
            .arg(MaxResponseHeaders / 1024);
    case Outcome::EndpointRemoved:
        return tr("Not sent: its endpoint was removed.");
    }
    return {};
}

namespace {

const QString CodeKey = QStringLiteral("code");
const QString StatusKey = QStringLiteral("status");
const QString DurationKey = QStringLiteral("ms");
const QString HostKey = QStringLiteral("host");
const QString DetailKey = QStringLiteral("detail");
const QString TimeoutKey = QStringLiteral("timeout");
const QString RetryAfterKey = QStringLiteral("retryAfter");
const QString ProxyKey = QStringLiteral("proxy");
const QString ProxySourceKey = QStringLiteral("proxySource");
const QString PolicyKey = QStringLiteral("policy");
const QString AddressKey = QStringLiteral("address");
const QString AllowedKey = QStringLiteral("allowed");
const QString UrlProblemKey = QStringLiteral("urlProblem");
const QString UrlArgumentKey = QStringLiteral("urlArgument");
const QString NetworkErrorKey = QStringLiteral("networkError");
const QString TlsErrorsKey = QStringLiteral("tlsErrors");

// Qt's enumerations are stored by name ("ConnectionRefusedError"), unknown names read back as nothing.
template<typename Enum>
QString enumKey(Enum value)
{
    return QString::fromLatin1(QMetaEnum::fromType<Enum>().valueToKey(int(value)));
}

template<typename Enum>
std::optional<Enum> enumFromKey(const QString& key)
{
    bool ok = false;
    const auto value = QMetaEnum::fromType<Enum>().keyToValue(key.toLatin1().constData(), &ok);
    return ok ? std::optional<Enum>(Enum(value)) : std::nullopt;
}

} // namespace

QString DeliveryResult::toStored() const
{
    QJsonObject object { { CodeKey, outcomeKey(outcome) } };
    if (httpStatus > 0) {
        object.insert(StatusKey, httpStatus);
    }
    object.insert(DurationKey, durationMs);
    if (!host.isEmpty()) {
        object.insert(HostKey, host);
    }
    // Qt's text only where no code says it: it may be in the writer's language, or quote more than it should.
    if (!detail.isEmpty() && !detailHasCodes()) {
        object.insert(DetailKey, detail);
    }
    if (refusal.isRefused()) {
        object.insert(PolicyKey, NetworkOptions::HostRefusal::reasonKey(refusal.reason));
        if (!refusal.address.isEmpty()) {
            object.insert(AddressKey, refusal.address);
        }
        if (!refusal.allowedHosts.isEmpty()) {
            object.insert(AllowedKey, QJsonArray::fromStringList(refusal.allowedHosts));
        }
    }
    if (urlProblem != WebhookUrl::Problem::None) {
        object.insert(UrlProblemKey, WebhookUrl::problemKey(urlProblem));
        if (!urlArgument.isEmpty()) {
            object.insert(UrlArgumentKey, urlArgument);
        }
    }
    if (networkError != QNetworkReply::NoError) {
        object.insert(NetworkErrorKey, enumKey(networkError));
    }
    if (!tlsErrors.isEmpty()) {
        QJsonArray errors;
        for (const auto error : tlsErrors) {
            errors.append(enumKey(error));
        }
        object.insert(TlsErrorsKey, errors);
    }
    if (timeoutSeconds > 0) {
        object.insert(TimeoutKey, timeoutSeconds);
    }
    if (retryAfter.isValid()) {
        object.insert(RetryAfterKey, retryAfter.toUTC().toString(Qt::ISODate));
    }
    if (!proxy.isEmpty()) {
        object.insert(ProxyKey, proxy);
    }
    if (proxySource != ProxySource::None) {
        object.insert(ProxySourceKey,
                      proxySource == ProxySource::Settings ? QStringLiteral("settings")
                                                           : QStringLiteral("environment"));
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<DeliveryResult> DeliveryResult::fromStored(const QString& stored)
{
    if (stored.isEmpty()) {
        return std::nullopt;
    }
    const auto document = QJsonDocument::fromJson(stored.toUtf8());
    const auto object = document.object();
    const auto code = object.value(CodeKey).toString();
    if (!document.isObject() || outcomeKey(outcomeFromKey(code)) != code) {
        return std::nullopt;
    }
    DeliveryResult result;
    result.outcome = outcomeFromKey(code);
    result.httpStatus = object.value(StatusKey).toInt();
    result.durationMs = object.value(DurationKey).toInteger();
    result.host = object.value(HostKey).toString();
    result.detail = object.value(DetailKey).toString();
    result.timeoutSeconds = object.value(TimeoutKey).toInt();
    result.retryAfter = QDateTime::fromString(object.value(RetryAfterKey).toString(), Qt::ISODate);
    result.proxy = object.value(ProxyKey).toString();
    const auto source = object.value(ProxySourceKey).toString();
    result.proxySource = source == QLatin1String("settings") ? ProxySource::Settings
        : source == QLatin1String("environment")             ? ProxySource::Environment
                                                             : ProxySource::None;
    result.refusal.reason = NetworkOptions::HostRefusal::reasonFromKey(object.value(PolicyKey).toString());
    result.refusal.host = result.host;
    result.refusal.address = object.value(AddressKey).toString();
    const auto allowed = object.value(AllowedKey).toArray();
    for (const auto& host : allowed) {
        result.refusal.allowedHosts << host.toString();
    }
    result.urlProblem = WebhookUrl::problemFromKey(object.value(UrlProblemKey).toString());
    result.urlArgument = object.value(UrlArgumentKey).toString();
    result.networkError = enumFromKey<QNetworkReply::NetworkError>(object.value(NetworkErrorKey).toString())
                              .value_or(QNetworkReply::NoError);
    const auto errors = object.value(TlsErrorsKey).toArray();
    for (const auto& error : errors) {
        if (const auto known = enumFromKey<QSslError::SslError>(error.toString())) {
            result.tlsErrors << *known;
        }
    }
    return result;
}

QString DeliveryResult::storedSummary(const QString& stored, const QString& legacyText)
{
    const auto result = fromStored(stored);
    return result ? result->summary() : legacyText;
}

DeliveryResult DeliveryResult::fromReply(const Reply& reply)
{
    const auto error = reply.error;
    const auto status = reply.httpStatus;
    DeliveryResult result;
    if (reply.cancelled) {
        result.outcome = Outcome::Cancelled;
    } else if (reply.timedOut) {
        result.outcome = Outcome::Timeout;
    } else if (reply.headersTooLarge) {
        result.outcome = Outcome::HeadersTooLarge;
    } else if (status == 407 && reply.throughProxy) {
        result.outcome = Outcome::ProxyFailure;
        result.networkError = QNetworkReply::ProxyAuthenticationRequiredError;
    } else if (status > 0
               && (error == QNetworkReply::NoError || error >= QNetworkReply::ContentAccessDenied
                   || reply.bodyTruncated)) {
        result = fromHttpStatus(status);
        if (result.outcome == Outcome::Redirected) {
            result.detail = QString::fromUtf8(reply.location);
        }
        if (status == 429 || status == 503) {
            result.retryAfter = parseRetryAfter(reply.retryAfter, QDateTime::currentDateTimeUtc());
        }
    } else if (reply.throughProxy
               && (error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError
                   || error == QNetworkReply::RemoteHostClosedError)) {
        // Through a proxy, the connection that failed is the proxy's.
        result.outcome = Outcome::ProxyFailure;
        result.networkError = error;
        result.detail = reply.errorText;
    } else {
        result.outcome = outcomeOfError(error);
        if (result.outcome == Outcome::TlsFailure || result.outcome == Outcome::ProxyFailure
            || result.outcome == Outcome::NetworkFailure) {
            result.networkError = error;
            result.detail = reply.errorText;
        }
        if (result.outcome == Outcome::TlsFailure) {
            result.tlsErrors = reply.tlsErrors;
        }
    }
    result.httpStatus = status;
    return result;
}

DeliveryResult::Outcome DeliveryResult::outcomeOfError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        return Outcome::HostNotFound;
    case QNetworkReply::ConnectionRefusedError:
        return Outcome::ConnectionRefused;
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::ContentReSendError: // Qt wanted to send the request again: see OneShotBody
        return Outcome::ConnectionClosed;
    case QNetworkReply::TimeoutError:
        return Outcome::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return Outcome::TlsFailure;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return Outcome::ProxyFailure;
    default:
        return Outcome::NetworkFailure;
    }
}
