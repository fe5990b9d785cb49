#pragma once

#include "users/User.h"
#include "users/UserStore.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QList>

class Database;

// The accounts for the Users page: those the search finds, sorted in SQL by the column clicked (newest first at the
// start), read from UserStore a page at a time so that a large directory never loads at once on the GUI thread. What
// a search reads (its counts, each page) is read on the thread pool; without a search, the counts and each page are
// read at once (2 to 3 ms at 100,000 accounts, BenchUserSearch).
class UsersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        EmailColumn,
        RoleColumn,
        StateColumn,
        CreatedColumn,
        ColumnCount,
    };

    explicit UsersModel(Database* database, QObject* parent = nullptr);
    ~UsersModel() override;

    // Reads the accounts again with the current search and order.
    void refresh();
    // Shows only the accounts whose name or email contains text, whatever its case and accents.
    void setSearch(const QString& text);
    QString search() const { return m_query.search; }
    const UserStore::Query& query() const { return m_query; }
    // Every account, and those the search finds (both as of the last reading).
    int totalCount() const { return m_total; }
    int matchingCount() const { return m_matching; }
    // A search, or its next page, is being read on the thread pool.
    bool isLoading() const;
    // Headers, role and state names follow the interface language.
    void retranslate();
    const UserRecord& user(int row) const { return m_users.at(row); }

    static constexpr int PageSize = 200;
    static UserStore::SortColumn sortColumn(int column);

    int rowCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    // The rows and counts were read again (after refresh(), setSearch() or sort()).
    void loaded();

private:
    struct Page
    {
        int total = 0;
        int matching = 0;
        QList<UserRecord> users;
    };
    static Page read(Database* database, const UserStore::Query& query);
    void reload();
    void show(const Page& page);
    void append(const QList<UserRecord>& users);

    Database* m_database;
    UserStore::Query m_query;
    QList<UserRecord> m_users;
    int m_total = 0;
    int m_matching = 0;
    QFutureWatcher<Page> m_loading;
    QFutureWatcher<QList<UserRecord>> m_fetching;
    // Counts the readings started, so that only the last one's result is shown.
    quint64 m_generation = 0;
    quint64 m_loadingGeneration = 0;
    quint64 m_fetchingGeneration = 0;
};
