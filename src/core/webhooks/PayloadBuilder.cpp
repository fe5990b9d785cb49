#include "webhooks/PayloadBuilder.h"

#include "text/SafeText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

const QByteArray JsonType = QByteArrayLiteral("application/json");

QByteArray toJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Account data as sent: text-direction, invisible and control characters shown as escapes (\u202e), so that a name
// can neither reorder nor hide the text of a message, whatever the receiver renders.
UserRecord sentUser(const UserRecord& user)
{
    auto sent = user;
    sent.name = SafeText::printable(user.name);
    sent.email = SafeText::printable(user.email);
    return sent;
}

QList<QPair<QString, QString>> facts(const Notification& notification)
{
    QList<QPair<QString, QString>> list;
    if (notification.user) {
        const auto user = sentUser(*notification.user);
        list.append({ PayloadBuilder::tr("Name"), user.name });
        list.append({ PayloadBuilder::tr("Email"), user.email });
        list.append({ PayloadBuilder::tr("Role"), Roles::key(user.role) });
        list.append({ PayloadBuilder::tr("Created"), user.createdAt.toUTC().toString(Qt::ISODate) });
    }
    return list;
}

QJsonObject adaptiveCard(const QString& title, const QList<QPair<QString, QString>>& factsShown)
{
    QJsonArray factList;
    for (const auto& [name, value] : factsShown) {
        factList.append(QJsonObject { { QStringLiteral("title"), name },
                                      { QStringLiteral("value"), PayloadBuilder::escapeMarkdown(value) } });
    }
    QJsonArray body { QJsonObject {
        { QStringLiteral("type"), QStringLiteral("TextBlock") },
        { QStringLiteral("text"), title },
        { QStringLiteral("weight"), QStringLiteral("Bolder") },
        { QStringLiteral("size"), QStringLiteral("Medium") },
        { QStringLiteral("wrap"), true },
    } };
    if (!factList.isEmpty()) {
        body.append(QJsonObject { { QStringLiteral("type"), QStringLiteral("FactSet") },
                                  { QStringLiteral("facts"), factList } });
    }
    const QJsonObject card {
        { QStringLiteral("$schema"), QStringLiteral("http://adaptivecards.io/schemas/adaptive-card.json") },
        { QStringLiteral("type"), QStringLiteral("AdaptiveCard") },
        { QStringLiteral("version"), QStringLiteral("1.4") },
        { QStringLiteral("body"), body },
    };
    return {
        { QStringLiteral("type"), QStringLiteral("message") },
        { QStringLiteral("attachments"),
          QJsonArray { QJsonObject {
              { QStringLiteral("contentType"), QStringLiteral("application/vnd.microsoft.card.adaptive") },
              { QStringLiteral("content"), card },
          } } },
    };
}

// summary: the plain text of notifications, never markdown (backslashes would show there); title: escaped.
QJsonObject messageCard(const QString& summary, const QString& title, const QList<QPair<QString, QString>>& factsShown)
{
    QJsonArray factList;
    for (const auto& [name, value] : factsShown) {
        factList.append(QJsonObject { { QStringLiteral("name"), name },
                                      { QStringLiteral("value"), PayloadBuilder::escapeMarkdown(value) } });
    }
    QJsonObject card {
        { QStringLiteral("@type"), QStringLiteral("MessageCard") },
        { QStringLiteral("@context"), QStringLiteral("https://schema.org/extensions") },
        { QStringLiteral("summary"), summary },
        { QStringLiteral("title"), title },
    };
    if (!factList.isEmpty()) {
        card.insert(QStringLiteral("sections"), QJsonArray { QJsonObject { { QStringLiteral("facts"), factList } } });
    }
    return card;
}

} // namespace

QString PayloadBuilder::escapeSlack(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('&'), QLatin1String("&amp;"));
    escaped.replace(QLatin1Char('<'), QLatin1String("&lt;"));
    escaped.replace(QLatin1Char('>'), QLatin1String("&gt;"));
    return escaped;
}

QString PayloadBuilder::escapeMarkdown(const QString& text)
{
    static const QString special = QStringLiteral("\\*_~`|>#[]()<");
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const auto ch : text) {
        if (special.contains(ch)) {
            escaped.append(QLatin1Char('\\'));
        }
        escaped.append(ch);
    }
    return escaped;
}

QString PayloadBuilder::truncate(const QString& text, int limit)
{
    if (text.size() <= limit) {
        return text;
    }
    auto cut = limit - 1;
    // Never split a surrogate pair or leave a dangling escape backslash.
    if (cut > 0 && text.at(cut - 1).isHighSurrogate()) {
        --cut;
    }
    auto head = text.left(cut);
    int backslashes = 0;
    for (auto i = head.size() - 1; i >= 0 && head.at(i) == QLatin1Char('\\'); --i) {
        ++backslashes;
    }
    if (backslashes % 2 == 1) {
        head.chop(1);
    }
    return head + QChar(0x2026);
}

