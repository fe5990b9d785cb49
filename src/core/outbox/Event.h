#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// What happened, as notified. One table (Event.cpp) gives each event its key (the "event" field of every payload, the
// CLI's --events values, the stored column) and its name in the interface language; the window and the CLI compare
// these values, never strings.
enum class Event
{
    UserCreated,
    UserUpdated,
    UserPasswordReset,
    UserDisabled,
    UserEnabled,
    UserDeleted,
    WebhookTest,
};

class Events
{
    Q_DECLARE_TR_FUNCTIONS(Events)

public:
    // Every event, in the order the interface lists them.
    static QList<Event> all();
    // The events an endpoint can subscribe to: every account event (the test goes to the endpoint tested only).
    static QList<Event> subscribable();
    // What a new endpoint subscribes to: the seed's behaviour.
    static QList<Event> defaultSubscription();

    static QString key(Event event); // "user.created", …
    static std::optional<Event> fromKey(QStringView key);
    static QString displayName(Event event); // "Account created", …
    // The display name of a stored key; an unknown key (written by a newer version) is shown as stored.
    static QString displayName(const QString& key);

    // A subscription as stored and typed: keys separated by commas ("user.created,user.deleted"). fromKeys gives
    // nullopt and the first unknown key in *unknown when one is not an event.
    static QString toKeys(const QList<Event>& events);
    static std::optional<QList<Event>> fromKeys(const QString& keys, QString* unknown = nullptr);
};
