#include "users/UserStore.h"

#include "Log.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "text/SafeText.h"
#include "users/PasswordHasher.h"
#include "users/UserRules.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QtConcurrent>

UserStore::UserStore(Database* database)
    : m_database(database)
{
}

UserStore::Created UserStore::create(const NewUser& input, const QByteArray& passwordHash, bool notify)
{
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        Created created;
        created.error = tr("The database is busy or unavailable: %1").arg(db.lastError().text());
        return created;
    }
    auto created = Writer(db).insert(input, passwordHash, notify);
    if (!created.ok) {
        return created;
    }
    if (!transaction.commit()) {
        Created failed;
        failed.error = tr("Cannot save the account: %1").arg(db.lastError().text());
        return failed;
    }
    qCInfo(lcUsers) << "created account" << created.user.id;
    return created;
}

UserStore::Writer::Writer(QSqlDatabase db)
    : m_events(db)
    , m_savepoint(db)
    , m_release(db)
    , m_rollback(db)
    , m_user(db)
{
    // A savepoint keeps each account and its notification together inside the larger transaction.
    m_savepoint.prepare(QStringLiteral("SAVEPOINT account"));
    m_release.prepare(QStringLiteral("RELEASE account"));
    m_rollback.prepare(QStringLiteral("ROLLBACK TO account"));
    m_user.prepare(QStringLiteral("INSERT INTO users (id, name, email, email_key, role, password_hash, created_at, "
                                  "search_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
}

UserStore::Created UserStore::Writer::insert(const NewUser& input, const QByteArray& passwordHash, bool notify)
{
    Created created;
    UserRecord user;
    user.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    user.name = SafeText::normalized(input.name);
    user.email = SafeText::normalized(input.email);
    user.role = UserRules::canonicalRole(input.role);
    const auto now = QDateTime::currentDateTimeUtc();
    user.createdAt = QDateTime(now.date(), QTime(now.time().hour(), now.time().minute(), now.time().second()), Qt::UTC);
    user.hasPassword = !passwordHash.isEmpty();

    m_savepoint.exec();
    const auto rollback = [this] {
        m_rollback.exec();
        m_release.exec();
    };
    m_user.addBindValue(user.id);
    m_user.addBindValue(user.name);
    m_user.addBindValue(user.email);
    m_user.addBindValue(UserRules::emailKey(user.email));
    m_user.addBindValue(user.role);
    m_user.addBindValue(passwordHash.isEmpty() ? QVariant() : QVariant(QString::fromLatin1(passwordHash)));
    m_user.addBindValue(user.createdAt.toString(Qt::ISODate));
    m_user.addBindValue(UserRules::searchKey(user.name, user.email));
    if (!m_user.exec()) {
        if (m_user.lastError().databaseText().contains(QLatin1String("UNIQUE"))) {
            created.duplicateEmail = true;
            created.error = UserRules::duplicateEmailMessage(user.email);
        } else {
            created.error = tr("Cannot save the account: %1").arg(m_user.lastError().text());
            qCWarning(lcUsers) << "insert failed:" << m_user.lastError().nativeErrorCode();
        }
        rollback();
        return created;
    }
    if (notify) {
        const auto notifications = m_events.write(Notification::userCreated(user));
        if (!notifications) {
            created.error = tr("Cannot record the account's notification; the account was not created.");
            rollback();
            return created;
        }
        created.notifications = *notifications;
    }
    m_release.exec();
    created.ok = true;
    created.user = user;
    return created;
}

QFuture<UserStore::Created> UserStore::createAsync(const NewUser& user, bool notify)
{
    return QtConcurrent::run([database = m_database, user, notify] {
        QByteArray hash;
        if (!user.password.isEmpty()) {
            hash = PasswordHasher::hash(user.password);
            if (hash.isEmpty()) {
                Created failed;
                failed.error = tr("Cannot hash the password (out of memory?); the account was not created.");
                return failed;
            }
        }
        return UserStore(database).create(user, hash, notify);
    });
}

bool UserStore::emailInUse(const QString& email) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT 1 FROM users WHERE email_key = ?"));
    query.addBindValue(UserRules::emailKey(email));
    return query.exec() && query.next();
}

namespace {

const QString UserColumns = QStringLiteral("id, name, email, role, created_at, password_hash IS NOT NULL, "
                                           "disabled_at IS NOT NULL");

UserRecord readUser(const QSqlQuery& query)
{
    UserRecord user;
    user.id = query.value(0).toString();
    user.name = query.value(1).toString();
    user.email = query.value(2).toString();
    user.role = query.value(3).toString();
    user.createdAt = QDateTime::fromString(query.value(4).toString(), Qt::ISODate);
    user.hasPassword = query.value(5).toBool();
    user.disabled = query.value(6).toBool();
    return user;
}

QList<UserRecord> readUsers(QSqlQuery& query)
{
    QList<UserRecord> users;
    if (!query.exec()) {
        qCWarning(lcUsers) << "cannot list the accounts:" << query.lastError().text();
        return users;
    }
    while (query.next()) {
        users.append(readUser(query));
    }
    return users;
}

// Each order ends on a unique key and is read forwards or backwards from the table itself (creation) or an index of
// schema 7 (users_name, email_key's UNIQUE index, users_role, users_state). These hold the search key (but
// email_key's), so that a search skips the rows it does not find without reading them.
QString orderBy(UserStore::SortColumn column, Qt::SortOrder order)
{
    const auto direction = order == Qt::AscendingOrder ? QString() : QStringLiteral(" DESC");
    QStringList keys;
    switch (column) {
    case UserStore::SortColumn::Name:
        keys = { QStringLiteral("search_key"), QStringLiteral("rowid") };
        break;
    case UserStore::SortColumn::Email:
        keys = { QStringLiteral("email_key") };
        break;
    case UserStore::SortColumn::Role:
        keys = { QStringLiteral("role"), QStringLiteral("search_key"), QStringLiteral("rowid") };
        break;
    case UserStore::SortColumn::State:
        keys = { QStringLiteral("disabled_at"), QStringLiteral("search_key"), QStringLiteral("rowid") };
        break;
    case UserStore::SortColumn::Created:
        // Accounts are numbered as they are written: the order of creation, even within one second (an import).
        keys = { QStringLiteral("rowid") };
        break;
    }
    for (auto& key : keys) {
        key += direction;
    }
    return keys.join(QStringLiteral(", "));
}

// The LIKE pattern that finds the folded search anywhere in search_key, its wildcards taken literally.
QString searchPattern(const QString& search)
{
    auto folded = UserRules::searchFold(search);
    folded.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    folded.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    folded.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + folded + QLatin1Char('%');
}

// Up to this many accounts found, reading and sorting them all costs less than reading in order until the page is
// full (BenchUserSearch).
constexpr int FewMatches = 2000;

const QString SearchCondition = QStringLiteral(" WHERE search_key LIKE ? ESCAPE '\\'");

} // namespace

QList<UserRecord> UserStore::list(int limit, int offset, Order order) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("SELECT %1 FROM users ORDER BY %2 LIMIT ? OFFSET ?")
            .arg(UserColumns, order == Order::NewestFirst ? QStringLiteral("rowid DESC") : QStringLiteral("rowid")));
    query.addBindValue(limit);
    query.addBindValue(offset);
    return readUsers(query);
}

