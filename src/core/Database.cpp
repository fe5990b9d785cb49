#include "Database.h"

#include "Log.h"
#include "UserRules.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

#include <atomic>

namespace {

// Each entry moves the schema from version (index) to version (index + 1).
const char* const Migrations[] = {
    // 0 -> 1: settings and accounts
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE users ("
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " email TEXT NOT NULL,"
    " email_key TEXT NOT NULL UNIQUE,"
    " role TEXT NOT NULL,"
    " password_hash TEXT,"
    " created_at TEXT NOT NULL);",
    // 1 -> 2: the transactional outbox and its delivery history
    "CREATE TABLE notifications ("
    " id TEXT PRIMARY KEY,"
    " event TEXT NOT NULL,"
    " user_id TEXT,"
    " user_name TEXT,"
    " payload TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt_at INTEGER,"
    " lease_owner TEXT,"
    " lease_until INTEGER,"
    " last_status INTEGER,"
    " last_result TEXT,"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL);"
    "CREATE INDEX notifications_due ON notifications (state, next_attempt_at);"
    "CREATE INDEX notifications_created ON notifications (created_at);"
    "CREATE TABLE attempts ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " notification_id TEXT NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,"
    " number INTEGER NOT NULL,"
    " started_at INTEGER NOT NULL,"
    " duration_ms INTEGER NOT NULL,"
    " url TEXT NOT NULL,"
    " request_headers TEXT NOT NULL,"
    " request_body TEXT NOT NULL,"
    " status INTEGER,"
    " outcome TEXT NOT NULL,"
    " response_headers TEXT,"
    " response_body TEXT,"
    " diagnostic TEXT NOT NULL);"
    "CREATE INDEX attempts_notification ON attempts (notification_id);",
    // 2 -> 3: the Deliveries tab pages through one state at a time, newest first
    "CREATE INDEX notifications_state_created ON notifications (state, created_at);",
    // 3 -> 4: email keys in NFC; recomputeEmailKeys() does it, SQLite cannot normalise
    "",
};
static_assert(std::size(Migrations) == Database::CurrentSchemaVersion);

// A number no other thread of the process ever gets: a finished thread's id is reused by the system, and a
// connection found under a reused id belongs to the dead thread, which Qt refuses.
quint64 threadKey()
{
    static std::atomic<quint64> next { 1 };
    thread_local const quint64 key = next++;
    return key;
}

constexpr int EmailKeysInNfcVersion = 4;

// An address stored before keys were in NFC may be written decomposed: give it the key UserRules::emailKey gives now,
// so that the same address typed precomposed is seen as a duplicate.
bool recomputeEmailKeys(QSqlDatabase& db, QString* error)
{
    QSqlQuery select(db);
    if (!select.exec(QStringLiteral("SELECT rowid, email, email_key FROM users ORDER BY rowid"))) {
        *error = select.lastError().text();
        return false;
    }
    QList<QPair<qint64, QString>> changed;
    while (select.next()) {
        const auto key = UserRules::emailKey(select.value(1).toString());
        if (key != select.value(2).toString()) {
            changed.append({ select.value(0).toLongLong(), key });
        }
    }
    select.finish();
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE users SET email_key = ? WHERE rowid = ?"));
    int kept = 0;
    for (const auto& [rowid, key] : std::as_const(changed)) {
        update.addBindValue(key);
        update.addBindValue(rowid);
        if (!update.exec()) {
            if (!update.lastError().databaseText().contains(QLatin1String("UNIQUE"))) {
                *error = update.lastError().text();
                return false;
            }
            // Two accounts already exist for one address written two ways: neither can be dropped here, and the
            // other one holds the key, which is enough to refuse a third.
            ++kept;
        }
    }
    if (kept > 0) {
        qCWarning(lcDatabase) << kept << "accounts share their email address with another, written differently";
    }
    return true;
}

bool execAll(QSqlDatabase& db, const QString& script, QString* error)
{
    const auto statements = script.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const auto& statement : statements) {
        if (statement.trimmed().isEmpty()) {
            continue;
        }
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            if (error) {
                *error = query.lastError().text();
            }
            return false;
        }
    }
    return true;
}

} // namespace

