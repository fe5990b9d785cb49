#pragma once

#include <QCoreApplication>
#include <QMutex>
#include <QRecursiveMutex>
#include <QSqlDatabase>
#include <QString>

// The SQLite database shared by the window and the CLI. Each thread gets its own connection to the same file.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    static constexpr int CurrentSchemaVersion = 10;
    // PRAGMA application_id of a Crochet database ("CROC"), in the file's header: how a Crochet database is told
    // apart from any other SQLite file. Databases written before it was set are recognised by their tables.
    static constexpr int ApplicationId = 0x43524f43;

    enum class Access
    {
        ReadWrite, // a write-protected file is refused
        ReadOnlyIfProtected, // a write-protected file is opened read-only: reads work, every write fails
    };

    explicit Database(QString path);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Creates the file (mode 0600) if it does not exist; never changes an existing file's mode. Refuses, with a
    // translated message and without touching it, what is not a regular file, a file that is not a Crochet database
    // and a damaged database (PRAGMA quick_check). Then enables WAL and migrates the schema forward.
    bool open(QString* error = nullptr, Access access = Access::ReadWrite);
    QString path() const { return m_path; }
    // Set by open() for a write-protected file opened with Access::ReadOnlyIfProtected.
    bool isReadOnly() const { return m_readOnly; }
    // How long a connection opened afterwards waits for another process's write lock (10 s by default).
    void setBusyTimeout(int milliseconds) { m_busyTimeoutMs = milliseconds; }

    // The calling thread's connection, opened on first use.
    QSqlDatabase connection() const;
    // PRAGMA user_version, or -1 when it cannot be read.
    int schemaVersion() const;

    static QString defaultPath();
    // text in a LIKE pattern written with ESCAPE '\\': its wildcards (% and _) and the escape itself match literally.
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

    mutable QRecursiveMutex m_writeMutex;

    QString m_path;
    QString m_connectionPrefix;
    bool m_readOnly = false;
    int m_busyTimeoutMs = 10000;
    mutable QMutex m_mutex;
    mutable QStringList m_connectionNames;
};

// A write transaction (BEGIN IMMEDIATE) on one connection that rolls back unless committed. Writers of one process
// queue on a mutex rather than in SQLite's busy handler, which sleeps in steps of milliseconds; other processes are
// still kept apart by SQLite's lock and busy timeout.
class Transaction
{
public:
    Transaction(const Database& database, QSqlDatabase db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    bool isActive() const { return m_active; }
    bool commit();
    // Why BEGIN or COMMIT failed (SQLite's words).
    QString errorText() const { return m_errorText; }

private:
    QSqlDatabase m_db;
    QString m_errorText;
    QMutexLocker<QRecursiveMutex> m_writer;
    bool m_active = false;
};
