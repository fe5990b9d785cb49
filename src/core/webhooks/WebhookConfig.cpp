#include "webhooks/WebhookConfig.h"

#include "text/InputEcho.h"
#include "webhooks/Endpoint.h"
#include "webhooks/PayloadBuilder.h"
#include "webhooks/Signature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

WebhookConfig WebhookConfig::forEndpoint(const Endpoint& endpoint, const NetworkOptions& network)
{
    WebhookConfig config;
    config.endpointId = endpoint.id;
    config.url = endpoint.url; // stored trimmed; WEBHOOK_URL is checked as it is set
    config.format = endpoint.format;
    config.timeoutSeconds =
        qBound(Endpoint::MinimumTimeoutSeconds, endpoint.timeoutSeconds, Endpoint::MaximumTimeoutSeconds);
    config.signingSecret = endpoint.signingSecret;
    config.previousSigningSecret = endpoint.previousSigningSecret;
    config.previousSecretExpiresAt = endpoint.previousSecretExpiresAt;
    config.customHeaders = endpoint.headers;
    config.network = network;
    return config;
}

HeaderList WebhookConfig::parseHeaders(const QString& json)
{
    HeaderList headers;
    const auto array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto& item : array) {
        const auto object = item.toObject();
        const auto name = object.value(QStringLiteral("name")).toString().toLatin1();
        if (!name.isEmpty()) {
            headers.append({ name, object.value(QStringLiteral("value")).toString().toUtf8() });
        }
    }
    return headers;
}