Database::Database(QString path)
    : m_path(std::move(path))
    , m_connectionPrefix(QStringLiteral("crochet-%1-").arg(QUuid::createUuid().toString(QUuid::Id128)))
{
}

Database::~Database()
{
    QMutexLocker locker(&m_mutex);
    // Removing a connection closes it once nothing uses it; QSqlDatabase::database() would refuse (and warn about)
    // the connections of other threads, finished ones included.
    for (const auto& name : std::as_const(m_connectionNames)) {
        QSqlDatabase::removeDatabase(name);
    }
}

QString Database::defaultPath()
{
    // One place for the window and the CLI alike, whatever organisation name each sets.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/Crochet/crochet.sqlite");
}

QSqlDatabase Database::connection() const
{
    const QString name = m_connectionPrefix + QString::number(threadKey());
    if (QSqlDatabase::contains(name)) {
        return QSqlDatabase::database(name);
    }
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        qCWarning(lcDatabase) << "cannot open the database:" << db.lastError().text();
    } else {
        QSqlQuery query(db);
        query.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        query.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
        // Checkpoints are where WAL mode waits for the disk: let the log grow to about 40 MB between them, so that
        // bulk imports and deliveries are not stalled by a checkpoint every few thousand rows.
        query.exec(QStringLiteral("PRAGMA wal_autocheckpoint = 10000"));
    }
    QMutexLocker locker(&m_mutex);
    m_connectionNames.append(name);
    return db;
}

bool Database::open(QString* error)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error) {
            *error = tr("Cannot create the folder %1.").arg(info.absolutePath());
        }
        return false;
    }
    if (!info.exists()) {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly)) {
            if (error) {
                *error = tr("Cannot create the database %1: %2").arg(m_path, file.errorString());
            }
            return false;
        }
        file.close();
    }
    // Secrets live in this file: only its owner may read it, whoever created it.
    QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);

    auto db = connection();
    if (!db.isOpen()) {
        if (error) {
            *error = tr("Cannot open the database %1: %2").arg(m_path, db.lastError().text());
        }
        return false;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL"))) {
        qCWarning(lcDatabase) << "cannot enable WAL:" << query.lastError().text();
    }
    query.finish();
    return migrate(db, error);
}

int Database::schemaVersion() const
{
    QSqlQuery query(connection());
    int version = -1;
    if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next()) {
        version = query.value(0).toInt();
    }
    query.finish();
    return version;
}

bool Database::migrate(QSqlDatabase& db, QString* error)
{
    Transaction transaction(*this, db);
    const int version = schemaVersion();
    if (version > CurrentSchemaVersion) {
        if (error) {
            *error = tr("The database %1 was written by a newer version of Crochet (schema %2; this version knows %3).")
                         .arg(m_path)
                         .arg(version)
                         .arg(CurrentSchemaVersion);
        }
        return false;
    }
    if (version == CurrentSchemaVersion) {
        return true;
    }
    for (int step = version; step < CurrentSchemaVersion; ++step) {
        QString stepError;
        if (!execAll(db, QString::fromLatin1(Migrations[step]), &stepError)
            || (step + 1 == EmailKeysInNfcVersion && !recomputeEmailKeys(db, &stepError))) {
            if (error) {
                *error = tr("Cannot upgrade the database to schema %1: %2").arg(step + 1).arg(stepError);
            }
            return false;
        }
        qCInfo(lcDatabase) << "migrated the schema to version" << step + 1;
    }
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA user_version = %1").arg(CurrentSchemaVersion));
    return transaction.commit();
}

Transaction::Transaction(const Database& database, QSqlDatabase db)
    : m_db(std::move(db))
    , m_writer(&database.m_writeMutex)
{
    QSqlQuery query(m_db);
    m_active = query.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_active) {
        qCWarning(lcDatabase) << "cannot begin a transaction:" << query.lastError().text();
    }
}

Transaction::~Transaction()
{
    if (m_active) {
        QSqlQuery query(m_db);
        query.exec(QStringLiteral("ROLLBACK"));
    }
}

bool Transaction::commit()
{
    if (!m_active) {
        return false;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("COMMIT"))) {
        qCWarning(lcDatabase) << "cannot commit:" << query.lastError().text();
        return false;
    }
    m_active = false;
    return true;
}
