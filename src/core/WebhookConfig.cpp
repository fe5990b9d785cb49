#include "WebhookConfig.h"

#include "PayloadBuilder.h"
#include "Settings.h"
#include "Signature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

WebhookConfig WebhookConfig::load(const Settings& settings)
{
    WebhookConfig config;
    config.url = WebhookUrl::effective(settings);
    config.format = PayloadFormat::fromKey(settings.string(Settings::Key::PayloadFormat)).value_or(PayloadFormat::Auto);
    config.timeoutSeconds = qBound(1, settings.integer(Settings::Key::TimeoutSeconds), 300);
    config.signingSecret = settings.string(Settings::Key::SigningSecret);
    config.previousSigningSecret = settings.string(Settings::Key::PreviousSigningSecret);
    config.previousSecretExpiresAt =
        QDateTime::fromString(settings.string(Settings::Key::PreviousSecretExpiresAt), Qt::ISODate);
    config.customHeaders = parseHeaders(settings.string(Settings::Key::CustomHeaders));
    config.network = NetworkOptions::load(settings);
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
    DeliveryRequest request;
    request.url = target;
    const auto resolved = shape(target);
    if (resolved == PayloadFormat::Shape::Discord && notification.event == QLatin1String(Notification::WebhookTest)) {
        QUrlQuery query(request.url);
        query.removeAllQueryItems(QStringLiteral("wait"));
        query.addQueryItem(QStringLiteral("wait"), QStringLiteral("true"));
        request.url.setQuery(query);
    }
    request.payload = PayloadBuilder::build(notification, resolved);
    request.timeoutSeconds = timeoutSeconds;
    request.network = network;
    for (const auto& header : customHeaders) {
        request.headers.append(header);
    }
    const auto timestamp = now.toSecsSinceEpoch();
    request.headers.append({ QByteArrayLiteral("webhook-id"), notification.id.toUtf8() });
    request.headers.append({ QByteArrayLiteral("webhook-timestamp"), QByteArray::number(timestamp) });
    if (isSigning()) {
        auto signature = Signature::sign(signingSecret, notification.id, timestamp, request.payload.body);
        if (!previousSigningSecret.isEmpty() && previousSecretExpiresAt.isValid() && now < previousSecretExpiresAt) {
            signature += ' ' + Signature::sign(previousSigningSecret, notification.id, timestamp, request.payload.body);
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
        return tr("\"%1\" is not a valid header name: use letters, digits and !#$%&'*+-.^_`|~ only.").arg(name);
    }
    static const QStringList reserved = {
        QStringLiteral("content-type"), QStringLiteral("content-length"),    QStringLiteral("user-agent"),
        QStringLiteral("host"),         QStringLiteral("connection"),        QStringLiteral("transfer-encoding"),
        QStringLiteral("webhook-id"),   QStringLiteral("webhook-timestamp"), QStringLiteral("webhook-signature"),
    };
    if (reserved.contains(name.toLower())) {
        return tr("Crochet sets the %1 header itself; it cannot be replaced.").arg(name);
    }
    if (value.contains(QLatin1Char('\r')) || value.contains(QLatin1Char('\n')) || value.contains(QChar(0))) {
        return tr("A header value must not contain line breaks.");
    }
    return {};
}
