#pragma once

#include "storage/DatabaseUrl.h"
#include "storage/SqlDialect.h"

#include <QCoreApplication>
#include <QMutex>
#include <QRecursiveMutex>
#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlError;

// The database shared by the window and the CLI: an SQLite file, or a PostgreSQL database shared by a team. Each thread
// gets its own connection to it.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    static constexpr int CurrentSchemaVersion = 11;
    // PRAGMA application_id of a Crochet database ("CROC"), in the file's header: how a Crochet database is told
    // apart from any other SQLite file. Databases written before it was set are recognised by their tables.
    static constexpr int ApplicationId = 0x43524f43;

    enum class Access
    {
        ReadWrite, // a write-protected file is refused
        ReadOnlyIfProtected, // a write-protected file is opened read-only: reads work, every write fails
    };

    // location: a file path, or a PostgreSQL URL (postgresql://user@host:5432/database?sslmode=require).
    explicit Database(QString location);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Creates the file (mode 0600) if it does not exist; never changes an existing file's mode. Refuses, with a
    // translated message and without touching it, what is not a regular file, a file that is not a Crochet database
    // and a damaged database (PRAGMA quick_check). Then enables WAL and migrates the schema forward.
    // On PostgreSQL: connects, refuses a database holding other tables than Crochet's, then migrates the schema
    // forward (one process at a time).
    bool open(QString* error = nullptr, Access access = Access::ReadWrite);
    // The file path or the URL as given (a URL may hold a password: show describe() instead).
    QString path() const { return m_path; }
    // What to show for this store: the file path, or "host:port/database" (never a password).
    QString describe() const;
    SqlDialect::Engine engine() const { return m_engine; }
    bool isShared() const { return m_engine == SqlDialect::Engine::Postgres; }
    // Set by open() for a write-protected file opened with Access::ReadOnlyIfProtected.
    bool isReadOnly() const { return m_readOnly; }
    // How long a connection opened afterwards waits for another process's write lock (10 s by default).
    void setBusyTimeout(int milliseconds) { m_busyTimeoutMs = milliseconds; }

    // The calling thread's connection, opened on first use.
    QSqlDatabase connection() const;
    // PRAGMA user_version, or -1 when it cannot be read.
    int schemaVersion() const;

    static QString defaultPath();
    // The store to open: the --database value when given, else $DATABASE_URL (Open WebUI's variable) when set, else
    // defaultPath().
    static QString location(const QString& given);
    // text in a LIKE pattern written with ESCAPE '!': its wildcards (% and _) and the escape itself match literally.
    // Not a backslash: Qt's PostgreSQL driver takes '\\' for an escaped quote and stops replacing placeholders.
    static QString likeLiteral(QString text);
    // value to bind to a NOT NULL text column: a null QString would bind as SQL NULL.
    static QString text(const QString& value) { return value.isNull() ? QStringLiteral("") : value; }

private:
    friend class Transaction;
    bool checkFile(Access access, QString* error);
    bool checkContents(QSqlDatabase& db, bool* empty, QString* error);
    QString notCrochetMessage(bool isSqlite) const;
    QString damagedMessage(const QString& detail) const;
    QString newerSchemaMessage(int version) const;
    bool migrate(QSqlDatabase& db, QString* error);
    bool checkPostgres(QSqlDatabase& db, QString* error);
    QString connectionError(const QSqlError& error) const;
    bool writeSchemaVersion(QSqlDatabase& db, QString* error);

    mutable QRecursiveMutex m_writeMutex;

    QString m_path;
    SqlDialect::Engine m_engine = SqlDialect::Engine::Sqlite;
    std::optional<DatabaseUrl> m_url;
    QString m_urlError;
    QString m_connectionPrefix;
    bool m_readOnly = false;
    int m_busyTimeoutMs = 10000;
    mutable QMutex m_mutex;
    mutable QStringList m_connectionNames;
};

// A write transaction (SqlDialect::beginWrite) on one connection that rolls back unless committed. Writers of one
// process queue on a mutex rather than in SQLite's busy handler, which sleeps in steps of milliseconds; other processes
// are still kept apart by SQLite's lock and busy timeout, or by PostgreSQL's row locks.
class Transaction
{
public:
    Transaction(const Database& database, QSqlDatabase db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    bool isActive() const { return m_active; }
    bool commit();
    // Why BEGIN or COMMIT failed (the database's words).
    QString errorText() const { return m_errorText; }

private:
    QSqlDatabase m_db;
    QString m_errorText;
    QMutexLocker<QRecursiveMutex> m_writer;
    bool m_active = false;
};
