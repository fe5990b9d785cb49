#include "outbox/Notification.h"

#include "storage/RowIds.h"
#include "text/SafeText.h"
#include "users/Role.h"

#include <QJsonObject>

namespace {

Notification makeNotification(Event event, QString text)
{
    Notification notification;
    notification.id = RowIds::create();
    notification.event = event;
    notification.text = std::move(text);
    notification.timestamp = QDateTime::currentDateTimeUtc();
    return notification;
}

} // namespace

Notification Notification::forEvent(Event event, const UserRecord& user, const QJsonObject& changes)
{
    auto notification = makeNotification(event, MessageTemplate::defaultText(event));
    notification.user = user;
    notification.changes = changes;
    return notification;
}

Notification Notification::userCreated(const UserRecord& user)
{
    return forEvent(Event::UserCreated, user);
}

Notification Notification::test()
{
    return makeNotification(Event::WebhookTest, MessageTemplate::defaultText(Event::WebhookTest));
}

QString Notification::action() const
{
    // Open WebUI's payload says "signup" for a new account; the other events follow the same pattern.
    switch (event) {
    case Event::UserCreated:
        return QStringLiteral("signup");
    case Event::UserUpdated:
        return QStringLiteral("update");
    case Event::UserPasswordReset:
        return QStringLiteral("password_reset");
    case Event::UserDisabled:
        return QStringLiteral("disable");
    case Event::UserEnabled:
        return QStringLiteral("enable");
    case Event::UserDeleted:
        return QStringLiteral("delete");
    case Event::WebhookTest:
        break;
    }
    return QStringLiteral("test");
}

QString Notification::message(QString (*escape)(const QString&)) const
{
    return MessageTemplate::render(text, values(), escape);
}

MessageTemplate::Values Notification::values() const
{
    // Names may hold text-direction or invisible characters (and older ones control characters): sent visible.
    MessageTemplate::Values values { { QStringLiteral("event"), Events::displayName(event) } };
    if (user) {
        values.insert(QStringLiteral("name"), SafeText::printable(user->name));
        values.insert(QStringLiteral("email"), SafeText::printable(user->email));
        values.insert(QStringLiteral("role"), Roles::displayName(user->role));
        values.insert(QStringLiteral("id"), user->id);
        values.insert(QStringLiteral("created_at"), user->createdAt.toUTC().toString(Qt::ISODate));
    }
    values.insert(QStringLiteral("changes"), SafeText::printable(changesText()));
    return values;
}

QString Notification::changesText() const
{
    QStringList parts;
    for (const auto& field : { QStringLiteral("name"), QStringLiteral("email"), QStringLiteral("role") }) {
        const auto change = changes.value(field).toObject();
        if (change.isEmpty()) {
            continue;
        }
        auto from = change.value(QStringLiteral("from")).toString();
        auto to = change.value(QStringLiteral("to")).toString();
        QString label;
        if (field == QLatin1String("name")) {
            //: {changes} in a notification message: the account's name changed
            label = tr("name");
        } else if (field == QLatin1String("email")) {
            //: {changes} in a notification message: the account's email address changed
            label = tr("email");
        } else {
            //: {changes} in a notification message: the account's role changed
            label = tr("role");
            from = Roles::displayName(Roles::fromStored(from));
            to = Roles::displayName(Roles::fromStored(to));
        }
        //: One change in {changes}: %1 the field, %2 the old value, %3 the new one
        parts << tr("%1: %2 → %3").arg(label, from, to);
    }
    return parts.join(QStringLiteral(", "));
}

QJsonObject Notification::toJson() const
{
    QJsonObject object {
        { QStringLiteral("id"), id },
        { QStringLiteral("event"), Events::key(event) },
        { QStringLiteral("template"), text },
        { QStringLiteral("timestamp"), timestamp.toUTC().toString(Qt::ISODateWithMs) },
    };
    if (user) {
        object.insert(QStringLiteral("user"), user->toJson());
    }
    if (!changes.isEmpty()) {
        object.insert(QStringLiteral("changes"), changes);
    }
    return object;
}

Notification Notification::fromJson(const QJsonObject& object)
{
    Notification notification;
    notification.id = object.value(QStringLiteral("id")).toString();
    notification.event = Events::fromKey(object.value(QStringLiteral("event")).toString()).value_or(Event::UserCreated);
    if (object.contains(QStringLiteral("template"))) {
        notification.text = object.value(QStringLiteral("template")).toString();
    } else {
        // Written before templates (schema 6 and older): a translated text where %1 stood for the name.
        auto legacy = object.value(QStringLiteral("text")).toString();
        legacy.replace(QLatin1Char('{'), QLatin1String("{{")).replace(QLatin1Char('}'), QLatin1String("}}"));
        notification.text = legacy.replace(QLatin1String("%1"), QLatin1String("{name}"));
    }
    notification.changes = object.value(QStringLiteral("changes")).toObject();
    notification.timestamp =
        QDateTime::fromString(object.value(QStringLiteral("timestamp")).toString(), Qt::ISODateWithMs);
    const auto user = object.value(QStringLiteral("user"));
    if (user.isObject()) {
        notification.user = UserRecord::fromJson(user.toObject());
    }
    return notification;
}
