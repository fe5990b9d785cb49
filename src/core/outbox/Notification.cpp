#include "outbox/Notification.h"

#include "text/SafeText.h"

#include <QUuid>

namespace {

Notification makeNotification(const char* event, QString text)
{
    Notification notification;
    notification.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    notification.event = QString::fromLatin1(event);
    notification.text = std::move(text);
    notification.timestamp = QDateTime::currentDateTimeUtc();
    return notification;
}

} // namespace

Notification Notification::userCreated(const UserRecord& user)
{
    //: The notification posted to the webhook; %1 is the new account's name. Open WebUI's French wording.
    auto notification = makeNotification(UserCreated, tr("New user signed up: %1"));
    notification.user = user;
    return notification;
}

Notification Notification::test()
{
    return makeNotification(WebhookTest, tr("Test notification from Crochet: the webhook works."));
}

QString Notification::eventDisplayName(const QString& event)
{
    if (event == QLatin1String(UserCreated)) {
        //: Deliveries: the event of a notification sent when an account is created (user.created)
        return tr("Account created");
    }
    if (event == QLatin1String(WebhookTest)) {
        //: Deliveries: the event of a test notification (webhook.test)
        return tr("Test notification");
    }
    return event;
}

QString Notification::action() const
{
    return event == QLatin1String(UserCreated) ? QStringLiteral("signup") : QStringLiteral("test");
}

QString Notification::message(QString (*escape)(const QString&)) const
{
    if (!user) {
        return text;
    }
    // Names may hold text-direction or invisible characters (and older ones control characters): sent visible.
    const auto name = SafeText::printable(user->name);
    return text.arg(escape ? escape(name) : name);
}

QJsonObject Notification::toJson() const
{
    QJsonObject object {
        { QStringLiteral("id"), id },
        { QStringLiteral("event"), event },
        { QStringLiteral("text"), text },
        { QStringLiteral("timestamp"), timestamp.toUTC().toString(Qt::ISODateWithMs) },
    };
    if (user) {
        object.insert(QStringLiteral("user"), user->toJson());
    }
    return object;
}

Notification Notification::fromJson(const QJsonObject& object)
{
    Notification notification;
    notification.id = object.value(QStringLiteral("id")).toString();
    notification.event = object.value(QStringLiteral("event")).toString();
    notification.text = object.value(QStringLiteral("text")).toString();
    notification.timestamp =
        QDateTime::fromString(object.value(QStringLiteral("timestamp")).toString(), Qt::ISODateWithMs);
    const auto user = object.value(QStringLiteral("user"));
    if (user.isObject()) {
        notification.user = UserRecord::fromJson(user.toObject());
    }
    return notification;
}