QString WebhookConfig::serializeHeaders(const HeaderList& headers)
{
    QJsonArray array;
    for (const auto& [name, value] : headers) {
        array.append(QJsonObject { { QStringLiteral("name"), QString::fromLatin1(name) },
                                   { QStringLiteral("value"), QString::fromUtf8(value) } });
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

DeliveryRequest WebhookConfig::request(const Notification& notification, const QUrl& target, const QDateTime& now) const
{
    return request(notification.id, notification.event, PayloadBuilder::build(notification, shape(target)), target,
                   now);
}

DeliveryRequest WebhookConfig::request(const QString& notificationId, Event event, Payload payload, const QUrl& target,
                                       const QDateTime& now) const
{
    DeliveryRequest request;
    request.url = target;
    if (shape(target) == PayloadFormat::Shape::Discord && event == Event::WebhookTest) {
        QUrlQuery query(request.url);
        query.removeAllQueryItems(QStringLiteral("wait"));
        query.addQueryItem(QStringLiteral("wait"), QStringLiteral("true"));
        request.url.setQuery(query);
    }
    request.payload = std::move(payload);
    request.timeoutSeconds = timeoutSeconds;
    request.network = network;
    for (const auto& header : customHeaders) {
        request.headers.append(header);
    }
    const auto timestamp = now.toSecsSinceEpoch();
    request.headers.append({ QByteArrayLiteral("webhook-id"), notificationId.toUtf8() });
    request.headers.append({ QByteArrayLiteral("webhook-timestamp"), QByteArray::number(timestamp) });
    if (isSigning()) {
        auto signature = Signature::sign(signingSecret, notificationId, timestamp, request.payload.body);
        if (!previousSigningSecret.isEmpty() && previousSecretExpiresAt.isValid() && now < previousSecretExpiresAt) {
            signature += ' ' + Signature::sign(previousSigningSecret, notificationId, timestamp, request.payload.body);
        }
        request.headers.append({ QByteArrayLiteral("webhook-signature"), signature });
    }
    return request;
}

QByteArray WebhookConfig::maskValue(const QByteArray& name, const QByteArray& value)
{
    const auto lower = name.toLower();
    if (lower == "webhook-id" || lower == "webhook-timestamp" || lower == "content-type" || lower == "user-agent") {
        return value;
    }
    if (lower == "webhook-signature") {
        return QByteArrayLiteral("v1,••••");
    }
    return QByteArrayLiteral("••••");
}

QString WebhookConfig::describeHeaders(const HeaderList& headers, const QByteArray& contentType)
{
    QStringList lines;
    lines << QStringLiteral("Content-Type: ") + QString::fromLatin1(contentType);
    lines << QStringLiteral("User-Agent: ") + QString::fromLatin1(WebhookSender::userAgent());
    for (const auto& [name, value] : headers) {
        lines << QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(maskValue(name, value));
    }
    return lines.join(QLatin1Char('\n'));
}

QString WebhookConfig::headerProblem(const QString& name, const QString& value)
{
    static const QString punctuation = QStringLiteral("!#$%&'*+-.^_`|~");
    const bool token = !name.isEmpty() && std::all_of(name.begin(), name.end(), [](QChar ch) {
        return ch.unicode() < 128 && (ch.isLetterOrNumber() || punctuation.contains(ch));
    });
    if (!token) {
        return tr("\"%1\" is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only.")
            .arg(InputEcho::capped(name));
    }
    enum class Why
    {
        SetByCrochet,
        Connection,
        Framing,
        Host,
    };
    struct Reserved
    {
        const char* name;
        Why why;
    };
    static constexpr Reserved reserved[] = {
        { "content-type", Why::SetByCrochet },
        { "user-agent", Why::SetByCrochet },
        { "webhook-id", Why::SetByCrochet },
        { "webhook-timestamp", Why::SetByCrochet },
        { "webhook-signature", Why::SetByCrochet },
        { "accept-encoding", Why::SetByCrochet },
        { "connection", Why::Connection },
        { "keep-alive", Why::Connection },
        { "proxy-connection", Why::Connection },
        { "proxy-authorization", Why::Connection },
        { "proxy-authenticate", Why::Connection },
        { "te", Why::Connection },
        { "trailer", Why::Connection },
        { "upgrade", Why::Connection },
        { "http2-settings", Why::Connection },
        { "expect", Why::Connection },
        { "content-length", Why::Framing },
        { "transfer-encoding", Why::Framing },
        { "content-encoding", Why::Framing },
        { "host", Why::Host },
    };
    const auto lower = name.toLower();
    for (const auto& entry : reserved) {
        if (lower != QLatin1String(entry.name)) {
            continue;
        }
        switch (entry.why) {
        case Why::SetByCrochet:
            return tr("Crochet sets the %1 header itself; it cannot be replaced.").arg(name);
        case Why::Connection:
            return tr("%1 governs the connection itself, which Crochet and Qt manage; it cannot be set as a custom "
                      "header.")
                .arg(name);
        case Why::Framing:
            return tr("%1 describes how the body is sent, which Crochet sets from the payload; a custom value would "
                      "make the receiver misread the request.")
                .arg(name);
        case Why::Host:
            return tr("The Host header comes from the webhook URL; change the URL instead.");
        }
    }
    // RFC 9110 field values: visible ASCII, spaces and tabs inside. Other bytes (obs-text) are read differently by
    // each receiver, so they are refused too.
    for (const auto ch : value) {
        const auto code = ch.unicode();
        if (code == '\r' || code == '\n') {
            return tr("A header value must not contain line breaks.");
        }
        if ((code < 0x20 && code != '\t') || code == 0x7f) {
            return tr("A header value must not contain control characters (here U+%1).")
                .arg(QStringLiteral("%1").arg(code, 4, 16, QLatin1Char('0')).toUpper());
        }
        if (code > 0x7e) {
            return tr("A header value must be plain ASCII: encode other characters as the receiver expects (for "
                      "example percent-encoding or Base64).");
        }
    }
    if (value.startsWith(QLatin1Char(' ')) || value.startsWith(QLatin1Char('\t')) || value.endsWith(QLatin1Char(' '))
        || value.endsWith(QLatin1Char('\t'))) {
        return tr("A header value must not begin or end with a space or a tab: receivers would drop them.");
    }
    if (value.size() > MaximumHeaderValueLength) {
        return tr("A header value must not exceed %1 characters.").arg(MaximumHeaderValueLength);
    }
    return {};
}
