#include "outbox/DeliveryHold.h"

#include "storage/Settings.h"
#include "text/TimeFormat.h"
#include "webhooks/WebhookUrl.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QString UrlHashField = QStringLiteral("url_sha256");
const QString MaskedUrlField = QStringLiteral("masked_url");
const QString AtField = QStringLiteral("at");

// The URL may hold a token: only its hash is kept to recognise it.
QString urlHash(const QString& url)
{
    return QString::fromLatin1(QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QJsonObject goneRecord(const Settings& settings)
{
    return QJsonDocument::fromJson(settings.string(Settings::Key::GoneWebhook).toUtf8()).object();
}

} // namespace

std::optional<DeliveryHold> DeliveryHold::current(const Settings& settings)
{
    const auto url = WebhookUrl::effective(settings);
    if (url.source == WebhookUrl::Source::None) {
        return DeliveryHold { Reason::NoWebhook, {}, {} };
    }
    const auto record = goneRecord(settings);
    if (record.value(UrlHashField).toString() != urlHash(url.url)) {
        return std::nullopt;
    }
    return DeliveryHold { Reason::WebhookGone, WebhookUrl::mask(url.url),
                          QDateTime::fromString(record.value(AtField).toString(), Qt::ISODateWithMs) };
}

bool DeliveryHold::isGone(const Settings& settings, const QString& url)
{
    return !url.isEmpty() && goneRecord(settings).value(UrlHashField).toString() == urlHash(url);
}

bool DeliveryHold::markGone(Settings& settings, const QString& url, const QDateTime& at)
{
    const QJsonObject record {
        { UrlHashField, urlHash(url) },
        { MaskedUrlField, WebhookUrl::mask(url) },
        { AtField, at.toUTC().toString(Qt::ISODateWithMs) },
    };
    return settings.set(Settings::Key::GoneWebhook,
                        QString::fromUtf8(QJsonDocument(record).toJson(QJsonDocument::Compact)));
}

bool DeliveryHold::clearGone(Settings& settings, const QString& url)
{
    return !isGone(settings, url) || settings.reset(Settings::Key::GoneWebhook);
}

QString DeliveryHold::message() const
{
    switch (reason) {
    case Reason::NoWebhook:
        return tr("Waiting: no webhook URL is configured. Set one in Settings → General (or with \"crochet-cli webhook "
                  "set URL\"); the waiting notifications are then sent to it.");
    case Reason::WebhookGone:
        //: %1 is the masked webhook URL, %2 when the service answered 410.
        return tr("Waiting: the webhook %1 was deleted on the service (it answered HTTP 410 Gone on %2), so Crochet "
                  "sends nothing more to it. Set the URL of a new webhook in Settings → General (or with "
                  "\"crochet-cli webhook set URL\"); the waiting notifications are then sent to it.")
            .arg(maskedUrl, TimeFormat::dateTime(since));
    }
    return {};
}
