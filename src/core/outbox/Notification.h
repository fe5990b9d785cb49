#pragma once

#include "outbox/Event.h"
#include "users/User.h"
#include "webhooks/MessageTemplate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// One event to notify, as kept in the outbox. Its id travels as the webhook-id header on every attempt.
struct Notification
{
    Q_DECLARE_TR_FUNCTIONS(Notification)

public:
    QString id;
    Event event = Event::UserCreated;
    // The message template (MessageTemplate) of the endpoint it goes to, in the language of the process that wrote
    // it; message() fills in the account's values.
    QString text;
    QDateTime timestamp;
    // The account as it was when the event happened (after the change; before the deletion).
    std::optional<UserRecord> user;
    // user.updated: each changed field ("name", "email", "role") with its "from" and "to" values.
    QJsonObject changes;
    // The endpoint it goes to (Endpoint::id); -1 until the outbox writes it for one.
    qint64 endpointId = -1;

    // An account event, its text the event's default message until EventWriter gives it each endpoint's.
    static Notification forEvent(Event event, const UserRecord& user, const QJsonObject& changes = {});
    static Notification userCreated(const UserRecord& user);
    static Notification test();

    QString action() const;
    // The template with the account's values made printable (SafeText) and passed through escape (identity for JSON
    // and plain text): the template is the administrator's, the values are not.
    QString message(QString (*escape)(const QString&) = nullptr) const;
    // The values a template's placeholders stand for, printable and unescaped.
    MessageTemplate::Values values() const;
    // "email: a@example.org → b@example.org, role: User → Administrator", in the current language.
    QString changesText() const;
    QJsonObject toJson() const;
    static Notification fromJson(const QJsonObject& object);
};
