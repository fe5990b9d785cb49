#pragma once

#include "users/User.h"

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
    static constexpr const char* UserCreated = "user.created";
    static constexpr const char* WebhookTest = "webhook.test";

    QString id;
    QString event;
    // In the language of the process that recorded it; %1 stands for the account's name, filled in by message().
    QString text;
    QDateTime timestamp;
    std::optional<UserRecord> user;

    static Notification userCreated(const UserRecord& user);
    static Notification test();

    // The event as a person reads it ("Account created"); unknown events are shown as stored.
    static QString eventDisplayName(const QString& event);

    QString action() const;
    // The text with the account's name made printable (SafeText), then passed through escape (identity for JSON and
    // plain text).
    QString message(QString (*escape)(const QString&) = nullptr) const;
    QJsonObject toJson() const;
    static Notification fromJson(const QJsonObject& object);
};
