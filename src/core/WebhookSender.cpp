#include "WebhookSender.h"

#include "Log.h"
#include "Version.h"

#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>

namespace {

QString describeTls(const QList<QSslError>& errors)
{
    QStringList parts;
    for (const auto& error : errors) {
        switch (error.error()) {
        case QSslError::CertificateExpired:
            parts << DeliveryResult::tr("the certificate has expired");
            break;
        case QSslError::CertificateNotYetValid:
            parts << DeliveryResult::tr("the certificate is not valid yet");
            break;
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
            parts << DeliveryResult::tr("the certificate is self-signed (trust its CA in the network settings)");
            break;
        case QSslError::HostNameMismatch:
            parts << DeliveryResult::tr("the certificate is for another host name");
            break;
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
            parts << DeliveryResult::tr("the certificate's issuer is not trusted (add its CA in the network settings)");
            break;
        default:
            parts << error.errorString();
            break;
        }
    }
    parts.removeDuplicates();
    return parts.join(QStringLiteral("; "));
}

} // namespace

WebhookSender::WebhookSender(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
}

QByteArray WebhookSender::userAgent()
{
    return QByteArrayLiteral("Crochet/" CROCHET_VERSION);
}

void WebhookSender::applyProxy(const NetworkOptions& options)
{
    if (m_proxyApplied == options.proxyUrl) {
        return;
    }
    m_proxyApplied = options.proxyUrl;
    if (const auto proxy = EnvironmentProxyFactory::proxyFromUrl(options.proxyUrl)) {
        m_manager->setProxyFactory(nullptr);
        m_manager->setProxy(*proxy);
    } else {
        m_manager->setProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
        m_manager->setProxyFactory(new EnvironmentProxyFactory);
    }
}

PendingDelivery* WebhookSender::send(const DeliveryRequest& request)
{
    applyProxy(request.network);
    auto* pending = new PendingDelivery(request, this);
    // The proxy the manager will use, as applyProxy() configured it, to blame it when the connection fails.
    auto* factory = m_manager->proxyFactory();
    const auto proxy = factory ? factory->queryProxy(QNetworkProxyQuery(request.url)).value(0) : m_manager->proxy();
    if (proxy.type() != QNetworkProxy::NoProxy && proxy.type() != QNetworkProxy::DefaultProxy) {
        pending->m_proxy = QStringLiteral("%1:%2").arg(proxy.hostName()).arg(proxy.port());
        // applyProxy() installs the environment's factory unless the Network settings name a proxy.
        pending->m_proxySource =
            factory ? DeliveryResult::ProxySource::Environment : DeliveryResult::ProxySource::Settings;
    }
    if (request.network.hostPolicy == NetworkOptions::HostPolicy::Any) {
        post(pending, request);
        return pending;
    }
    // The policy judges the addresses the name resolves to, so a name pointing at 127.0.0.1 is not "public".
    const QPointer<PendingDelivery> guard(pending);
    QHostInfo::lookupHost(request.url.host(), pending, [this, guard, request](const QHostInfo& info) {
        if (!guard || guard->isFinished()) {
            return;
        }
        const auto reason = request.network.checkHost(request.url.host(), info.addresses());
        if (!reason.isEmpty()) {
            DeliveryResult blocked;
            blocked.outcome = DeliveryResult::Outcome::Blocked;
            blocked.host = request.url.host();
            blocked.detail = reason;
            guard->finish(blocked);
            return;
        }
        post(guard, request);
    });
    return pending;
}

void WebhookSender::post(PendingDelivery* pending, const DeliveryRequest& request)
{
    QNetworkRequest networkRequest(request.url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, request.payload.contentType);
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    for (const auto& [name, value] : request.headers) {
        networkRequest.setRawHeader(name, value);
    }
    if (!request.network.caCertificateFile.isEmpty()) {
        if (m_certificatesPath != request.network.caCertificateFile) {
            m_certificatesPath = request.network.caCertificateFile;
            m_certificates = request.network.extraCertificates();
        }
        auto tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_certificates);
        networkRequest.setSslConfiguration(tls);
    }
    pending->attach(m_manager->post(networkRequest, request.payload.body));
}

PendingDelivery::PendingDelivery(const DeliveryRequest& request, QObject* parent)
    : QObject(parent)
    , m_host(request.url.host())
    , m_timeoutSeconds(request.timeoutSeconds)
{
    m_elapsed.start();
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(std::chrono::seconds(qMax(1, request.timeoutSeconds)));
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply) {
            m_reply->abort();
        } else {
            DeliveryResult result;
            result.outcome = DeliveryResult::Outcome::Timeout;
            result.host = m_host;
            result.timeoutSeconds = m_timeoutSeconds;
            result.durationMs = m_elapsed.elapsed();
            finish(result);
        }
    });
    m_deadline.start();
}

