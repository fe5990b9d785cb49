#pragma once

#include "DeliveryResult.h"
#include "NetworkOptions.h"
#include "PayloadBuilder.h"

#include <QElapsedTimer>
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

// One POST in flight. Emits finished() exactly once, then deletes itself later.
class PendingDelivery : public QObject
{
    Q_OBJECT

public:
    void cancel();
    const DeliveryResult& result() const { return m_result; }
    bool isFinished() const { return m_finished; }

signals:
    void finished(const DeliveryResult& result);

private:
    friend class WebhookSender;
    PendingDelivery(const DeliveryRequest& request, QObject* parent);
    void attach(QNetworkReply* reply);
    void finish(DeliveryResult result);
    void onReadyRead();
    void onFinished();

    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_elapsed;
    QTimer m_deadline;
    QString m_host;
    QString m_proxy; // "host:port" when the request goes through a proxy
    DeliveryResult::ProxySource m_proxySource = DeliveryResult::ProxySource::None;
    int m_timeoutSeconds;
    QByteArray m_body;
    bool m_truncated = false;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_finished = false;
    QStringList m_tlsErrors;
    DeliveryResult m_result;
};

// Posts webhook requests asynchronously: a deadline, no redirects followed, response bodies capped.
class WebhookSender : public QObject
{
    Q_OBJECT

public:
    explicit WebhookSender(QNetworkAccessManager* manager, QObject* parent = nullptr);

    PendingDelivery* send(const DeliveryRequest& request);
    QNetworkAccessManager* networkManager() const { return m_manager; }

    static QByteArray userAgent();

private:
    void applyProxy(const NetworkOptions& options);
    void post(PendingDelivery* pending, const DeliveryRequest& request);

    QNetworkAccessManager* m_manager;
    std::optional<QString> m_proxyApplied;
    QString m_certificatesPath;
    QList<QSslCertificate> m_certificates;
};
