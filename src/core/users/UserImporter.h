#pragma once

#include <QCoreApplication>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

class Database;

// Imports accounts from a CSV file with the header row name,email,password,role (as Open WebUI's import does).
// Parsing, validation, hashing (in parallel) and commits happen off the calling thread, in batches: each batch of
// accounts is committed with its notifications, so cancelling keeps every account already committed, each with its
// notification. An empty password makes a pending account with no password.
class UserImporter : public QObject
{
    Q_OBJECT

public:
    struct Refused
    {
        int line = 0; // 1-based line in the file where the row starts
        QString reason; // translated
    };

    struct Summary
    {
        int created = 0;
        QList<Refused> refused;
        bool cancelled = false;
        QString error; // translated; set when the file itself could not be used
    };

    struct Callbacks
    {
        std::function<void(int done, int total)> progress;
        std::function<void(int created)> batchCommitted;
        // Replaces PasswordHasher::hash when set: lets the fuzz target import many rows without Argon2id's cost.
        std::function<QByteArray(const QString& password)> hash;
    };

    explicit UserImporter(Database* database, QObject* parent = nullptr);
    ~UserImporter() override;

    // Each account is created with its user.created notifications (none when no endpoint subscribes).
    void start(const QString& csvPath);
    void cancel();
    // Blocks until the import thread has ended (for the CLI and shutdown); finished() is still delivered later.
    void wait();
    bool isRunning() const { return m_running; }

    // The whole import on the calling thread; used by start() on a worker thread.
    static Summary run(Database* database, const QString& csvPath, const std::atomic_bool& cancelled,
                       const Callbacks& callbacks = {});

signals:
    void progress(int done, int total);
    // Emitted after each committed batch, so deliveries can start while the import goes on.
    void batchCommitted(int created);
    void finished(const UserImporter::Summary& summary);

private:
    Database* m_database;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    bool m_running = false;
    QPointer<QThread> m_thread;
};
Q_DECLARE_METATYPE(UserImporter::Summary)
