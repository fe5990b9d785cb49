#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

// An account as stored and as notified. The password hash is never part of it.
struct UserRecord
{
    QString id;
    QString name;
    QString email;
    QString role;
    QDateTime createdAt;
    bool hasPassword = false;
    bool disabled = false; // users.disabled_at is set

    QJsonObject toJson() const;
    static UserRecord fromJson(const QJsonObject& object);
};

// What the creation form or the CLI asks for.
struct NewUser
{
    QString name;
    QString email;
    QString role = QStringLiteral("user");
    QString password;
    QString confirmation;
};
