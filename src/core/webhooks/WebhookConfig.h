#pragma once

#include "outbox/DeliveryResult.h"
#include "outbox/Notification.h"
#include "webhooks/PayloadFormat.h"
#include "webhooks/WebhookSender.h"
#include "webhooks/WebhookUrl.h"

#include <QCoreApplication>
#include <QDateTime>

struct Endpoint;

// A snapshot of everything that shapes a request to one endpoint: the endpoint's own settings and the global network
// options.
struct WebhookConfig
{
    Q_DECLARE_TR_FUNCTIONS(WebhookConfig)

public:
    qint64 endpointId = -1;
    QString url;
    PayloadFormat::Format format = PayloadFormat::Auto;
    int timeoutSeconds = 10;
    QString signingSecret;
    QString previousSigningSecret;
    QDateTime previousSecretExpiresAt;
    HeaderList customHeaders;
    NetworkOptions network;

    static WebhookConfig forEndpoint(const Endpoint& endpoint, const NetworkOptions& network);
    static HeaderList parseHeaders(const QString& json);
    static QString serializeHeaders(const HeaderList& headers);

    bool isSigning() const { return !signingSecret.isEmpty(); }
    PayloadFormat::Shape shape(const QUrl& target) const { return PayloadFormat::resolve(format, target); }

    // The full request for a notification, signed when a secret is set. Test notifications to Discord ask it to
    // wait, so that a 200 means the message was stored.
    DeliveryRequest request(const Notification& notification, const QUrl& target,
                            const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    // The same around a body already rendered (the outbox stores it ready to send): only what must be fresh or must
    // not be stored is added now, the custom headers, webhook-id, webhook-timestamp and the signature.
    DeliveryRequest request(const QString& notificationId, Event event, Payload payload, const QUrl& target,
                            const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

    // Request headers as history and the CLI show them: secrets replaced.
    static QString describeHeaders(const HeaderList& headers, const QByteArray& contentType);
    static QByteArray maskValue(const QByteArray& name, const QByteArray& value);

    // Servers commonly refuse header lines beyond 8 KiB.
    static constexpr qsizetype MaximumHeaderValueLength = 8 * 1024;

    // Why a custom header cannot be sent (translated), or empty: the name must be an RFC 9110 token that neither
    // Crochet nor the connection sets (hop-by-hop, framing, Host), the value visible ASCII with inner spaces or tabs.
    static QString headerProblem(const QString& name, const QString& value);
};
