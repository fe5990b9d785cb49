// What the integrity check on open costs. Builds a database of 100,000 accounts, then one where each account also has
// its delivered notification and one recorded attempt; on each, times PRAGMA quick_check, a plain SELECT count(*) of
// the accounts, a scan of every row of every table and the whole Database::open() (which runs quick_check), 5 runs
// each on fresh connections, and prints min/median/max and ratios. Usage: BenchQuickCheck [ACCOUNTS]
#include "BenchSupport.h"
#include "TestFixtures.h"
#include "storage/Database.h"
#include "users/User.h"
#include "users/UserStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using BenchSupport::print;

namespace {

constexpr int Runs = 5;

struct Figures
{
    double min = 0;
    double median = 0;
    double max = 0;
};

Figures summarise(QList<double> times)
{
    std::sort(times.begin(), times.end());
    return { times.constFirst(), times.at(times.size() / 2), times.constLast() };
}

// Runs the query on a new plain connection each time (not Database::open(), which runs quick_check itself), so that
// SQLite's page cache starts empty; the system's file cache stays warm, as it is for a database used every day.
Figures measure(const QString& path, const QString& sql)
{
    QList<double> times;
    for (int run = 0; run < Runs; ++run) {
        const auto name = QStringLiteral("bench-%1").arg(run);
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            if (!db.open()) {
                qFatal("cannot open the benchmark database");
            }
            QElapsedTimer timer;
            timer.start();
            QSqlQuery query(db);
            if (!query.exec(sql)) {
                qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            }
            while (query.next()) { }
            times << timer.nsecsElapsed() / 1e6;
        }
        QSqlDatabase::removeDatabase(name);
    }
    return summarise(times);
}

// The whole of Database::open() on an existing database: checks, quick_check, WAL, schema.
Figures measureOpen(const QString& path)
{
    QList<double> times;
    for (int run = 0; run < Runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        Database database(path);
        if (!database.open()) {
            qFatal("cannot open the benchmark database");
        }
        times << timer.nsecsElapsed() / 1e6;
    }
    return summarise(times);
}

bool query(Database& database, const QString& sql)
{
    QSqlQuery query(database.connection());
    if (!query.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    while (query.next()) { }
    return true;
}

QString describe(const QString& name, const Figures& figures, const Figures& reference)
{
    return QStringLiteral("%1: min %2 ms, median %3 ms, max %4 ms (median %5x the count)")
        .arg(name)
        .arg(figures.min, 0, 'f', 1)
        .arg(figures.median, 0, 'f', 1)
        .arg(figures.max, 0, 'f', 1)
        .arg(figures.median / reference.median, 0, 'f', 1);
}

bool populate(const QString& path, int accounts, bool withHistory)
{
    Database database(path);
    if (!database.open()) {
        return false;
    }
    // With history, every account gets a user.created notification: an endpoint must receive them.
    if (withHistory && !TestFixtures::setWebhookUrl(&database, QStringLiteral("https://hooks.example.com/c0de"))) {
        return false;
    }
    auto db = database.connection();
    constexpr int Batch = 2000;
    for (int offset = 0; offset < accounts; offset += Batch) {
        Transaction transaction(database, db);
        UserStore::Writer writer(db);
        for (int i = offset; i < qMin(accounts, offset + Batch); ++i) {
            NewUser user;
            user.name = QStringLiteral("User %1").arg(i);
            user.email = QStringLiteral("user%1@example.com").arg(i);
            user.role = Role::Pending;
            if (!writer.insert(user, QByteArray()).ok) {
                return false;
            }
        }
        if (!transaction.commit()) {
            return false;
        }
    }
    if (!withHistory) {
        return true;
    }
    // One delivered attempt per notification, as a day of normal use leaves them.
    Transaction transaction(database, db);
    const bool ok = query(database,
                          QStringLiteral("INSERT INTO attempts (notification, number, started_at, duration_ms, url, "
                                         "request_headers, request_body, status, outcome, response_headers, "
                                         "response_body, diagnostic) "
                                         "SELECT rowid, 1, created_at, 12, 'https://hooks.example.com/…c0de', "
                                         "'Content-Type: application/json\nUser-Agent: Crochet/0.1.0\nwebhook-id: ' "
                                         "|| id, payload, 204, 'delivered', 'Content-Length: 0', '', "
                                         "'Delivered: HTTP 204 in 12 ms.' FROM notifications"))
        && query(database, QStringLiteral("UPDATE notifications SET state = 'delivered', attempts = 1"));
    return ok && transaction.commit();
}

} // namespace

// Builds one database and prints its figures.
bool bench(const QString& path, int accounts, bool withHistory)
{
    QElapsedTimer timer;
    timer.start();
    if (!populate(path, accounts, withHistory)) {
        print(QStringLiteral("cannot build the benchmark database"));
        return false;
    }
    print(QString());
    print((withHistory ? QStringLiteral("%1 accounts, each with its delivered notification and one attempt")
                       : QStringLiteral("%1 accounts, no notifications (no webhook configured)"))
              .arg(accounts));
    print(QStringLiteral("built in %1 s; file: %2 MB")
              .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
              .arg(QFileInfo(path).size() / 1e6, 0, 'f', 1));

    const auto count = measure(path, QStringLiteral("SELECT count(*) FROM users"));
    const auto scan = measure(path,
                              QStringLiteral("SELECT (SELECT sum(length(name) + length(email)) FROM users), "
                                             "(SELECT sum(length(payload)) FROM notifications), "
                                             "(SELECT sum(length(request_body)) FROM attempts)"));
    const auto check = measure(path, QStringLiteral("PRAGMA quick_check"));
    const auto open = measureOpen(path);

    print(QStringLiteral("%1 runs each, on fresh connections:").arg(Runs));
    print(describe(QStringLiteral("SELECT count(*) FROM users"), count, count));
    print(describe(QStringLiteral("full scan of every table's rows"), scan, count));
    print(describe(QStringLiteral("PRAGMA quick_check"), check, count));
    print(describe(QStringLiteral("Database::open() (with quick_check)"), open, count));
    print(QStringLiteral("quick_check / full scan (medians): %1").arg(check.median / scan.median, 0, 'f', 2));
    return true;
}

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int accounts = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    const bool ok = bench(dir.filePath(QStringLiteral("accounts.sqlite")), accounts, false)
        && bench(dir.filePath(QStringLiteral("history.sqlite")), accounts, true);
    return ok ? 0 : 1;
}