QByteArray PayloadBuilder::contentType(PayloadFormat::Shape shape)
{
    return shape == PayloadFormat::Shape::PlainText ? QByteArrayLiteral("text/plain; charset=utf-8") : JsonType;
}

Payload PayloadBuilder::build(const Notification& notification, PayloadFormat::Shape shape)
{
    using Shape = PayloadFormat::Shape;
    switch (shape) {
    case Shape::PlainText:
        return { contentType(shape), notification.message().toUtf8() };
    case Shape::Discord:
        return {
            JsonType,
            toJson({
                { QStringLiteral("content"), truncate(notification.message(&escapeMarkdown), DiscordContentLimit) },
                { QStringLiteral("allowed_mentions"), QJsonObject { { QStringLiteral("parse"), QJsonArray() } } },
            })
        };
    case Shape::Slack:
        return { JsonType,
                 toJson({
                     { QStringLiteral("text"), notification.message(&escapeSlack) },
                     { QStringLiteral("mrkdwn"), false },
                 }) };
    case Shape::GoogleChat:
        // Google Chat reads <users/all> as a mention: values get Slack's entities. It has no escape for its *bold*
        // markup, which cannot ping anyone.
        return { JsonType, toJson({ { QStringLiteral("text"), notification.message(&escapeSlack) } }) };
    case Shape::TeamsWorkflow:
        return { JsonType, toJson(adaptiveCard(notification.message(&escapeMarkdown), facts(notification))) };
    case Shape::TeamsConnector:
        return { JsonType,
                 toJson(
                     messageCard(notification.message(), notification.message(&escapeMarkdown), facts(notification))) };
    case Shape::Json:
        break;
    }
    QJsonObject object {
        { QStringLiteral("event"), Events::key(notification.event) },
        { QStringLiteral("action"), notification.action() },
        { QStringLiteral("message"), notification.message() },
    };
    if (notification.user) {
        object.insert(QStringLiteral("user"), sentUser(*notification.user).toJson());
    }
    if (!notification.changes.isEmpty()) {
        // user.updated: each changed field's "from" and "to", printable like the account's own values.
        QJsonObject changes;
        for (auto it = notification.changes.constBegin(); it != notification.changes.constEnd(); ++it) {
            const auto change = it.value().toObject();
            changes.insert(
                it.key(),
                QJsonObject {
                    { QStringLiteral("from"), SafeText::printable(change.value(QStringLiteral("from")).toString()) },
                    { QStringLiteral("to"), SafeText::printable(change.value(QStringLiteral("to")).toString()) },
                });
        }
        object.insert(QStringLiteral("changes"), changes);
    }
    return { JsonType, toJson(object) };
}

PayloadBuilder::Escape PayloadBuilder::escapeFor(PayloadFormat::Shape shape)
{
    using Shape = PayloadFormat::Shape;
    switch (shape) {
    case Shape::Discord:
    case Shape::TeamsWorkflow:
    case Shape::TeamsConnector:
        return &escapeMarkdown;
    case Shape::Slack:
    case Shape::GoogleChat:
        return &escapeSlack;
    case Shape::Json:
    case Shape::PlainText:
        break;
    }
    return nullptr;
}

Payload PayloadBuilder::buildList(Event event, const QString& text, const QString& plainText,
                                  const QList<Notification>& notifications, PayloadFormat::Shape shape)
{
    using Shape = PayloadFormat::Shape;
    switch (shape) {
    case Shape::PlainText:
        return { contentType(shape), plainText.toUtf8() };
    case Shape::Discord:
        return { JsonType,
                 toJson({
                     { QStringLiteral("content"), truncate(text, DiscordContentLimit) },
                     { QStringLiteral("allowed_mentions"), QJsonObject { { QStringLiteral("parse"), QJsonArray() } } },
                 }) };
    case Shape::Slack:
        return { JsonType, toJson({ { QStringLiteral("text"), text }, { QStringLiteral("mrkdwn"), false } }) };
    case Shape::GoogleChat:
        return { JsonType, toJson({ { QStringLiteral("text"), text } }) };
    case Shape::TeamsWorkflow:
        return { JsonType, toJson(adaptiveCard(text, {})) };
    case Shape::TeamsConnector:
        return { JsonType, toJson(messageCard(plainText, text, {})) };
    case Shape::Json:
        break;
    }
    QJsonArray users;
    for (const auto& notification : notifications) {
        if (notification.user) {
            users.append(sentUser(*notification.user).toJson());
        }
    }
    Notification kind;
    kind.event = event;
    return { JsonType,
             toJson({
                 { QStringLiteral("event"), Events::key(event) },
                 { QStringLiteral("action"), kind.action() },
                 { QStringLiteral("message"), plainText },
                 { QStringLiteral("count"), int(notifications.size()) },
                 { QStringLiteral("users"), users },
             }) };
}