void PendingDelivery::attach(QNetworkReply* reply)
{
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &PendingDelivery::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &PendingDelivery::onFinished);
    connect(reply, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError>& errors) { m_tlsErrors << describeTls(errors); });
}

void PendingDelivery::cancel()
{
    m_cancelled = true;
    if (m_reply) {
        m_reply->abort();
    } else if (!m_finished) {
        DeliveryResult result;
        result.outcome = DeliveryResult::Outcome::Cancelled;
        result.host = m_host;
        finish(result);
    }
}

void PendingDelivery::onReadyRead()
{
    if (!m_reply || !m_reply->isOpen()) {
        return;
    }
    // Read everything so the connection drains, keep only the first MaxResponseBody bytes.
    const auto chunk = m_reply->readAll();
    const auto room = DeliveryResult::MaxResponseBody - m_body.size();
    if (chunk.size() > room) {
        m_truncated = true;
    }
    if (room > 0) {
        m_body.append(chunk.left(room));
    }
    // The status is known: stop reading a body this large rather than wait for all of it.
    if (m_truncated && m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()) {
        m_reply->abort();
    }
}

void PendingDelivery::onFinished()
{
    m_deadline.stop();
    auto* reply = m_reply.data();
    if (!reply) {
        return;
    }
    onReadyRead();
    DeliveryResult result;
    const auto status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto error = reply->error();
    if (m_cancelled) {
        result.outcome = DeliveryResult::Outcome::Cancelled;
    } else if (m_timedOut) {
        result.outcome = DeliveryResult::Outcome::Timeout;
    } else if (status > 0
               && (error == QNetworkReply::NoError || error >= QNetworkReply::ContentAccessDenied || m_truncated)) {
        result = DeliveryResult::fromHttpStatus(status);
        if (result.outcome == DeliveryResult::Outcome::Redirected) {
            result.detail = QString::fromUtf8(reply->rawHeader("Location"));
        }
        if (status == 429 || status == 503) {
            result.retryAfter =
                DeliveryResult::parseRetryAfter(reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
        }
    } else if (!m_proxy.isEmpty()
               && (error == QNetworkReply::ConnectionRefusedError || error == QNetworkReply::HostNotFoundError
                   || error == QNetworkReply::RemoteHostClosedError)) {
        // Through a proxy, the connection that failed is the proxy's.
        result.outcome = DeliveryResult::Outcome::ProxyFailure;
        result.detail = reply->errorString();
    } else {
        switch (error) {
        case QNetworkReply::HostNotFoundError:
            result.outcome = DeliveryResult::Outcome::HostNotFound;
            break;
        case QNetworkReply::ConnectionRefusedError:
            result.outcome = DeliveryResult::Outcome::ConnectionRefused;
            break;
        case QNetworkReply::RemoteHostClosedError:
            result.outcome = DeliveryResult::Outcome::ConnectionClosed;
            break;
        case QNetworkReply::TimeoutError:
            result.outcome = DeliveryResult::Outcome::Timeout;
            break;
        case QNetworkReply::SslHandshakeFailedError:
            result.outcome = DeliveryResult::Outcome::TlsFailure;
            result.detail = m_tlsErrors.isEmpty() ? reply->errorString() : m_tlsErrors.join(QStringLiteral("; "));
            break;
        case QNetworkReply::ProxyConnectionRefusedError:
        case QNetworkReply::ProxyConnectionClosedError:
        case QNetworkReply::ProxyNotFoundError:
        case QNetworkReply::ProxyTimeoutError:
        case QNetworkReply::ProxyAuthenticationRequiredError:
        case QNetworkReply::UnknownProxyError:
            result.outcome = DeliveryResult::Outcome::ProxyFailure;
            result.detail = reply->errorString();
            break;
        default:
            result.outcome = DeliveryResult::Outcome::NetworkFailure;
            result.detail = reply->errorString();
            break;
        }
    }
    result.httpStatus = status;
    result.host = m_host;
    if (result.outcome == DeliveryResult::Outcome::ProxyFailure) {
        result.proxy = m_proxy;
        result.proxySource = m_proxySource;
    }
    result.timeoutSeconds = m_timeoutSeconds;
    result.durationMs = m_elapsed.elapsed();
    for (const auto& pair : reply->rawHeaderPairs()) {
        result.responseHeaders.append(pair);
    }
    result.responseBody = m_body;
    result.responseTruncated = m_truncated;
    reply->deleteLater();
    finish(std::move(result));
}

void PendingDelivery::finish(DeliveryResult result)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_deadline.stop();
    m_result = std::move(result);
    qCDebug(lcDelivery) << "attempt to" << m_host << "finished:" << DeliveryResult::outcomeKey(m_result.outcome)
                        << m_result.httpStatus << m_result.durationMs << "ms";
    emit finished(m_result);
    deleteLater();
}