QList<UserRecord> UserStore::list(const Query& request, int limit, int offset, int matching) const
{
    const bool searching = !UserRules::searchFold(request.search).isEmpty();
    if (searching && matching == 0) {
        return {};
    }
    // Read in the order asked, a search stops once it has its page: quick while what it finds is dense. When it finds
    // few, that order would read most rows for nothing; the search key's own index is read instead, and only what
    // it finds is sorted.
    const bool few =
        searching && matching >= 0 && matching <= FewMatches && (limit < 0 || matching <= 2 * (qint64(limit) + offset));
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT %1 FROM users%2%3 ORDER BY %4 LIMIT ? OFFSET ?")
                      .arg(UserColumns, few ? QStringLiteral(" INDEXED BY users_name") : QString(),
                           searching ? SearchCondition : QString(), orderBy(request.column, request.order)));
    if (searching) {
        query.addBindValue(searchPattern(request.search));
    }
    query.addBindValue(limit);
    query.addBindValue(offset);
    return readUsers(query);
}

int UserStore::count(const Query& request) const
{
    if (UserRules::searchFold(request.search).isEmpty()) {
        return count();
    }
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM users") + SearchCondition);
    query.addBindValue(searchPattern(request.search));
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

int UserStore::count() const
{
    QSqlQuery query(m_database->connection());
    return query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && query.next() ? query.value(0).toInt() : 0;
}

QByteArray UserStore::passwordHash(const QString& userId) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT password_hash FROM users WHERE id = ?"));
    query.addBindValue(userId);
    return query.exec() && query.next() ? query.value(0).toString().toLatin1() : QByteArray();
}
