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
    static constexpr int CurrentSchemaVersion = 4;

    explicit Database(QString path);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // Creates the file (mode 0600) if needed, enables WAL and migrates the schema forward.
    bool open(QString* error = nullptr);
    QString path() const { return m_path; }

    // The calling thread's connection, opened on first use.
    QSqlDatabase connection() const;
    int schemaVersion() const;

    static QString defaultPath();

private:
    friend class Transaction;
    bool migrate(QSqlDatabase& db, QString* error);

    mutable QRecursiveMutex m_writeMutex;

    QString m_path;
    QString m_connectionPrefix;
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

private:
    QSqlDatabase m_db;
    QMutexLocker<QRecursiveMutex> m_writer;
    bool m_active = false;
};
