#include "users/Role.h"

namespace {

struct RoleInfo
{
    Role role;
    const char* key;
};

constexpr RoleInfo RoleTable[] = {
    { Role::User, "user" },
    { Role::Admin, "admin" },
    { Role::Pending, "pending" },
};

} // namespace

QList<Role> Roles::all()
{
    QList<Role> roles;
    for (const auto& info : RoleTable) {
        roles.append(info.role);
    }
    return roles;
}

QString Roles::key(Role role)
{
    for (const auto& info : RoleTable) {
        if (info.role == role) {
            return QString::fromLatin1(info.key);
        }
    }
    return {};
}

std::optional<Role> Roles::fromKey(QStringView typed)
{
    const auto trimmed = typed.trimmed();
    for (const auto& info : RoleTable) {
        if (trimmed.compare(QLatin1String(info.key), Qt::CaseInsensitive) == 0) {
            return info.role;
        }
    }
    return std::nullopt;
}

Role Roles::fromStored(const QString& key)
{
    return fromKey(key).value_or(defaultRole());
}

QString Roles::displayName(Role role)
{
    switch (role) {
    case Role::User:
        //: An account's role (user)
        return tr("User");
    case Role::Admin:
        //: An account's role (admin)
        return tr("Administrator");
    case Role::Pending:
        //: An account's role (pending): waiting for an administrator's approval
        return tr("Pending");
    }
    return {};
}
