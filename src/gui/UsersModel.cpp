#include "UsersModel.h"

#include "text/SafeText.h"
#include "text/TimeFormat.h"
#include "users/UserRules.h"
#include "users/UserStore.h"

UsersModel::UsersModel(Database* database, QObject* parent)
    : QAbstractTableModel(parent)
    , m_database(database)
{
    refresh();
}

void UsersModel::refresh()
{
    beginResetModel();
    const UserStore store(m_database);
    m_total = store.count();
    m_users = store.list(PageSize, 0, UserStore::Order::NewestFirst);
    endResetModel();
}

bool UsersModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_users.size() < m_total;
}

void UsersModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    const auto more =
        UserStore(m_database).list(PageSize, static_cast<int>(m_users.size()), UserStore::Order::NewestFirst);
    if (more.isEmpty()) {
        m_total = static_cast<int>(m_users.size());
        return;
    }
    const auto first = static_cast<int>(m_users.size());
    beginInsertRows({}, first, first + static_cast<int>(more.size()) - 1);
    m_users.append(more);
    endInsertRows();
}

void UsersModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_users.isEmpty()) {
        emit dataChanged(index(0, RoleColumn), index(rowCount() - 1, CreatedColumn));
    }
}

int UsersModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_users.size());
}

int UsersModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsersModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_users.size()) {
        return {};
    }
    const auto& user = m_users.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return SafeText::printable(user.name);
        case EmailColumn:
            return SafeText::printable(user.email);
        case RoleColumn:
            return Roles::displayName(user.role);
        case CreatedColumn:
            return TimeFormat::dateTime(user.createdAt);
        default:
            break;
        }
    } else if (role == Qt::ToolTipRole && index.column() == CreatedColumn) {
        return user.createdAt.toUTC().toString(Qt::ISODate);
    } else if (role == Qt::UserRole) {
        return user.id;
    }
    return {};
}

QVariant UsersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case RoleColumn:
        return tr("Role");
    case CreatedColumn:
        return tr("Created");
    default:
        break;
    }
    return {};
}
