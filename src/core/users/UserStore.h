#pragma once

#include "outbox/EventWriter.h"
#include "outbox/Notification.h"
#include "users/User.h"
#include "webhooks/PayloadFormat.h"

#include <QCoreApplication>
#include <QFuture>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

class Database;

// Accounts in the database. An account and its notification are written in one transaction.
class UserStore
{
    Q_DECLARE_TR_FUNCTIONS(UserStore)

public:
    struct Created
    {
        bool ok = false;
        bool duplicateEmail = false;
        QString error; // translated
        UserRecord user;
        // One for each endpoint subscribed to user.created (EventWriter); none when no endpoint is.
        QList<Notification> notifications;
    };

    explicit UserStore(Database* database);

    // passwordHash may be empty (pending account). When notify is set, the user.created notification is recorded in
    // the same transaction as the account.
    Created create(const NewUser& user, const QByteArray& passwordHash, bool notify);
    // Inserts accounts (each with its notifications) inside the caller's open transaction, with statements prepared
    // and endpoints read once for the whole batch.
    class Writer
    {
    public:
        explicit Writer(QSqlDatabase db);
        Created insert(const NewUser& user, const QByteArray& passwordHash, bool notify);

    private:
        EventWriter m_events;
        QSqlQuery m_savepoint;
        QSqlQuery m_release;
        QSqlQuery m_rollback;
        QSqlQuery m_user;
    };
    // Hashes the password and writes the account on the thread pool; the GUI thread never waits for either.
    QFuture<Created> createAsync(const NewUser& user, bool notify);
    bool emailInUse(const QString& email) const;
    enum class Order
    {
        OldestFirst,
        NewestFirst,
    };
    QList<UserRecord> list(int limit = -1, int offset = 0, Order order = Order::OldestFirst) const;
    // Every account.
    int count() const;

    // What the Users page and "user list" ask for: the accounts whose name or email contains search, whatever its
    // case and accents (UserRules::searchFold; % and _ are plain characters), sorted by column. Every order is
    // total and served by an index, so that pages at successive offsets neither repeat nor skip an account.
    enum class SortColumn
    {
        Name, // accent- and case-folded name, then email
        Email, // case-folded email
        Role, // by role key, then name
        State, // active first, then disabled from the earliest disabled; then name
        Created, // in the order the accounts were written
    };
    struct Query
    {
        QString search;
        SortColumn column = SortColumn::Created;
        Qt::SortOrder order = Qt::DescendingOrder;
    };
    // matching, when the caller has it (count(query)), lets a search that finds few accounts be read the faster way.
    QList<UserRecord> list(const Query& query, int limit = -1, int offset = 0, int matching = -1) const;
    // How many accounts query finds (all of them when its search is empty).
    int count(const Query& query) const;
    QByteArray passwordHash(const QString& userId) const;

private:
    Database* m_database;
};
