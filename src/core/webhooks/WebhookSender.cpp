#include "webhooks/WebhookSender.h"

#include "Log.h"
#include "Version.h"

#include <QAuthenticator>
#include <QHostInfo>
#include <QIODevice>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>

namespace {

// The request body, readable once: Qt cannot rewind it, so it can never send the same POST again on its own (on a
// closed kept-alive connection, an unparsable answer or an authentication challenge); it fails the reply instead.
class OneShotBody : public QIODevice
{
public:
    OneShotBody(QByteArray data, QObject* parent)
        : QIODevice(parent)
        , m_data(std::move(data))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_data.size() - m_read + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char* data, qint64 maxSize) override
    {
        const auto count = qMin<qint64>(maxSize, m_data.size() - m_read);
        if (count <= 0) {
            return m_read >= m_data.size() ? -1 : 0;
        }
        memcpy(data, m_data.constData() + m_read, static_cast<size_t>(count));
        m_read += count;
        return count;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_read = 0;
};

QString poolKey(const QUrl& url)
{
    return url.scheme() + QStringLiteral("://") + url.host() + QLatin1Char(':')
        + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

} // namespace

WebhookSender::WebhookSender(QNetworkAccessManager* manager, QObject* parent)
    : QObject(parent)
    , m_manager(manager)
{
    // Never answer a challenge: credentials go in headers the administrator sets, and every request is recorded.
    connect(m_manager, &QNetworkAccessManager::authenticationRequired, this, [](QNetworkReply*, QAuthenticator*) {});
}

QByteArray WebhookSender::userAgent()
{
    return QByteArrayLiteral("Crochet/" CROCHET_VERSION);
}

int WebhookSender::activeCount() const
{
    return m_activeTotal;
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

QNetworkProxy WebhookSender::proxyFor(const QUrl& url) const
{
    // The proxy the manager will use, as applyProxy() configured it.
    auto* factory = m_manager->proxyFactory();
    return factory ? factory->queryProxy(QNetworkProxyQuery(url)).value(0) : m_manager->proxy();
}

PendingDelivery* WebhookSender::send(const DeliveryRequest& request)
{
    applyProxy(request.network);
    auto* pending = new PendingDelivery(request, this);
    // User info in the URL would be offered to any authentication challenge: it is never sent.
    pending->m_request.url.setUserInfo({});
    const auto proxy = proxyFor(request.url);
    if (proxy.type() != QNetworkProxy::NoProxy && proxy.type() != QNetworkProxy::DefaultProxy) {
        pending->m_proxy = QStringLiteral("%1:%2").arg(proxy.hostName()).arg(proxy.port());
        // applyProxy() installs the environment's factory unless the Network settings name a proxy.
        pending->m_proxySource = m_manager->proxyFactory() ? DeliveryResult::ProxySource::Environment
                                                           : DeliveryResult::ProxySource::Settings;
    }
    pending->m_hostKey = poolKey(request.url);
    connect(pending, &PendingDelivery::finished, this, [this, pending] { release(pending); });
    if (m_active.value(pending->m_hostKey) < ConnectionsPerHost) {
        start(pending);
    } else {
        m_waiting[pending->m_hostKey].append(pending);
    }
    return pending;
}

void WebhookSender::start(PendingDelivery* pending)
{
    pending->m_started = true;
    ++m_active[pending->m_hostKey];
    ++m_activeTotal;
    pending->startDeadline();
    if (pending->m_request.network.hostPolicy == NetworkOptions::HostPolicy::Any) {
        post(pending);
    } else {
        resolve(pending);
    }
}

void WebhookSender::release(PendingDelivery* pending)
{
    const auto key = pending->m_hostKey;
    if (pending->m_started) {
        pending->m_started = false;
        --m_active[key];
        --m_activeTotal;
    }
    auto& waiting = m_waiting[key];
    while (m_active.value(key) < ConnectionsPerHost && !waiting.isEmpty()) {
        const auto next = waiting.takeFirst();
        if (next && !next->isFinished()) {
            start(next);
        }
    }
    if (waiting.isEmpty()) {
        m_waiting.remove(key);
    }
}

void WebhookSender::resolve(PendingDelivery* pending)
{
    // The policy judges the addresses the name resolves to, so a name pointing at 127.0.0.1 is not "public"; the
    // request then goes to an address that was judged, never to a second resolution.
    const QPointer<PendingDelivery> guard(pending);
    const auto host = pending->m_request.url.host();
    QHostInfo::lookupHost(host, pending, [this, guard, host](const QHostInfo& info) {
        if (!guard || guard->isFinished()) {
            return;
        }
        const auto refusal = guard->m_request.network.refusal(host, info.addresses());
        if (refusal.isRefused() || info.addresses().isEmpty()) {
            DeliveryResult failed;
            failed.outcome =
                refusal.isRefused() ? DeliveryResult::Outcome::Blocked : DeliveryResult::Outcome::HostNotFound;
            failed.host = host;
            failed.refusal = refusal;
            failed.durationMs = guard->m_elapsed.elapsed();
            guard->finish(failed);
            return;
        }
        guard->m_addresses = info.addresses();
        post(guard);
    });
}

void WebhookSender::post(PendingDelivery* pending)
{
    const auto& request = pending->m_request;
    QUrl url = request.url;
    QNetworkRequest networkRequest;
    QHostAddress address;
    if (!pending->m_addresses.isEmpty()) {
        address = pending->m_addresses.takeFirst();
        auto direct = url;
        direct.setHost(address.toString());
        // Through a proxy, the proxy connects; directly, to the judged address, still verifying the certificate
        // against the name and telling the receiver which host was asked for.
        if (direct.isValid() && proxyFor(url).type() == QNetworkProxy::NoProxy
            && proxyFor(direct).type() == QNetworkProxy::NoProxy) {
            networkRequest.setRawHeader("Host",
                                        url.adjusted(QUrl::RemoveScheme | QUrl::RemoveUserInfo | QUrl::RemovePath
                                                     | QUrl::RemoveQuery | QUrl::RemoveFragment)
                                            .toEncoded()
                                            .mid(2));
            networkRequest.setPeerVerifyName(url.host());
            url = direct;
        } else {
            address.clear();
        }
    }
    networkRequest.setUrl(url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, request.payload.contentType);
    networkRequest.setHeader(QNetworkRequest::ContentLengthHeader, request.payload.body.size());
    networkRequest.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    for (const auto& [name, value] : request.headers) {
        networkRequest.setRawHeader(name, value);
    }
    // A forward proxy asking for its credentials would make Qt send the request again: give them at once. Only for
    // http targets: an https request goes through a tunnel, where this header would reach the receiver.
    if (const auto proxy = proxyFor(url);
        proxy.type() == QNetworkProxy::HttpProxy && url.scheme() == QLatin1String("http") && !proxy.user().isEmpty()) {
        networkRequest.setRawHeader(
            "Proxy-Authorization", "Basic " + (proxy.user() + QLatin1Char(':') + proxy.password()).toUtf8().toBase64());
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
    auto* body = new OneShotBody(request.payload.body, nullptr);
    auto* reply = m_manager->post(networkRequest, body);
    body->setParent(reply);
    pending->attach(reply, address);
}

PendingDelivery::PendingDelivery(const DeliveryRequest& request, QObject* parent)
    : QObject(parent)
    , m_request(request)
    , m_host(request.url.host())
    , m_timeoutSeconds(request.timeoutSeconds)
{
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
}

void PendingDelivery::startDeadline()
{
    m_elapsed.start();
    m_deadline.start();
}

void PendingDelivery::attach(QNetworkReply* reply, const QHostAddress& address)
{
    m_reply = reply;
    m_address = address;
    m_wasPosted = true;
    connect(reply, &QNetworkReply::metaDataChanged, this, &PendingDelivery::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &PendingDelivery::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &PendingDelivery::onFinished);
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const auto& error : errors) {
            if (!m_tlsErrors.contains(error.error())) {
                m_tlsErrors << error.error();
            }
        }
    });
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

bool PendingDelivery::headersTooLarge() const
{
    if (!m_reply) {
        return false;
    }
    // Qt reads the whole header block before it shows any of it; what it shows is checked before anything is kept.
    qsizetype size = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray().size() + 16;
    const auto& pairs = m_reply->rawHeaderPairs();
    for (const auto& [name, value] : pairs) {
        size += name.size() + value.size() + 4;
    }
    return size > DeliveryResult::MaxResponseHeaders;
}

void PendingDelivery::onMetaDataChanged()
{
    if (m_reply && !m_headersTooLarge && headersTooLarge()) {
        m_headersTooLarge = true;
        m_reply->abort();
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

DeliveryResult::Reply PendingDelivery::replyState(const QNetworkReply& reply) const
{
    DeliveryResult::Reply state;
    state.httpStatus = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    state.error = reply.error();
    state.errorText = reply.errorString();
    state.location = reply.rawHeader("Location");
    state.retryAfter = reply.rawHeader("Retry-After");
    state.tlsErrors = m_tlsErrors;
    state.cancelled = m_cancelled;
    state.timedOut = m_timedOut;
    state.headersTooLarge = m_headersTooLarge;
    state.bodyTruncated = m_truncated;
    state.throughProxy = !m_proxy.isEmpty();
    return state;
}

void PendingDelivery::onFinished()
{
    m_deadline.stop();
    auto* reply = m_reply.data();
    if (!reply) {
        return;
    }
    if (reply->error() == QNetworkReply::ConnectionRefusedError && !m_cancelled && !m_timedOut
        && !m_addresses.isEmpty()) {
        // Nothing reached this address: the next judged one gets the same request.
        reply->deleteLater();
        m_reply.clear();
        static_cast<WebhookSender*>(parent())->post(this);
        return;
    }
    m_headersTooLarge = m_headersTooLarge || headersTooLarge();
    if (!m_headersTooLarge) {
        onReadyRead();
    }
    auto result = DeliveryResult::fromReply(replyState(*reply));
    result.host = m_host;
    if (result.outcome == DeliveryResult::Outcome::ProxyFailure) {
        result.proxy = m_proxy;
        result.proxySource = m_proxySource;
    }
    result.timeoutSeconds = m_timeoutSeconds;
    result.durationMs = m_elapsed.elapsed();
    result.remoteAddress = m_address.toString();
    if (!m_headersTooLarge) {
        for (const auto& pair : reply->rawHeaderPairs()) {
            result.responseHeaders.append(pair);
        }
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
