#include "users/UserStore.h"

#include "Log.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/RowIds.h"
#include "text/SafeText.h"
#include "users/PasswordHasher.h"
#include "users/UserRules.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent>

QString UserStore::searchPattern(const QString& search)
{
    return QLatin1Char('%') + Database::likeLiteral(UserRules::searchFold(search)) + QLatin1Char('%');
}

UserStore::UserStore(Database* database)
    : m_database(database)
{
}

UserStore::Created UserStore::create(const NewUser& input, const QByteArray& passwordHash)
{
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        Created created;
        created.error = tr("The database is busy or unavailable: %1").arg(db.lastError().text());
        return created;
    }
    auto created = Writer(db).insert(input, passwordHash);
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
    , m_savepoints(db.driverName() != QLatin1String("QSQLITE"))
{
    m_user.prepare(QStringLiteral("INSERT INTO users (id, name, email, email_key, role, password_hash, created_at, "
                                  "search_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
}

UserStore::Created UserStore::Writer::insert(const NewUser& input, const QByteArray& passwordHash)
{
    Created created;
    UserRecord user;
    user.id = RowIds::create();
    user.name = SafeText::normalized(input.name);
    user.email = SafeText::normalized(input.email);
    user.role = input.effectiveRole();
    const auto now = QDateTime::currentDateTimeUtc();
    user.createdAt = QDateTime(now.date(), QTime(now.time().hour(), now.time().minute(), now.time().second()), Qt::UTC);
    user.hasPassword = !passwordHash.isEmpty();

    // An address already taken must leave the transaction usable. SQLite undoes just the failed statement. PostgreSQL
    // gives the whole transaction up at any error, so there each account is written inside a savepoint (run as text:
    // PostgreSQL cannot PREPARE one); on SQLite a savepoint would only copy every page the account changes.
    if (m_savepoints) {
        m_savepoint.exec(QStringLiteral("SAVEPOINT account"));
    }
    const auto rollback = [this] {
        if (m_savepoints) {
            m_rollback.exec(QStringLiteral("ROLLBACK TO account"));
            m_release.exec(QStringLiteral("RELEASE account"));
        }
    };
    m_user.addBindValue(user.id);
    m_user.addBindValue(user.name);
    m_user.addBindValue(user.email);
    m_user.addBindValue(UserRules::emailKey(user.email));
    m_user.addBindValue(Roles::key(user.role));
    m_user.addBindValue(passwordHash.isEmpty() ? QVariant() : QVariant(QString::fromLatin1(passwordHash)));
    // An import writes hundreds of accounts a second: the second's text is made once.
    if (user.createdAt != m_createdAt) {
        m_createdAt = user.createdAt;
        m_createdAtText = m_createdAt.toString(Qt::ISODate);
    }
    m_user.addBindValue(m_createdAtText);
    m_user.addBindValue(UserRules::searchKey(user.name, user.email));
    if (!m_user.exec()) {
        if (SqlDialect::isUniqueViolation(m_user.lastError())) {
            created.duplicateEmail = true;
            created.error = UserRules::duplicateEmailMessage(user.email);
        } else {
            created.error = tr("Cannot save the account: %1").arg(m_user.lastError().text());
            qCWarning(lcUsers) << "insert failed:" << m_user.lastError().nativeErrorCode();
        }
        rollback();
        return created;
    }
    const auto notifications = m_events.write(Notification::userCreated(user));
    if (!notifications) {
        created.error = tr("Cannot record the account's notification; the account was not created.");
        rollback();
        return created;
    }
    created.notifications = *notifications;
    if (m_savepoints) {
        m_release.exec(QStringLiteral("RELEASE account"));
    }
    created.ok = true;
    created.user = user;
    return created;
}

QFuture<UserStore::Created> UserStore::createAsync(const NewUser& user)
{
    return QtConcurrent::run([database = m_database, user] {
        QByteArray hash;
        if (!user.password.isEmpty()) {
            hash = PasswordHasher::hash(user.password);
            if (hash.isEmpty()) {
                Created failed;
                failed.error = tr("Cannot hash the password (out of memory?); the account was not created.");
                return failed;
            }
        }
        return UserStore(database).create(user, hash);
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

QList<UserRecord> readUsers(QSqlQuery& query)
{
    QList<UserRecord> users;
    if (!query.exec()) {
        qCWarning(lcUsers) << "cannot list the accounts:" << query.lastError().text();
        return users;
    }
    while (query.next()) {
        users.append(UserStore::fromRow(query));
    }
    return users;
}

// Each order ends on a unique key and is read forwards or backwards from the table itself (creation) or an index of
// schema 7 (users_name, email_key's UNIQUE index, users_role, users_state). These hold the search key (but
// email_key's), so that a search skips the rows it does not find without reading them.
QString orderBy(UserStore::SortColumn column, Qt::SortOrder order, SqlDialect::Engine engine)
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
    if (column == UserStore::SortColumn::State) {
        keys.first() += SqlDialect::nullsFirst(engine, order == Qt::AscendingOrder); // active (NULL) first
    }
    return keys.join(QStringLiteral(", "));
}

// Up to this many accounts found, reading and sorting them all costs less than reading in order until the page is
// full (BenchUserSearch).
constexpr int FewMatches = 2000;

const QString SearchCondition = QStringLiteral(" WHERE search_key LIKE ? ESCAPE '!'");

} // namespace

QList<UserRecord> UserStore::list(int limit, int offset, Order order) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(
        QStringLiteral("SELECT %1 FROM users ORDER BY %2 LIMIT ? OFFSET ?")
            .arg(columns(), order == Order::NewestFirst ? QStringLiteral("rowid DESC") : QStringLiteral("rowid")));
    query.addBindValue(SqlDialect::limit(limit));
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
                      .arg(columns(),
                           few ? SqlDialect::indexedBy(m_database->engine(), QStringLiteral("users_name")) : QString(),
                           searching ? SearchCondition : QString(),
                           orderBy(request.column, request.order, m_database->engine())));
    if (searching) {
        query.addBindValue(searchPattern(request.search));
    }
    query.addBindValue(SqlDialect::limit(limit));
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

QString UserStore::columns(const QString& table)
{
    const auto prefix = table.isEmpty() ? QString() : table + QLatin1Char('.');
    return QStringLiteral("%1id, %1name, %1email, %1role, %1created_at, %1password_hash IS NOT NULL, "
                          "%1disabled_at IS NOT NULL, %1updated_at")
        .arg(prefix);
}

UserRecord UserStore::fromRow(const QSqlQuery& query, int first)
{
    UserRecord user;
    user.id = query.value(first).toString();
    user.name = query.value(first + 1).toString();
    user.email = query.value(first + 2).toString();
    user.role = Roles::fromStored(query.value(first + 3).toString());
    user.createdAt = QDateTime::fromString(query.value(first + 4).toString(), Qt::ISODate);
    user.hasPassword = query.value(first + 5).toBool();
    user.disabled = query.value(first + 6).toBool();
    user.updatedAt = QDateTime::fromString(query.value(first + 7).toString(), Qt::ISODate);
    return user;
}

std::optional<UserRecord> UserStore::find(const QString& idOrEmail) const
{
    QSqlQuery query(m_database->connection());
    // An id first: an email address is never a UUID, but a UUID could be typed as someone's address.
    query.prepare(QStringLiteral("SELECT %1 FROM users WHERE id = ? UNION ALL SELECT %1 FROM users WHERE email_key = ? "
                                 "LIMIT 1")
                      .arg(columns()));
    query.addBindValue(idOrEmail.trimmed());
    query.addBindValue(UserRules::emailKey(idOrEmail));
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return fromRow(query);
}

QString UserStore::nowText()
{
    const auto now = QDateTime::currentDateTimeUtc();
    return QDateTime(now.date(), QTime(now.time().hour(), now.time().minute(), now.time().second()), Qt::UTC)
        .toString(Qt::ISODate);
}

UserStore::Changed UserStore::change(const QString& id, const Apply& apply)
{
    Changed result;
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        result.error = tr("The database is busy or unavailable: %1").arg(transaction.errorText());
        return result;
    }
    // Read again inside the transaction: what is changed is what is stored now, whatever the window showed.
    QSqlQuery read(db);
    read.prepare(QStringLiteral("SELECT %1 FROM users WHERE id = ?").arg(columns()));
    read.addBindValue(id);
    if (!read.exec()) {
        result.error = tr("Cannot read the account: %1").arg(read.lastError().text());
        return result;
    }
    if (!read.next()) {
        result.notFound = true;
        result.error = tr("The account %1 does not exist (any more).").arg(id);
        return result;
    }
    result.user = fromRow(read);
    read.finish();
    const auto event = apply(db, result);
    if (!event) {
        return result;
    }
    result.event = *event;
    const auto notifications = EventWriter(db).write(Notification::forEvent(*event, result.user, result.changes));
    if (!notifications) {
        result.error = tr("Cannot record the change's notifications; the account was not changed.");
        return result;
    }
    if (!transaction.commit()) {
        result.error = tr("Cannot save the change: %1").arg(transaction.errorText());
        return result;
    }
    result.notifications = *notifications;
    result.ok = true;
    qCInfo(lcUsers) << "account" << result.user.id << Events::key(result.event);
    return result;
}

UserStore::Changed UserStore::update(const QString& id, const UserChanges& requested)
{
    return change(id, [&requested](QSqlDatabase& db, Changed& result) -> std::optional<Event> {
        auto& user = result.user;
        // Only what differs from the account as stored is a change.
        const auto changes = requested.differingFrom(user);
        if (changes.isEmpty()) {
            result.unchanged = true;
            return std::nullopt;
        }
        result.problems = UserRules::validate(changes, user);
        if (!result.problems.isEmpty()) {
            QStringList messages;
            for (const auto& problem : std::as_const(result.problems)) {
                messages << problem.message;
            }
            result.error = messages.join(QLatin1Char(' '));
            return std::nullopt;
        }
        const auto record = [&result](const QString& field, const QString& from, const QString& to) {
            result.changes.insert(field,
                                  QJsonObject { { QStringLiteral("from"), from }, { QStringLiteral("to"), to } });
        };
        if (changes.name) {
            const auto name = SafeText::normalized(*changes.name);
            record(QStringLiteral("name"), user.name, name);
            user.name = name;
        }
        if (changes.email) {
            const auto email = SafeText::normalized(*changes.email);
            record(QStringLiteral("email"), user.email, email);
            user.email = email;
        }
        if (changes.role) {
            record(QStringLiteral("role"), Roles::key(user.role), Roles::key(*changes.role));
            user.role = *changes.role;
        }
        user.updatedAt = QDateTime::fromString(nowText(), Qt::ISODate);
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE users SET name = ?, email = ?, email_key = ?, role = ?, search_key = ?, "
                                     "updated_at = ? WHERE id = ?"));
        query.addBindValue(user.name);
        query.addBindValue(user.email);
        query.addBindValue(UserRules::emailKey(user.email));
        query.addBindValue(Roles::key(user.role));
        query.addBindValue(UserRules::searchKey(user.name, user.email));
        query.addBindValue(user.updatedAt.toString(Qt::ISODate));
        query.addBindValue(user.id);
        // A refused update (an address taken) must leave the transaction usable: PostgreSQL aborts it otherwise.
        QSqlQuery savepoint(db);
        savepoint.exec(QStringLiteral("SAVEPOINT edit"));
        if (!query.exec()) {
            savepoint.exec(QStringLiteral("ROLLBACK TO edit"));
            if (SqlDialect::isUniqueViolation(query.lastError())) {
                result.duplicateEmail = true;
                result.error = UserRules::duplicateEmailMessage(user.email);
                result.problems.append({ UserRules::Field::Email, result.error });
            } else {
                result.error = tr("Cannot save the account: %1").arg(query.lastError().text());
            }
            return std::nullopt;
        }
        return Event::UserUpdated;
    });
}

