#pragma once

#include "users/User.h"

#include <QAbstractTableModel>
#include <QList>

class Database;

// The accounts for the Users page, newest first: name, email, role and creation time, read from UserStore a page at
// a time so that a large directory never loads at once on the GUI thread.
class UsersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        EmailColumn,
        RoleColumn,
        CreatedColumn,
        ColumnCount,
    };

    explicit UsersModel(Database* database, QObject* parent = nullptr);

    void refresh();
    // Headers and role names follow the interface language.
    void retranslate();
    const UserRecord& user(int row) const { return m_users.at(row); }

    static constexpr int PageSize = 200;

    int rowCount(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Database* m_database;
    QList<UserRecord> m_users;
    int m_total = 0;
};
