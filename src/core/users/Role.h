#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// What an account may do. One table (Role.cpp) gives each role its key (stored in users.role, sent in payloads, typed
// in --role and in CSV files) and its name in the interface language; the window and the CLI compare these values,
// never strings.
enum class Role
{
    User,
    Admin,
    Pending,
};

class Roles
{
    Q_DECLARE_TR_FUNCTIONS(Roles)

public:
    // Every role, in the order the interface lists them.
    static QList<Role> all();
    // The role of an account created with a password when none is chosen.
    static Role defaultRole() { return Role::User; }

    static QString key(Role role); // "user", "admin", "pending"
    // The role a typed value names, whoever typed it (form, --role, CSV): surrounding spaces and case are ignored
    // ("Admin " is admin).
    static std::optional<Role> fromKey(QStringView typed);
    // A stored key; the default role for a value no version of Crochet writes.
    static Role fromStored(const QString& key);
    static QString displayName(Role role); // "Administrator", …
};
