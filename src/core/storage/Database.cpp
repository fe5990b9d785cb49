#include "storage/Database.h"

#include "Log.h"
#include "outbox/Event.h"
#include "users/UserRules.h"
#include "webhooks/Endpoint.h"
#include "webhooks/MessageTemplate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Each entry moves the schema from version (index) to version (index + 1). Written for SQLite; SqlDialect::schema()
// gives PostgreSQL's text ({rowid}: the row number SQLite gives every table, an explicit column on PostgreSQL).
const char* const Migrations[] = {
    // 0 -> 1: settings and accounts
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE users ({rowid}"
    " id TEXT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " email TEXT NOT NULL,"
    " email_key TEXT NOT NULL UNIQUE,"
    " role TEXT NOT NULL,"
    " password_hash TEXT,"
    " created_at TEXT NOT NULL);",
    // 1 -> 2: the transactional outbox and its delivery history
    "CREATE TABLE notifications ({rowid}"
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
    // 3 -> 4: results stored as a code and its arguments (DeliveryResult::toStored), rendered in the reader's
    // language; the text columns keep what older versions wrote
    ("ALTER TABLE attempts ADD COLUMN result TEXT;"
     "ALTER TABLE notifications ADD COLUMN last_result_code TEXT;"),
    // 4 -> 5: email keys in NFC; recomputeEmailKeys() does it, SQLite cannot normalise
    "",
    // 5 -> 6: each notification's request body rendered once when it is written, with the payload shape it was
    // rendered for (body NULL: written by an older version, rendered when sent); a delivered attempt whose body is that
    // stored body keeps only its compact figures (body_stored = 1) instead of a copy. Older attempts keep their rows.
    // The due index only ever serves pending notifications (claims, the next due time): delivered and failed ones
    // leave it.
    ("ALTER TABLE notifications ADD COLUMN body TEXT;"
     "ALTER TABLE notifications ADD COLUMN shape TEXT;"
     "ALTER TABLE attempts ADD COLUMN body_stored INTEGER;"
     "DROP INDEX notifications_due;"
     "CREATE INDEX notifications_due ON notifications (state, next_attempt_at) WHERE state = 'pending';"),
    // 6 -> 7: several endpoints, each subscribed to its events, and the whole account lifecycle. The webhook settings
    // become the main endpoint and every notification so far is its (createMainEndpoint() does it). Accounts can be
    // disabled, and carry a search key: name and email without case or accents (UserRules::searchKey), filled in by
    // fillSearchKeys(). The Users page pages through them sorted by any column, searched or not: one index for each
    // order, holding the search key (UserStore::list; email_key's UNIQUE index serves the email order).
    ("CREATE TABLE endpoints ("
     " id INTEGER PRIMARY KEY AUTOINCREMENT,"
     " name TEXT NOT NULL,"
     " name_key TEXT NOT NULL UNIQUE,"
     " url TEXT NOT NULL,"
     " format TEXT NOT NULL,"
     " timeout_seconds INTEGER NOT NULL,"
     " enabled INTEGER NOT NULL,"
     " main INTEGER NOT NULL,"
     " events TEXT NOT NULL,"
     " templates TEXT NOT NULL,"
     " signing_secret TEXT NOT NULL,"
     " previous_signing_secret TEXT NOT NULL,"
     " previous_secret_expires_at INTEGER,"
     " headers TEXT NOT NULL,"
     " gone_at INTEGER,"
     " created_at INTEGER NOT NULL,"
     " updated_at INTEGER NOT NULL);"
     "CREATE UNIQUE INDEX endpoints_main ON endpoints (main) WHERE main = 1;"
     "ALTER TABLE notifications ADD COLUMN endpoint_id INTEGER;"
     "ALTER TABLE users ADD COLUMN disabled_at INTEGER;"
     "ALTER TABLE users ADD COLUMN updated_at TEXT;"
     "ALTER TABLE users ADD COLUMN search_key TEXT;"
     "CREATE INDEX users_name ON users (search_key);"
     "CREATE INDEX users_role ON users (role, search_key);"
     "CREATE INDEX users_state ON users (disabled_at, search_key);"),
    // 7 -> 8: delivery workers announce themselves (WorkerRegistry): the window, crochet-cli serve and the other
    // commands that deliver refresh their row while they run and remove it when they stop; a row not seen for a
    // while belongs to a process that died. Times in milliseconds since the epoch, as in the outbox.
    ("CREATE TABLE workers ("
     " id TEXT PRIMARY KEY,"
     " host TEXT NOT NULL,"
     " pid BIGINT NOT NULL,"
     " program TEXT NOT NULL,"
     " version TEXT NOT NULL,"
     " started_at BIGINT NOT NULL,"
     " last_seen BIGINT NOT NULL);"),
    // 8 -> 9: digests (issue 11). endpoints.digest is 1 or 0 as an administrator chose, NULL for the format's default
    // (on for Discord, Slack, Google Chat and Teams, Auto included when its URL is theirs): an upgraded chat endpoint
    // gets the polite default. notifications.solo: redelivered alone, never in a digest. A digest is one request
    // carrying several notifications: its headers and body once (digests), and which attempt of which notification
    // it carried (digest_members); their attempts rows keep the result without a copy of the body.
    ("ALTER TABLE endpoints ADD COLUMN digest INTEGER;"
     "ALTER TABLE endpoints ADD COLUMN digest_window_seconds INTEGER NOT NULL DEFAULT 10;"
     "ALTER TABLE notifications ADD COLUMN solo INTEGER;"
     "CREATE TABLE digests ("
     " id TEXT PRIMARY KEY,"
     " endpoint_id INTEGER,"
     " started_at INTEGER NOT NULL,"
     " size INTEGER NOT NULL,"
     " request_headers TEXT NOT NULL,"
     " request_body TEXT NOT NULL);"
     "CREATE TABLE digest_members ("
     " notification_id TEXT NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,"
     " number INTEGER NOT NULL,"
     " digest_id TEXT NOT NULL REFERENCES digests (id) ON DELETE CASCADE,"
     " PRIMARY KEY (notification_id, number)) WITHOUT ROWID;"
     "CREATE INDEX digest_members_digest ON digest_members (digest_id);"),
    // 9 -> 10: what a notification row can rebuild is no longer stored twice (Outbox::enqueue, Outbox::record), and
    // rows
    // written before lose it too (compactNotifications(), with SQLite's JSON functions: PostgreSQL stores start at
    // schema 10, with no older row).
    "",
    // 10 -> 11: an attempt refers to its notification by the notification's row number instead of its 36-character
    // id, in the row and in its index (about 68 bytes an attempt, BenchStorage). A row number cannot carry SQLite's
    // ON DELETE CASCADE: Outbox::purge() removes the attempts with their notifications. The table is rebuilt, its
    // rows in their order.
    ("CREATE TABLE attempts_by_row ("
     " id INTEGER PRIMARY KEY AUTOINCREMENT,"
     " notification INTEGER NOT NULL,"
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
     " diagnostic TEXT NOT NULL,"
     " result TEXT,"
     " body_stored INTEGER);"
     "INSERT INTO attempts_by_row (notification, number, started_at, duration_ms, url, request_headers, request_body,"
     " status, outcome, response_headers, response_body, diagnostic, result, body_stored)"
     " SELECT n.rowid, a.number, a.started_at, a.duration_ms, a.url, a.request_headers, a.request_body, a.status,"
     " a.outcome, a.response_headers, a.response_body, a.diagnostic, a.result, a.body_stored"
     " FROM attempts a JOIN notifications n ON n.id = a.notification_id ORDER BY a.id;"
     "DROP TABLE attempts;"
     "ALTER TABLE attempts_by_row RENAME TO attempts;"
     "CREATE INDEX attempts_notification ON attempts (notification);"),
};
static_assert(std::size(Migrations) == Database::CurrentSchemaVersion);

// Databases of schema 1 to 3 were written before the application id was set; they are recognised by their tables.
constexpr int LastVersionWithoutApplicationId = 3;

// SQLite's primary result codes (the low byte of QSqlError::nativeErrorCode()).
constexpr int SqliteCorrupt = 11;
constexpr int SqliteNotADatabase = 26;

// The first 16 bytes of every SQLite 3 database file, NUL included.
constexpr char SqliteMagic[] = "SQLite format 3";
static_assert(sizeof(SqliteMagic) == 16);
constexpr int SqliteHeaderSize = 100;

// A number no other thread of the process ever gets: a finished thread's id is reused by the system, and a
// connection found under a reused id belongs to the dead thread, which Qt refuses.
quint64 threadKey()
{
    static std::atomic<quint64> next { 1 };
    thread_local const quint64 key = next++;
    return key;
}

constexpr int EmailKeysInNfcVersion = 5;

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
            if (!SqlDialect::isUniqueViolation(update.lastError())) {
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

constexpr int EndpointsVersion = 7;

// The webhook of schema 6 and older, kept in settings, becomes the main endpoint, with its history.
bool createMainEndpoint(QSqlDatabase& db, QString* error)
{
    QHash<QString, QString> settings;
    QSqlQuery read(db);
    if (!read.exec(QStringLiteral("SELECT key, value FROM settings WHERE key LIKE 'webhook/%' "
                                  "OR key = 'delivery/gone_webhook'"))) {
        *error = read.lastError().text();
        return false;
    }
    while (read.next()) {
        settings.insert(read.value(0).toString(), read.value(1).toString());
    }
    read.finish();
    const auto url = settings.value(QStringLiteral("webhook/url"), QStringLiteral(""));
    // A 410 was kept as the hash of the URL that answered it: the endpoint starts gone if that is still its URL.
    const auto gone =
        QJsonDocument::fromJson(settings.value(QStringLiteral("delivery/gone_webhook")).toUtf8()).object();
    const bool isGone = !url.isEmpty()
        && gone.value(QStringLiteral("url_sha256")).toString()
            == QString::fromLatin1(QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha256).toHex());
    const auto goneAt = QDateTime::fromString(gone.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    const auto expires =
        QDateTime::fromString(settings.value(QStringLiteral("webhook/previous_secret_expires_at")), Qt::ISODate);
    const auto now = QDateTime::currentMSecsSinceEpoch();
    const auto name = Endpoint::defaultMainName();
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral(
        "INSERT INTO endpoints (name, name_key, url, format, timeout_seconds, enabled, main, events, templates, "
        "signing_secret, previous_signing_secret, previous_secret_expires_at, headers, gone_at, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, 1, 1, 'user.created', '{}', ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    insert.addBindValue(name);
    insert.addBindValue(name.toCaseFolded());
    insert.addBindValue(url);
    insert.addBindValue(settings.value(QStringLiteral("webhook/format"), QStringLiteral("auto")));
    insert.addBindValue(settings.value(QStringLiteral("webhook/timeout_seconds"), QStringLiteral("10")).toInt());
    insert.addBindValue(settings.value(QStringLiteral("webhook/signing_secret"), QStringLiteral("")));
    insert.addBindValue(settings.value(QStringLiteral("webhook/previous_signing_secret"), QStringLiteral("")));
    insert.addBindValue(expires.isValid() ? QVariant(expires.toMSecsSinceEpoch())
                                          : QVariant(QMetaType::fromType<qlonglong>()));
    insert.addBindValue(settings.value(QStringLiteral("webhook/headers"), QStringLiteral("[]")));
    insert.addBindValue(isGone ? QVariant(goneAt.isValid() ? goneAt.toMSecsSinceEpoch() : now)
                               : QVariant(QMetaType::fromType<qlonglong>()));
    insert.addBindValue(now);
    insert.addBindValue(now);
    QSqlQuery assign(db);
    QSqlQuery forget(db);
    if (!insert.exec() || !insert.next()
        || !assign.exec(QStringLiteral("UPDATE notifications SET endpoint_id = %1").arg(insert.value(0).toLongLong()))
        || !forget.exec(
            QStringLiteral("DELETE FROM settings WHERE key LIKE 'webhook/%' OR key = 'delivery/gone_webhook'"))) {
        *error = (insert.lastError().isValid()       ? insert
                      : assign.lastError().isValid() ? assign
                                                     : forget)
                     .lastError()
                     .text();
        return false;
    }
    return true;
}

bool fillSearchKeys(QSqlDatabase& db, QString* error)
{
    QSqlQuery select(db);
    if (!select.exec(QStringLiteral("SELECT rowid, name, email FROM users"))) {
        *error = select.lastError().text();
        return false;
    }
    QList<QPair<qint64, QString>> keys;
    while (select.next()) {
        keys.append({ select.value(0).toLongLong(),
                      UserRules::searchKey(select.value(1).toString(), select.value(2).toString()) });
    }
    select.finish();
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE users SET search_key = ? WHERE rowid = ?"));
    for (const auto& [rowid, key] : std::as_const(keys)) {
        update.addBindValue(key);
        update.addBindValue(rowid);
        if (!update.exec()) {
            *error = update.lastError().text();
            return false;
        }
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

constexpr int CompactNotificationsVersion = 10;

// Templates equal to their event's default (in the language of the process that migrates, as Outbox::enqueue does)
// leave the payloads; Outbox::notification() puts the default back.
bool compactNotifications(QSqlDatabase& db, QString* error)
{
    // The account and its changes of a payload whose JSON body carries them unchanged; the result of a notification
    // delivered by a compact attempt (its status and that attempt's duration say it again).
    const auto rebuildable = QStringLiteral(
        "UPDATE notifications SET payload = json_remove(payload, '$.user', '$.changes') "
        "WHERE shape = 'json' AND body IS NOT NULL AND json_valid(payload) AND json_valid(body) "
        "AND json_type(payload, '$.user') = 'object' "
        "AND json(json_extract(payload, '$.user')) = json(json_extract(body, '$.user')) "
        "AND COALESCE(json(json_extract(payload, '$.changes')), '') = COALESCE(json(json_extract(body, '$.changes')), "
        "'');"
        "UPDATE notifications SET last_result_code = NULL "
        "WHERE last_status BETWEEN 200 AND 299 AND last_result_code = json_object('code', 'delivered', 'ms', "
        "(SELECT a.duration_ms FROM attempts a WHERE a.notification_id = notifications.id AND a.body_stored = 1 "
        "ORDER BY a.id DESC LIMIT 1), 'status', last_status);");
    if (!execAll(db, rebuildable, error)) {
        return false;
    }
    // A template equal to its event's default.
    QSqlQuery update(db);
    update.prepare(
        QStringLiteral("UPDATE notifications SET payload = json_remove(payload, '$.template') "
                       "WHERE event = ? AND json_valid(payload) AND json_extract(payload, '$.template') = ?"));
    for (const auto event : Events::all()) {
        update.addBindValue(Events::key(event));
        update.addBindValue(MessageTemplate::defaultText(event));
        if (!update.exec()) {
            *error = update.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace

Database::Database(QString location)
    : m_path(std::move(location))
    , m_connectionPrefix(QStringLiteral("crochet-%1-").arg(QUuid::createUuid().toString(QUuid::Id128)))
{
    if (DatabaseUrl::isUrl(m_path)) {
        m_engine = SqlDialect::Engine::Postgres;
        m_url = DatabaseUrl::parse(m_path, &m_urlError);
    }
}

QString Database::describe() const
{
    if (m_engine == SqlDialect::Engine::Sqlite) {
        return m_path;
    }
    return m_url ? m_url->describe() : tr("(malformed database URL)");
}

QString Database::location(const QString& given)
{
    if (!given.isEmpty()) {
        return given;
    }
    const auto fromEnvironment = qEnvironmentVariable("DATABASE_URL");
    return fromEnvironment.isEmpty() ? defaultPath() : fromEnvironment;
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

QString Database::likeLiteral(QString text)
{
    text.replace(QLatin1Char('!'), QLatin1String("!!"))
        .replace(QLatin1Char('%'), QLatin1String("!%"))
        .replace(QLatin1Char('_'), QLatin1String("!_"));
    return text;
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
    if (m_engine == SqlDialect::Engine::Postgres) {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        if (m_url) {
            db.setHostName(m_url->host);
            db.setPort(m_url->port);
            db.setUserName(m_url->user);
            // Empty: libpq reads PGPASSWORD or ~/.pgpass itself.
            db.setPassword(m_url->password);
            db.setDatabaseName(m_url->database);
            db.setConnectOptions(m_url->connectOptions());
            if (db.open()) {
                QSqlQuery query(db);
                // "relation already exists, skipping" and the like are not for the user's terminal.
                query.exec(QStringLiteral("SET client_min_messages = warning"));
            } else {
                qCWarning(lcDatabase) << "cannot connect to" << m_url->describe() << ":" << db.lastError().text();
            }
        }
        QMutexLocker locker(&m_mutex);
        m_connectionNames.append(name);
        return db;
    }
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(m_path);
    auto options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs);
    if (m_readOnly) {
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    }
    db.setConnectOptions(options);
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

bool Database::open(QString* error, Access access)
{
    m_readOnly = false;
    if (m_engine == SqlDialect::Engine::Postgres) {
        if (!m_url) {
            if (error) {
                *error = m_urlError;
            }
            return false;
        }
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            if (error) {
                *error = tr("Crochet cannot talk to PostgreSQL: Qt's PostgreSQL driver (QPSQL) is not installed. "
                            "Install the package libqt6sql6-psql.");
            }
            return false;
        }
        auto db = connection();
        if (!db.isOpen()) {
            if (error) {
                *error = connectionError(db.lastError());
            }
            return false;
        }
        return checkPostgres(db, error) && migrate(db, error);
    }
    if (!checkFile(access, error)) {
        return false;
    }
    auto db = connection();
    if (!db.isOpen()) {
        if (error) {
            *error = tr("Cannot open the database %1: %2").arg(m_path, db.lastError().text());
        }
        return false;
    }
    bool empty = false;
    if (!checkContents(db, &empty, error)) {
        return false;
    }
    if (m_readOnly) {
        // Nothing may be written: no WAL switch, no migration.
        const int version = schemaVersion();
        QString problem;
        if (empty) {
            problem = tr("The database %1 is empty and read-only: Crochet cannot set it up.").arg(m_path);
        } else if (version > CurrentSchemaVersion) {
            problem = newerSchemaMessage(version);
        } else if (version != CurrentSchemaVersion) {
            problem = tr("The database %1 is read-only and was written by an older version of Crochet: make it "
                         "writable once so that it can be upgraded.")
                          .arg(m_path);
        }
        if (!problem.isEmpty()) {
            if (error) {
                *error = problem;
            }
            return false;
        }
        qCInfo(lcDatabase) << "the database is write-protected: opened read-only";
        return true;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA journal_mode = WAL"))) {
        qCWarning(lcDatabase) << "cannot enable WAL:" << query.lastError().text();
    }
    query.finish();
    return migrate(db, error);
}

bool Database::checkFile(Access access, QString* error)
{
    const auto refuse = [error](const QString& message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    const auto native = QFile::encodeName(m_path);
    struct stat status = {};
    if (::stat(native.constData(), &status) != 0) {
        if (errno != ENOENT) {
            return refuse(tr("Cannot open the database %1: %2").arg(m_path, qt_error_string(errno)));
        }
        if (struct stat link = {}; ::lstat(native.constData(), &link) == 0) {
            return refuse(tr("%1 is a symbolic link to a file that does not exist.").arg(m_path));
        }
        const QFileInfo info(m_path);
        if (!QDir().mkpath(info.absolutePath())) {
            return refuse(tr("Cannot create the folder %1.").arg(info.absolutePath()));
        }
        // Secrets live in this file: only its owner may read it, from its creation on. An existing file keeps the
        // mode its owner gave it.
        const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
        if (fd >= 0) {
            ::close(fd);
        } else if (errno != EEXIST) { // EEXIST: another process created it meanwhile, checked below
            return refuse(tr("Cannot create the database %1: %2").arg(m_path, qt_error_string(errno)));
        }
        if (::stat(native.constData(), &status) != 0) {
            return refuse(tr("Cannot open the database %1: %2").arg(m_path, qt_error_string(errno)));
        }
    }
    if (S_ISDIR(status.st_mode)) {
        return refuse(tr("%1 is a folder, not a Crochet database.").arg(m_path));
    }
    if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode)) {
        return refuse(tr("%1 is a device, not a Crochet database.").arg(m_path));
    }
    if (S_ISFIFO(status.st_mode)) {
        return refuse(tr("%1 is a named pipe (FIFO), not a Crochet database.").arg(m_path));
    }
    if (!S_ISREG(status.st_mode)) {
        return refuse(tr("%1 is not a regular file, so not a Crochet database.").arg(m_path));
    }

    // The header is read before SQLite sees the file. O_NONBLOCK: a FIFO swapped in meanwhile cannot block us.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return refuse(tr("Cannot read the database %1: %2").arg(m_path, qt_error_string(errno)));
    }
    char header[SqliteHeaderSize] = {};
    qsizetype got = 0;
    struct stat opened = {};
    const bool regular = ::fstat(fd, &opened) == 0 && S_ISREG(opened.st_mode);
    while (regular && got < SqliteHeaderSize) {
        const auto n = ::read(fd, header + got, static_cast<size_t>(SqliteHeaderSize - got));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += n;
    }
    ::close(fd);
    if (!regular) {
        return refuse(tr("%1 is not a regular file, so not a Crochet database.").arg(m_path));
    }
    if (got > 0) {
        if (got < qsizetype(sizeof(SqliteMagic)) || std::memcmp(header, SqliteMagic, sizeof(SqliteMagic)) != 0) {
            return refuse(notCrochetMessage(false));
        }
        if (got < SqliteHeaderSize) {
            return refuse(damagedMessage(tr("the file ends inside its header")));
        }
    }

    // Root may write anything: a file whose mode grants no write permission at all is taken as protected too.
    const bool writeProtected =
        ::access(native.constData(), W_OK) != 0 || (status.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;
    if (writeProtected) {
        if (access == Access::ReadWrite) {
            return refuse(tr("The database %1 is read-only: Crochet needs to write to it. Make it writable, or choose "
                             "another file with --database.")
                              .arg(m_path));
        }
        m_readOnly = true;
    }
    return true;
}

bool Database::checkContents(QSqlDatabase& db, bool* empty, QString* error)
{
    const auto refuse = [error](const QString& message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    const auto failed = [this, &refuse](const QSqlError& sqlError) {
        switch (sqlError.nativeErrorCode().toInt() & 0xff) {
        case SqliteNotADatabase:
            return refuse(notCrochetMessage(false));
        case SqliteCorrupt:
            return refuse(damagedMessage(sqlError.databaseText()));
        default:
            return refuse(tr("Cannot read the database %1: %2").arg(m_path, sqlError.text()));
        }
    };

    QSqlQuery query(db);
    int values[2] = {};
    const QString pragmas[2] = { QStringLiteral("PRAGMA application_id"), QStringLiteral("PRAGMA user_version") };
    for (int i = 0; i < 2; ++i) {
        if (!query.exec(pragmas[i]) || !query.next()) {
            return failed(query.lastError());
        }
        values[i] = query.value(0).toInt();
    }
    const auto [applicationId, version] = values;
    QStringList tables;
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table'"))) {
        return failed(query.lastError());
    }
    while (query.next()) {
        tables << query.value(0).toString();
    }
    if (query.lastError().isValid()) {
        return failed(query.lastError());
    }

    *empty = tables.isEmpty() && applicationId == 0 && version == 0;
    if (*empty) {
        return true; // a new file, or an SQLite file with nothing in it: nothing to lose
    }
    if (applicationId != ApplicationId) {
        QStringList expected { QStringLiteral("settings"), QStringLiteral("users") };
        if (version >= 2) {
            expected << QStringLiteral("notifications") << QStringLiteral("attempts");
        }
        const bool earlyCrochet = applicationId == 0 && version >= 1 && version <= LastVersionWithoutApplicationId
            && std::all_of(expected.cbegin(), expected.cend(),
                           [&tables](const QString& table) { return tables.contains(table); });
        if (!earlyCrochet) {
            return refuse(notCrochetMessage(true));
        }
    }

    // A damaged file otherwise reads as empty tables. quick_check reads every page without checking index contents.
    if (!query.exec(QStringLiteral("PRAGMA quick_check"))) {
        return failed(query.lastError());
    }
    QStringList problems;
    while (query.next() && problems.size() < 3) {
        problems << query.value(0).toString();
    }
    if (query.lastError().isValid()) {
        return failed(query.lastError());
    }
    if (problems != QStringList { QStringLiteral("ok") }) {
        return refuse(damagedMessage(problems.join(QStringLiteral("; "))));
    }
    return true;
}

QString Database::notCrochetMessage(bool isSqlite) const
{
    return isSqlite ? tr("%1 is not a Crochet database: it is an SQLite database of another program.").arg(m_path)
                    : tr("%1 is not a Crochet database: it is not an SQLite database file.").arg(m_path);
}

QString Database::damagedMessage(const QString& detail) const
{
    return tr("The database %1 is damaged (%2). Restore it from a backup, or choose another file with --database.")
        .arg(m_path, detail);
}

QString Database::newerSchemaMessage(int version) const
{
    return tr("The database %1 was written by a newer version of Crochet (schema %2; this version knows %3).")
        .arg(m_path)
        .arg(version)
        .arg(CurrentSchemaVersion);
}

int Database::schemaVersion() const
{
    QSqlQuery query(connection());
    int version = -1;
    if (m_engine == SqlDialect::Engine::Postgres) {
        // No schema_meta table yet: a new database, version 0.
        // Not to_regclass(): its catalog cache may not yet know a table another process just committed.
        if (query.exec(QStringLiteral("SELECT COUNT(*) > 0 FROM information_schema.tables WHERE table_schema = "
                                      "current_schema() AND table_name = 'schema_meta'"))
            && query.next()) {
            const bool hasMeta = query.value(0).toBool();
            version = 0;
            if (hasMeta) {
                version = query.exec(QStringLiteral("SELECT version FROM schema_meta")) && query.next()
                    ? query.value(0).toInt()
                    : -1;
            }
        }
    } else if (query.exec(QStringLiteral("PRAGMA user_version")) && query.next()) {
        version = query.value(0).toInt();
    }
    query.finish();
    return version;
}

bool Database::checkPostgres(QSqlDatabase& db, QString* error)
{
    const auto refuse = [error](const QString& message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT to_regclass('schema_meta') IS NOT NULL, COUNT(*) FROM "
                                   "information_schema.tables WHERE table_schema = current_schema()"))
        || !query.next()) {
        return refuse(tr("Cannot read the database %1: %2").arg(describe(), query.lastError().text()));
    }
    const bool hasMeta = query.value(0).toBool();
    const auto tables = query.value(1).toLongLong();
    if (!hasMeta) {
        return tables == 0 ? true
                           : refuse(tr("%1 is not a Crochet database: it holds tables of another program. Give "
                                       "Crochet a database of its own.")
                                        .arg(describe()));
    }
    if (!query.exec(QStringLiteral("SELECT application_id FROM schema_meta")) || !query.next()
        || query.value(0).toLongLong() != ApplicationId) {
        return refuse(tr("%1 is not a Crochet database: it holds tables of another program. Give Crochet a "
                         "database of its own.")
                          .arg(describe()));
    }
    return true;
}

QString Database::connectionError(const QSqlError& sqlError) const
{
    // libpq's words, never the connection string: they name the server and the user, not the password.
    const auto text = sqlError.databaseText().isEmpty() ? sqlError.text() : sqlError.databaseText();
    const auto where = describe();
    if (text.contains(QLatin1String("password authentication failed"))
        || text.contains(QLatin1String("no password supplied"))
        || text.contains(QLatin1String("authentication failed"))) {
        return tr("PostgreSQL refused the user name or password for %1. Check the user in the URL and the password "
                  "(in the URL, PGPASSWORD or ~/.pgpass).")
            .arg(where);
    }
    if (text.contains(QLatin1String("does not exist")) && text.contains(QLatin1String("database"))) {
        return tr("The database %1 does not exist on the server: create it first (createdb, or CREATE DATABASE).")
            .arg(where);
    }
    if (text.contains(QLatin1String("Connection refused")) || text.contains(QLatin1String("could not connect"))
        || text.contains(QLatin1String("could not translate host name"))
        || text.contains(QLatin1String("timeout expired"))) {
        return tr("Cannot reach the PostgreSQL server of %1: %2").arg(where, text.trimmed());
    }
    return tr("Cannot open the database %1: %2").arg(where, text.trimmed());
}

bool Database::writeSchemaVersion(QSqlDatabase& db, QString* error)
{
    QSqlQuery query(db);
    if (m_engine == SqlDialect::Engine::Postgres) {
        // PostgreSQL has no user_version or application_id: one row says what SQLite's header says.
        QSqlQuery create(db);
        if (create.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_meta (id INTEGER PRIMARY KEY CHECK (id = 1), "
                                       "application_id BIGINT NOT NULL, version INTEGER NOT NULL)"))
            && query.exec(QStringLiteral("INSERT INTO schema_meta (id, application_id, version) VALUES (1, %1, %2) "
                                         "ON CONFLICT (id) DO UPDATE SET application_id = excluded.application_id, "
                                         "version = excluded.version")
                              .arg(ApplicationId)
                              .arg(CurrentSchemaVersion))) {
            return true;
        }
        if (error) {
            *error = tr("Cannot upgrade the database %1: %2")
                         .arg(describe(), (create.lastError().isValid() ? create : query).lastError().text());
        }
        return false;
    }
    if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(CurrentSchemaVersion))
        || !query.exec(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId))) {
        if (error) {
            *error = tr("Cannot upgrade the database %1: %2").arg(m_path, query.lastError().text());
        }
        return false;
    }
    return true;
}

bool Database::migrate(QSqlDatabase& db, QString* error)
{
    Transaction transaction(*this, db);
    if (!transaction.isActive()) {
        if (error) {
            *error = tr("Cannot write to the database %1: %2").arg(describe(), transaction.errorText());
        }
        return false;
    }
    if (m_engine == SqlDialect::Engine::Postgres) {
        // Two processes starting at once on a new database: the second waits here until the first has committed,
        // then finds the schema current (SQLite's BEGIN IMMEDIATE already does this).
        QSqlQuery lock(db);
        if (!lock.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(ApplicationId))) {
            if (error) {
                *error = tr("Cannot write to the database %1: %2").arg(describe(), lock.lastError().text());
            }
            return false;
        }
    }
    const int version = schemaVersion();
    if (version < 0 || version > CurrentSchemaVersion) {
        if (error) {
            *error = version < 0 ? tr("Cannot read the schema version of the database %1.").arg(m_path)
                                 : newerSchemaMessage(version);
        }
        return false;
    }
    for (int step = version; step < CurrentSchemaVersion; ++step) {
        QString stepError;
        if (!execAll(db, SqlDialect::schema(m_engine, QString::fromLatin1(Migrations[step])), &stepError)
            || (step + 1 == EmailKeysInNfcVersion && !recomputeEmailKeys(db, &stepError))
            || (step + 1 == EndpointsVersion
                && (!createMainEndpoint(db, &stepError) || !fillSearchKeys(db, &stepError)))
            || (step + 1 == CompactNotificationsVersion && m_engine == SqlDialect::Engine::Sqlite
                && !compactNotifications(db, &stepError))) {
            if (error) {
                *error = tr("Cannot upgrade the database to schema %1: %2").arg(step + 1).arg(stepError);
            }
            return false;
        }
        qCInfo(lcDatabase) << "migrated the schema to version" << step + 1;
    }
    QSqlQuery query(db);
    int applicationId = ApplicationId; // PostgreSQL's schema_meta holds both, checked by checkPostgres()
    if (m_engine == SqlDialect::Engine::Sqlite && query.exec(QStringLiteral("PRAGMA application_id")) && query.next()) {
        applicationId = query.value(0).toInt();
    }
    query.finish();
    if (version == CurrentSchemaVersion && applicationId == ApplicationId) {
        return true;
    }
    if (!writeSchemaVersion(db, error)) {
        return false;
    }
    if (!transaction.commit()) {
        if (error) {
            *error = tr("Cannot write to the database %1: %2").arg(describe(), transaction.errorText());
        }
        return false;
    }
    return true;
}

Transaction::Transaction(const Database& database, QSqlDatabase db)
    : m_db(std::move(db))
    , m_writer(&database.m_writeMutex)
{
    QSqlQuery query(m_db);
    m_active = query.exec(SqlDialect::beginWrite(database.engine()));
    if (!m_active) {
        m_errorText = query.lastError().text();
        qCWarning(lcDatabase) << "cannot begin a transaction:" << m_errorText;
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
        m_errorText = query.lastError().text();
        qCWarning(lcDatabase) << "cannot commit:" << m_errorText;
        return false;
    }
    m_active = false;
    return true;
}
