#include "UsersModel.h"

#include "text/SafeText.h"
#include "text/TimeFormat.h"
#include "users/UserRules.h"

#include <QtConcurrent>

UsersModel::UsersModel(Database* database, QObject* parent)
    : QAbstractTableModel(parent)
    , m_database(database)
{
    connect(&m_loading, &QFutureWatcher<Page>::finished, this, [this] {
        if (m_loadingGeneration == m_generation) {
            show(m_loading.result());
        }
    });
    connect(&m_fetching, &QFutureWatcher<QList<UserRecord>>::finished, this, [this] {
        if (m_fetchingGeneration == m_generation) {
            append(m_fetching.result());
        }
    });
    refresh();
}

UsersModel::~UsersModel()
{
    m_loading.waitForFinished();
    m_fetching.waitForFinished();
}

UsersModel::Page UsersModel::read(Database* database, const UserStore::Query& query)
{
    const UserStore store(database);
    Page page;
    page.total = store.count();
    page.matching = UserRules::searchFold(query.search).isEmpty() ? page.total : store.count(query);
    page.users = store.list(query, PageSize, 0, page.matching);
    return page;
}

bool UsersModel::isLoading() const
{
    // A reading started before the last refresh, search or sort no longer counts: its result will be dropped.
    return (m_loading.isRunning() && m_loadingGeneration == m_generation)
        || (m_fetching.isRunning() && m_fetchingGeneration == m_generation);
}

void UsersModel::refresh()
{
    reload();
}

void UsersModel::setSearch(const QString& text)
{
    if (text == m_query.search) {
        return;
    }
    m_query.search = text;
    reload();
}

void UsersModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount) {
        return;
    }
    const auto sortBy = sortColumn(column);
    if (sortBy == m_query.column && order == m_query.order) {
        return;
    }
    m_query.column = sortBy;
    m_query.order = order;
    reload();
}

UserStore::SortColumn UsersModel::sortColumn(int column)
{
    switch (column) {
    case NameColumn:
        return UserStore::SortColumn::Name;
    case EmailColumn:
        return UserStore::SortColumn::Email;
    case RoleColumn:
        return UserStore::SortColumn::Role;
    case StateColumn:
        return UserStore::SortColumn::State;
    default:
        break;
    }
    return UserStore::SortColumn::Created;
}

void UsersModel::reload()
{
    const auto generation = ++m_generation;
    if (UserRules::searchFold(m_query.search).isEmpty()) {
        show(read(m_database, m_query));
        return;
    }
    // A search reads every account's key (about 10 ms at 100,000 accounts): off the GUI thread, the last one wins.
    m_loadingGeneration = generation;
    m_loading.setFuture(QtConcurrent::run(&UsersModel::read, m_database, m_query));
}

void UsersModel::show(const Page& page)
{
    beginResetModel();
    m_total = page.total;
    m_matching = page.matching;
    m_users = page.users;
    endResetModel();
    emit loaded();
}

bool UsersModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_users.size() < m_matching;
}

void UsersModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent) || isLoading()) {
        return;
    }
    const auto offset = static_cast<int>(m_users.size());
    if (UserRules::searchFold(m_query.search).isEmpty()) {
        append(UserStore(m_database).list(m_query, PageSize, offset));
        return;
    }
    // Deep in a search, a page may read many keys before it has its rows (up to 20 ms at 100,000 accounts).
    m_fetchingGeneration = m_generation;
    m_fetching.setFuture(QtConcurrent::run([database = m_database, query = m_query, offset, matching = m_matching] {
        return UserStore(database).list(query, PageSize, offset, matching);
    }));
}

void UsersModel::append(const QList<UserRecord>& more)
{
    if (more.isEmpty()) {
        // Fewer accounts than counted: some were deleted meanwhile.
        m_matching = static_cast<int>(m_users.size());
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
        case StateColumn:
            //: State of an account in the Users list
            return user.disabled ? tr("Disabled") : tr("Active");
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
    if (orientation == Qt::Horizontal && role == Qt::InitialSortOrderRole) {
        // A first click sorts text from A, and dates from the newest.
        return section == CreatedColumn ? Qt::DescendingOrder : Qt::AscendingOrder;
    }
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
    case StateColumn:
        //: Column of the Users list: Active or Disabled
        return tr("State");
    case CreatedColumn:
        return tr("Created");
    default:
        break;
    }
    return {};
}
