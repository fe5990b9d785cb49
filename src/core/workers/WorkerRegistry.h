#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>

class Database;

// One process that delivers notifications, as it announced itself in the workers table.
struct WorkerInfo
{
    QString id; // the owner of its outbox leases
    QString host;
    qint64 pid = 0;
    QString program; // WorkerRegistry::WindowProgram, ServeProgram or CliProgram
    QString version;
    QDateTime startedAt;
    QDateTime lastSeen;

    bool isService() const;
};

// The workers table: every process running a delivery worker refreshes its row every HeartbeatInterval while it runs
// and removes it when it stops; a row not seen for StaleAfter belongs to a process that died (killed, or its machine
// lost). Shared by every process on the database, so the window and the CLI know whether a service is running.
class WorkerRegistry
{
    Q_DECLARE_TR_FUNCTIONS(WorkerRegistry)

public:
    static constexpr std::chrono::milliseconds HeartbeatInterval = std::chrono::seconds(10);
    static constexpr std::chrono::milliseconds StaleAfter = std::chrono::seconds(30);
    // Rows of dead workers are kept this long for `crochet-cli workers --all`, then removed by any heartbeat.
    static constexpr std::chrono::milliseconds ForgetAfter = std::chrono::hours(24);

    static QString windowProgram() { return QStringLiteral("crochet"); }
    static QString serveProgram() { return QStringLiteral("crochet-cli serve"); }
    static QString cliProgram() { return QStringLiteral("crochet-cli"); }

    explicit WorkerRegistry(Database* database);

    // This process, as the worker id running program.
    static WorkerInfo thisProcess(const QString& id, const QString& program);

    // Inserts the worker's row or refreshes it, last seen now. Says why in error when the database cannot be written.
    bool announce(const WorkerInfo& worker, QString* error = nullptr);
    bool remove(const QString& id);
    // Removes the rows of workers not seen for ForgetAfter; returns how many.
    int forgetDead(const QDateTime& now = QDateTime::currentDateTimeUtc());

    // Every row, the most recently started first.
    QList<WorkerInfo> all() const;
    // The workers seen within StaleAfter of now.
    QList<WorkerInfo> live(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
    static bool isLive(const WorkerInfo& worker, const QDateTime& now = QDateTime::currentDateTimeUtc());

private:
    Database* m_database;
};
