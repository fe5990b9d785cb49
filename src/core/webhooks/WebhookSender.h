#pragma once

#include "outbox/DeliveryResult.h"
#include "webhooks/NetworkOptions.h"
#include "webhooks/PayloadBuilder.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

struct DeliveryRequest
{
    QUrl url;
    Payload payload;
    HeaderList headers; // webhook-id, signatures, the administrator's custom headers
    int timeoutSeconds = 10;
    NetworkOptions network;
};

// One POST. Emits finished() exactly once, then deletes itself later. Its deadline runs from the moment it may use a
// connection, never while it waits for one.
class PendingDelivery : public QObject
{
    Q_OBJECT

public:
    void cancel();
    const DeliveryResult& result() const { return m_result; }
    bool isFinished() const { return m_finished; }
    // True once the request may have reached the receiver; false while it waits for a connection or a lookup.
    bool mayHaveBeenSent() const { return m_wasPosted; }

signals:
    void finished(const DeliveryResult& result);

private:
    friend class WebhookSender;
    PendingDelivery(const DeliveryRequest& request, QObject* parent);
    void startDeadline();
    void attach(QNetworkReply* reply, const QHostAddress& address);
    void finish(DeliveryResult result);
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    // What the finished reply says, for DeliveryResult::fromReply.
    DeliveryResult::Reply replyState(const QNetworkReply& reply) const;
    bool headersTooLarge() const;

    DeliveryRequest m_request;
    QString m_hostKey; // scheme, host and port: the connection pool this request uses
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_elapsed;
    QTimer m_deadline;
    QString m_host;
    QString m_proxy; // "host:port" when the request goes through a proxy
    QList<QHostAddress> m_addresses; // checked by the host policy, tried in order while connections are refused
    QHostAddress m_address;
    DeliveryResult::ProxySource m_proxySource = DeliveryResult::ProxySource::None;
    int m_timeoutSeconds;
    QByteArray m_body;
    bool m_truncated = false;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_finished = false;
    bool m_started = false;
    bool m_wasPosted = false;
    bool m_headersTooLarge = false;
    QList<QSslError::SslError> m_tlsErrors; // without duplicates
    DeliveryResult m_result;
};

// Posts webhook requests asynchronously: a deadline, no redirects followed, no automatic authentication or re-send,
// response headers and bodies capped. At most ConnectionsPerHost requests per host are handed to the manager at once
// (what its connection pool carries), so none waits inside Qt with its deadline running.
class WebhookSender : public QObject
{
    Q_OBJECT

public:
    static constexpr int ConnectionsPerHost = 6;

    explicit WebhookSender(QNetworkAccessManager* manager, QObject* parent = nullptr);

    PendingDelivery* send(const DeliveryRequest& request);
    QNetworkAccessManager* networkManager() const { return m_manager; }
    // Requests handed to the manager or resolving, not counting those waiting for a connection.
    int activeCount() const;

    static QByteArray userAgent();

private:
    friend class PendingDelivery;
    void applyProxy(const NetworkOptions& options);
    QNetworkProxy proxyFor(const QUrl& url) const;
    void start(PendingDelivery* pending);
    void resolve(PendingDelivery* pending);
    void post(PendingDelivery* pending);
    void release(PendingDelivery* pending);

    QNetworkAccessManager* m_manager;
    std::optional<QString> m_proxyApplied;
    QString m_certificatesPath;
    QList<QSslCertificate> m_certificates;
    QHash<QString, int> m_active;
    int m_activeTotal = 0; // the sum of m_active: asked before every request
    QHash<QString, QList<QPointer<PendingDelivery>>> m_waiting;
};
