#include "outbox/Event.h"

namespace {

struct EventInfo
{
    Event event;
    const char* key;
};

constexpr EventInfo EventTable[] = {
    { Event::UserCreated, "user.created" },
    { Event::UserUpdated, "user.updated" },
    { Event::UserPasswordReset, "user.password_reset" },
    { Event::UserDisabled, "user.disabled" },
    { Event::UserEnabled, "user.enabled" },
    { Event::UserDeleted, "user.deleted" },
    { Event::WebhookTest, "webhook.test" },
};

} // namespace

QList<Event> Events::all()
{
    QList<Event> events;
    for (const auto& info : EventTable) {
        events.append(info.event);
    }
    return events;
}

QList<Event> Events::subscribable()
{
    auto events = all();
    events.removeAll(Event::WebhookTest);
    return events;
}

QList<Event> Events::defaultSubscription()
{
    return { Event::UserCreated };
}

QString Events::key(Event event)
{
    for (const auto& info : EventTable) {
        if (info.event == event) {
            return QString::fromLatin1(info.key);
        }
    }
    return {};
}

std::optional<Event> Events::fromKey(QStringView key)
{
    for (const auto& info : EventTable) {
        if (key == QLatin1String(info.key)) {
            return info.event;
        }
    }
    return std::nullopt;
}

QString Events::displayName(Event event)
{
    switch (event) {
    case Event::UserCreated:
        //: The event of a notification sent when an account is created (user.created)
        return tr("Account created");
    case Event::UserUpdated:
        //: The event of a notification sent when an account's name, email or role changes (user.updated)
        return tr("Account updated");
    case Event::UserPasswordReset:
        //: The event of a notification sent when an account's password is reset (user.password_reset)
        return tr("Password reset");
    case Event::UserDisabled:
        //: The event of a notification sent when an account is disabled (user.disabled)
        return tr("Account disabled");
    case Event::UserEnabled:
        //: The event of a notification sent when a disabled account is enabled again (user.enabled)
        return tr("Account enabled");
    case Event::UserDeleted:
        //: The event of a notification sent when an account is deleted (user.deleted)
        return tr("Account deleted");
    case Event::WebhookTest:
        //: The event of a test notification (webhook.test)
        return tr("Test notification");
    }
    return {};
}

QString Events::displayName(const QString& key)
{
    const auto event = fromKey(key);
    return event ? displayName(*event) : key;
}

QString Events::toKeys(const QList<Event>& events)
{
    QStringList keys;
    // In the table's order, whatever the order given, so that equal subscriptions are stored alike.
    for (const auto& info : EventTable) {
        if (events.contains(info.event)) {
            keys << QString::fromLatin1(info.key);
        }
    }
    return keys.join(QLatin1Char(','));
}

std::optional<QList<Event>> Events::fromKeys(const QString& keys, QString* unknown)
{
    QList<Event> events;
    for (const auto& part : keys.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto event = fromKey(part.trimmed());
        if (!event) {
            if (unknown) {
                *unknown = part.trimmed();
            }
            return std::nullopt;
        }
        if (!events.contains(*event)) {
            events.append(*event);
        }
    }
    return events;
}
