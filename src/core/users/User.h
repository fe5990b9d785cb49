#pragma once

#include "users/Role.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// An account as stored and as notified. The password hash is never part of it.
struct UserRecord
{
    QString id;
    QString name;
    QString email;
    Role role = Roles::defaultRole();
    QDateTime createdAt;
    QDateTime updatedAt; // invalid until the account is first changed
    bool hasPassword = false;
    bool disabled = false; // users.disabled_at is set

    // The payload's "user": id, name, email, role (its key) and created_at.
    QJsonObject toJson() const;
    static UserRecord fromJson(const QJsonObject& object);
};

// What the creation form, the CLI or a CSV row asks for.
struct NewUser
{
    QString name;
    QString email;
    Role role = Roles::defaultRole();
    // The role as typed (--role, a CSV cell), when it was: UserRules::validate() refuses it unless it names a role, and
    // then it replaces role.
    std::optional<QString> roleText;
    QString password;
    QString confirmation;

    // roleText's role when it was typed and names one, role otherwise.
    Role effectiveRole() const;
};

// What an edit asks to change; a field left unset stays as it is.
struct UserChanges
{
    std::optional<QString> name;
    std::optional<QString> email;
    std::optional<Role> role;

    bool isEmpty() const { return !name && !email && !role; }
    // Only what differs from user, compared as it would be stored (trimmed, NFC).
    UserChanges differingFrom(const UserRecord& user) const;
};
