#pragma once

#include "User.h"

#include <QAbstractTableModel>
#include <QList>

class Database;

// The accounts for the Users page: name, email, role and creation time, read from UserStore.
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

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Database* m_database;
    QList<UserRecord> m_users;
};
