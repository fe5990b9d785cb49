#include "webhooks/PayloadFormat.h"

#include "webhooks/WebhookUrl.h"

namespace {

bool hostIs(const QString& host, QLatin1String domain)
{
    return host == domain;
}

bool hostUnder(const QString& host, QLatin1String domain)
{
    return host.endsWith(QLatin1Char('.') + domain) && host.size() > domain.size() + 1;
}

} // namespace

QList<PayloadFormat::Format> PayloadFormat::all()
{
    return { Auto, Discord, Slack, GoogleChat, Teams, Json, PlainText };
}

QString PayloadFormat::key(Format format)
{
    switch (format) {
    case Auto:
        return QStringLiteral("auto");
    case Discord:
        return QStringLiteral("discord");
    case Slack:
        return QStringLiteral("slack");
    case GoogleChat:
        return QStringLiteral("google-chat");
    case Teams:
        return QStringLiteral("teams");
    case Json:
        return QStringLiteral("json");
    case PlainText:
        return QStringLiteral("text");
    }
    return QStringLiteral("auto");
}

std::optional<PayloadFormat::Format> PayloadFormat::fromKey(const QString& key)
{
    for (const auto format : all()) {
        if (PayloadFormat::key(format) == key) {
            return format;
        }
    }
    return std::nullopt;
}

QString PayloadFormat::displayName(Format format)
{
    switch (format) {
    case Auto:
        return tr("Auto");
    case Discord:
        return tr("Discord");
    case Slack:
        return tr("Slack");
    case GoogleChat:
        return tr("Google Chat");
    case Teams:
        return tr("Microsoft Teams");
    case Json:
        return tr("JSON");
    case PlainText:
        return tr("Plain text");
    }
    return {};
}

PayloadFormat::Format PayloadFormat::detect(const QUrl& url)
{
    const auto host = url.host().toLower();
    const auto path = url.path();
    const bool discordHost = hostIs(host, QLatin1String("discord.com")) || hostIs(host, QLatin1String("discordapp.com"))
        || hostUnder(host, QLatin1String("discord.com")) || hostUnder(host, QLatin1String("discordapp.com"));
    if (discordHost && path.startsWith(QLatin1String("/api/webhooks/"))) {
        return Discord;
    }
    if (hostIs(host, QLatin1String("hooks.slack.com"))) {
        return Slack;
    }
    if (hostIs(host, QLatin1String("chat.googleapis.com"))) {
        return GoogleChat;
    }
    if (hostUnder(host, QLatin1String("logic.azure.com")) || hostUnder(host, QLatin1String("powerplatform.com"))
        || hostUnder(host, QLatin1String("webhook.office.com"))) {
        return Teams;
    }
    return Json;
}

PayloadFormat::Shape PayloadFormat::resolve(Format chosen, const QUrl& url)
{
    const auto format = chosen == Auto ? detect(url) : chosen;
    switch (format) {
    case Discord:
        return Shape::Discord;
    case Slack:
        return Shape::Slack;
    case GoogleChat:
        return Shape::GoogleChat;
    case Teams:
        return hostUnder(url.host().toLower(), QLatin1String("webhook.office.com")) ? Shape::TeamsConnector
                                                                                    : Shape::TeamsWorkflow;
    case PlainText:
        return Shape::PlainText;
    case Auto:
    case Json:
        break;
    }
    return Shape::Json;
}

bool PayloadFormat::digestsByDefault(Shape shape)
{
    return shape != Shape::Json && shape != Shape::PlainText;
}

namespace {

struct ShapeName
{
    PayloadFormat::Shape shape;
    const char* key;
};

constexpr ShapeName ShapeNames[] = {
    { PayloadFormat::Shape::Discord, "discord" },
    { PayloadFormat::Shape::Slack, "slack" },
    { PayloadFormat::Shape::GoogleChat, "google-chat" },
    { PayloadFormat::Shape::TeamsWorkflow, "teams-workflow" },
    { PayloadFormat::Shape::TeamsConnector, "teams-connector" },
    { PayloadFormat::Shape::Json, "json" },
    { PayloadFormat::Shape::PlainText, "text" },
};

} // namespace

QString PayloadFormat::shapeKey(Shape shape)
{
    for (const auto& name : ShapeNames) {
        if (name.shape == shape) {
            return QString::fromLatin1(name.key);
        }
    }
    return {};
}

std::optional<PayloadFormat::Shape> PayloadFormat::shapeFromKey(const QString& key)
{
    for (const auto& name : ShapeNames) {
        if (key == QLatin1String(name.key)) {
            return name.shape;
        }
    }
    return std::nullopt;
}

QString PayloadFormat::autoHint(Format chosen, const QString& url)
{
    if (chosen != Auto) {
        return {};
    }
    const auto check = WebhookUrl::validate(url);
    if (!check.isValid()) {
        return tr("Auto chooses the format from the URL's host.");
    }
    //: %1 is a payload format, such as Discord or JSON.
    return tr("Auto uses the %1 format for this URL.").arg(displayName(detect(check.url)));
}
