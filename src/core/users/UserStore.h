#pragma once

#include "outbox/EventWriter.h"
#include "outbox/Notification.h"
#include "users/User.h"
#include "users/UserRules.h"
#include "webhooks/PayloadFormat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class Database;

// Accounts in the database. Every change of an account and its notifications (one for each endpoint subscribed to
// the event, EventWriter) are written in one transaction: both exist, or neither.
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

    // The outcome of an edit, a password reset, disabling, enabling or deleting an account.
    struct Changed
    {
        bool ok = false; // the change and its notifications are committed
        bool unchanged = false; // there was nothing to change: nothing was written
        bool notFound = false;
        bool cancelled = false; // resetPasswordAsync: cancelled before anything was written
        bool duplicateEmail = false;
        QString error; // translated; every problem's message when the change was refused by the rules
        QList<UserRules::Problem> problems; // why UserRules refused it, field by field
        Event event = Event::UserUpdated;
        // The account after the change; for a deletion, as it was.
        UserRecord user;
        // user.updated: each changed field ("name", "email", "role") with its "from" and "to" (role keys).
        QJsonObject changes;
        QList<Notification> notifications;
    };

    explicit UserStore(Database* database);

    // The LIKE pattern (ESCAPE '!') that finds search, folded (UserRules::searchFold), anywhere in search_key.
    static QString searchPattern(const QString& search);

    // passwordHash may be empty (pending account). The user.created notifications are recorded in the same
    // transaction as the account.
    Created create(const NewUser& user, const QByteArray& passwordHash);
    // Inserts accounts (each with its notifications) inside the caller's open transaction, with statements prepared
    // and endpoints read once for the whole batch. An address already taken (Created::duplicateEmail) leaves the
    // transaction usable for the next account; after any other failure the caller rolls the transaction back.
    class Writer
    {
    public:
        explicit Writer(QSqlDatabase db);
        Created insert(const NewUser& user, const QByteArray& passwordHash);

    private:
        EventWriter m_events;
        QSqlQuery m_savepoint;
        QSqlQuery m_release;
        QSqlQuery m_rollback;
        QSqlQuery m_user;
        bool m_savepoints;
        QDateTime m_createdAt;
        QString m_createdAtText;
    };
    // Hashes the password and writes the account on the thread pool; the GUI thread never waits for either.
    QFuture<Created> createAsync(const NewUser& user);

    // Name, email and role (user.updated, with each changed field); nothing is written when nothing changes.
    Changed update(const QString& id, const UserChanges& changes);
    // A new password (user.password_reset, which carries no secret). passwordHash from PasswordHasher.
    Changed resetPassword(const QString& id, const QByteArray& passwordHash);
    // Checks the password (UserRules::validatePassword), hashes it and writes it on the thread pool. Once cancelled is
    // set (the dialog was closed), nothing is written after the hashing (Changed::cancelled).
    QFuture<Changed> resetPasswordAsync(const QString& id, const QString& password, const QString& confirmation,
                                        std::shared_ptr<const std::atomic_bool> cancelled = {});
    // user.disabled or user.enabled; nothing is written when the account already is.
    Changed setDisabled(const QString& id, bool disabled);
    // user.deleted, whose payload keeps the account's last name, email and role.
    Changed remove(const QString& id);

    // An account by its id, or else by its email address (whatever its case, UserRules::emailKey).
    std::optional<UserRecord> find(const QString& idOrEmail) const;
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

    // The columns UserStore reads an account from, for queries of other classes; read them back with fromRow().
    static QString columns(const QString& table = {});
    static UserRecord fromRow(const QSqlQuery& query, int first = 0);

private:
    // Runs apply on the account inside a transaction; apply changes the row and says which event to notify (nullopt:
    // nothing to write, or refused, as apply says in the result). The notifications are written, then committed.
    using Apply = std::function<std::optional<Event>(QSqlDatabase& db, Changed& result)>;
    Changed change(const QString& id, const Apply& apply);
    static QString nowText();

    Database* m_database;
};
