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

QList<UserRecord> UserStore::list(int limit, int offset, Order order) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT id, name, email, role, created_at, password_hash IS NOT NULL FROM users "
                                 "ORDER BY %1 LIMIT ? OFFSET ?")
                      .arg(order == Order::NewestFirst ? QStringLiteral("rowid DESC") : QStringLiteral("rowid")));
    query.addBindValue(limit);
    query.addBindValue(offset);
    QList<UserRecord> users;
    if (!query.exec()) {
        return users;
    }
    while (query.next()) {
        UserRecord user;
        user.id = query.value(0).toString();
        user.name = query.value(1).toString();
        user.email = query.value(2).toString();
        user.role = query.value(3).toString();
        user.createdAt = QDateTime::fromString(query.value(4).toString(), Qt::ISODate);
        user.hasPassword = query.value(5).toBool();
        users.append(user);
    }
    return users;
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
