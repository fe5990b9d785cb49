#pragma once

#include "BenchSupport.h"
#include "TestFixtures.h"
#include "storage/Database.h"
#include "users/UserImporter.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <atomic>

// What the benchmarks that run crochet-cli processes against a loopback receiver share.
namespace BenchCli {

// The crochet-cli to measure (CROCHET_CLI), or empty after saying that it is missing.
inline QString program()
{
    const auto program = qEnvironmentVariable("CROCHET_CLI");
    if (program.isEmpty()) {
        BenchSupport::print(QStringLiteral("set CROCHET_CLI to the crochet-cli to measure"));
    }
    return program;
}

// Which store the processes share, and how many there are.
struct Setup
{
    QString name;
    bool postgres;
    int processes;
};

// A new database: a throw-away one on the PostgreSQL test server, or a file named name in dir.
inline QString newDatabase(bool postgres, const QString& dir, const QString& name)
{
    return postgres ? TestFixtures::newPostgresDatabase() : dir + QLatin1Char('/') + name + QStringLiteral(".sqlite");
}

// Writes the accounts of csvPath into the database at location, set to send to receiver, without delivering: count
// notifications left pending. False unless all count were written.
inline bool preparePending(const QString& location, const QString& csvPath, int count, const QUrl& receiver)
{
    Database database(location);
    if (!database.open() || !TestFixtures::setWebhookUrl(&database, receiver.toString())) {
        return false;
    }
    const std::atomic_bool cancelled = false;
    return UserImporter::run(&database, csvPath, cancelled).created == count;
}

// A CSV of count pending accounts written in dir: its path, or empty if it could not be written.
inline QString writeAccounts(const QString& dir, int count)
{
    const QString path = dir + QStringLiteral("/accounts.csv"); // a QString, not a builder of temporaries
    return TestFixtures::writeFile(path, TestFixtures::pendingAccountsCsv(count)) ? path : QString();
}

// Each setup's rates (notifications a second): min / median / max, and its median as a multiple of the first
// setup's (SQLite's).
inline void printRates(const QList<Setup>& setups, const QHash<QString, QList<double>>& rates)
{
    const auto reference = BenchSupport::median(rates.value(setups.constFirst().name));
    for (const auto& setup : setups) {
        const auto values = rates.value(setup.name);
        BenchSupport::print(QStringLiteral("%1: %2 notifications/s (%3 x SQLite's median)")
                                .arg(setup.name, BenchSupport::figures(values, 0))
                                .arg(BenchSupport::median(values) / reference, 0, 'f', 2));
    }
}

} // namespace BenchCli
