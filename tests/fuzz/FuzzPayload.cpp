// Payload building for every shape with hostile account data, and the outbox's JSON round trip of a notification.
// Input: NUL-separated parts (name, email, role, id).

#include "FuzzSupport.h"
#include "outbox/Notification.h"
#include "text/SafeText.h"
#include "webhooks/PayloadBuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using Shape = PayloadFormat::Shape;

const QList<Shape> Shapes = { Shape::Discord,        Shape::Slack, Shape::GoogleChat, Shape::TeamsWorkflow,
                              Shape::TeamsConnector, Shape::Json,  Shape::PlainText };

bool hasLoneSurrogate(const QString& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto ch = text.at(i);
        if (ch.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate()) {
                return true;
            }
            ++i;
        } else if (ch.isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

// Qt's JSON parser drops a U+FEFF that starts a string (other parsers keep it): the body is right, only the reading
// differs.
bool sameText(const QString& parsed, const QString& original)
{
    return parsed == original || (original.startsWith(QChar(0xFEFF)) && parsed == original.mid(1));
}

QJsonObject parseObject(const QByteArray& body)
{
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(body, &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError);
    FUZZ_CHECK(document.isObject());
    return document.object();
}

void checkTruncate(const QString& text)
{
    const auto cut = PayloadBuilder::truncate(text, PayloadBuilder::DiscordContentLimit);
    FUZZ_CHECK(cut.size() <= PayloadBuilder::DiscordContentLimit);
    if (cut != text) {
        FUZZ_CHECK(cut.endsWith(QChar(0x2026)));
        const auto head = cut.chopped(1);
        FUZZ_CHECK(text.startsWith(head));
        FUZZ_CHECK(head.isEmpty() || !head.back().isHighSurrogate());
    }
}

void checkShape(const Notification& notification, Shape shape)
{
    const auto payload = PayloadBuilder::build(notification, shape);
    const auto& name = notification.user->name;
    if (shape == Shape::PlainText) {
        FUZZ_CHECK(payload.contentType.startsWith("text/plain"));
        FUZZ_CHECK(payload.body == notification.message().toUtf8());
        return;
    }
    FUZZ_CHECK(payload.contentType == "application/json");
    const auto object = parseObject(payload.body);
    switch (shape) {
    case Shape::Discord: {
        // Never more than Discord takes, never a mention, whatever the name.
        const auto content = object.value(QStringLiteral("content")).toString();
        FUZZ_CHECK(!content.isEmpty());
        FUZZ_CHECK(content.size() <= PayloadBuilder::DiscordContentLimit);
        const auto mentions = object.value(QStringLiteral("allowed_mentions")).toObject();
        FUZZ_CHECK(mentions.value(QStringLiteral("parse")).isArray());
        FUZZ_CHECK(mentions.value(QStringLiteral("parse")).toArray().isEmpty());
        FUZZ_CHECK(mentions.size() == 1);
        break;
    }
    case Shape::Slack:
    case Shape::GoogleChat: {
        // No raw angle bracket (links, <!channel>, <users/all>): every one is an entity.
        const auto text = object.value(QStringLiteral("text")).toString();
        FUZZ_CHECK(!text.isEmpty());
        FUZZ_CHECK(!text.contains(QLatin1Char('<')) && !text.contains(QLatin1Char('>')));
        if (shape == Shape::Slack) {
            FUZZ_CHECK(object.value(QStringLiteral("mrkdwn")) == QJsonValue(false));
        }
        break;
    }
    case Shape::TeamsWorkflow:
    case Shape::TeamsConnector:
        FUZZ_CHECK(!object.isEmpty());
        break;
    case Shape::Json: {
        const auto user = object.value(QStringLiteral("user")).toObject();
        FUZZ_CHECK(object.value(QStringLiteral("event")).toString() == Events::key(notification.event));
        // Names arrive with control and invisible characters as visible escapes, and nothing else changed.
        if (!hasLoneSurrogate(name)) {
            FUZZ_CHECK(sameText(user.value(QStringLiteral("name")).toString(), SafeText::printable(name)));
        }
        const auto message = object.value(QStringLiteral("message")).toString();
        FUZZ_CHECK(SafeText::printable(message) == message);
        break;
    }
    case Shape::PlainText:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzSupport::initialize();
    FuzzSupport::Reader reader(data, size);
    UserRecord user;
    user.name = reader.text();
    user.email = reader.text();
    user.role = Roles::fromStored(reader.text());
    user.id = reader.text();
    user.createdAt = QDateTime::fromSecsSinceEpoch(1764288000, Qt::UTC);
    user.hasPassword = !user.email.isEmpty();

    const auto notification = Notification::userCreated(user);
    checkTruncate(user.name);
    checkTruncate(PayloadBuilder::escapeMarkdown(user.name));
    for (const auto shape : Shapes) {
        checkShape(notification, shape);
    }

    // What the outbox stores is what is sent after a restart.
    const auto stored = QJsonDocument(notification.toJson()).toJson(QJsonDocument::Compact);
    const auto restored = Notification::fromJson(parseObject(stored));
    const auto exact = [](const QString& text) {
        return !hasLoneSurrogate(text) && !text.startsWith(QChar(0xFEFF));
    };
    if (exact(user.name) && exact(user.email) && exact(user.id)) {
        for (const auto shape : Shapes) {
            FUZZ_CHECK(PayloadBuilder::build(restored, shape).body == PayloadBuilder::build(notification, shape).body);
        }
    }
    return 0;
}