UserStore::Changed UserStore::resetPassword(const QString& id, const QByteArray& passwordHash)
{
    return change(id, [&passwordHash](QSqlDatabase& db, Changed& result) -> std::optional<Event> {
        result.event = Event::UserPasswordReset;
        if (passwordHash.isEmpty()) {
            result.error = tr("Cannot hash the password (out of memory?); the password was not changed.");
            return std::nullopt;
        }
        auto& user = result.user;
        user.hasPassword = true;
        user.updatedAt = QDateTime::fromString(nowText(), Qt::ISODate);
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?"));
        query.addBindValue(QString::fromLatin1(passwordHash));
        query.addBindValue(user.updatedAt.toString(Qt::ISODate));
        query.addBindValue(user.id);
        if (!query.exec()) {
            result.error = tr("Cannot save the password: %1").arg(query.lastError().text());
            return std::nullopt;
        }
        return Event::UserPasswordReset;
    });
}

QFuture<UserStore::Changed> UserStore::resetPasswordAsync(const QString& id, const QString& password,
                                                          const QString& confirmation,
                                                          std::shared_ptr<const std::atomic_bool> cancelled)
{
    return QtConcurrent::run([database = m_database, id, password, confirmation, cancelled] {
        Changed refused;
        refused.event = Event::UserPasswordReset;
        refused.problems = UserRules::validatePassword(password, confirmation);
        if (!refused.problems.isEmpty()) {
            refused.error = refused.problems.constFirst().message;
            return refused;
        }
        const auto hash = PasswordHasher::hash(password);
        if (cancelled && *cancelled) {
            refused.cancelled = true;
            refused.error = tr("Cancelled: the password was not changed.");
            return refused;
        }
        return UserStore(database).resetPassword(id, hash);
    });
}

