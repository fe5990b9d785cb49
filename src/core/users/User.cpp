#include "users/User.h"

#include "text/SafeText.h"

QJsonObject UserRecord::toJson() const
{
    return {
        { QStringLiteral("id"), id },
        { QStringLiteral("name"), name },
        { QStringLiteral("email"), email },
        { QStringLiteral("role"), Roles::key(role) },
        { QStringLiteral("created_at"), createdAt.toUTC().toString(Qt::ISODate) },
    };
}

UserRecord UserRecord::fromJson(const QJsonObject& object)
{
    UserRecord user;
    user.id = object.value(QStringLiteral("id")).toString();
    user.name = object.value(QStringLiteral("name")).toString();
    user.email = object.value(QStringLiteral("email")).toString();
    user.role = Roles::fromStored(object.value(QStringLiteral("role")).toString());
    user.createdAt = QDateTime::fromString(object.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
    return user;
}

UserChanges UserChanges::differingFrom(const UserRecord& user) const
{
    UserChanges changes;
    if (name && SafeText::normalized(*name) != user.name) {
        changes.name = name;
    }
    if (email && SafeText::normalized(*email) != user.email) {
        changes.email = email;
    }
    if (role && *role != user.role) {
        changes.role = role;
    }
    return changes;
}

Role NewUser::effectiveRole() const
{
    if (roleText) {
        if (const auto typed = Roles::fromKey(*roleText)) {
            return *typed;
        }
    }
    return role;
}