UserStore::Changed UserStore::setDisabled(const QString& id, bool disabled)
{
    return change(id, [disabled](QSqlDatabase& db, Changed& result) -> std::optional<Event> {
        auto& user = result.user;
        result.event = disabled ? Event::UserDisabled : Event::UserEnabled;
        if (user.disabled == disabled) {
            result.unchanged = true;
            return std::nullopt;
        }
        user.disabled = disabled;
        user.updatedAt = QDateTime::fromString(nowText(), Qt::ISODate);
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE users SET disabled_at = ?, updated_at = ? WHERE id = ?"));
        query.addBindValue(disabled ? QVariant(QDateTime::currentMSecsSinceEpoch()) : QVariant());
        query.addBindValue(user.updatedAt.toString(Qt::ISODate));
        query.addBindValue(user.id);
        if (!query.exec()) {
            result.error = tr("Cannot save the account: %1").arg(query.lastError().text());
            return std::nullopt;
        }
        return result.event;
    });
}

UserStore::Changed UserStore::remove(const QString& id)
{
    return change(id, [](QSqlDatabase& db, Changed& result) -> std::optional<Event> {
        result.event = Event::UserDeleted;
        QSqlQuery query(db);
        query.prepare(QStringLiteral("DELETE FROM users WHERE id = ?"));
        query.addBindValue(result.user.id);
        if (!query.exec()) {
            result.error = tr("Cannot delete the account: %1").arg(query.lastError().text());
            return std::nullopt;
        }
        return Event::UserDeleted;
    });
}
