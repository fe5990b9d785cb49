// Notifications a second delivered by `crochet-cli deliveries flush` on PostgreSQL with 1 and 3 processes sharing the
// outbox, beside the SQLite figure (1 process), in the same run: NOTIFICATIONS pending notifications (2,000 by default)
// to a loopback receiver answering 204, RUNS times each (5 by default); the rate is from the start of the processes to
// the exit of the last. Needs the PostgreSQL test server (ctest starts it: postgres_start; or
// scripts/with-postgres.sh). Usage: BenchPostgresDelivery [NOTIFICATIONS] [RUNS]
#include "BenchCli.h"
#include "TestReceiver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>
#include <vector>

using BenchSupport::print;

using BenchCli::Setup;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int notifications = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 5;
    const auto program = BenchCli::program();
    if (program.isEmpty()) {
        return 1;
    }
    TestReceiver receiver;
    receiver.setStatus(204);
    if (!receiver.listen()) {
        return 1;
    }
    QTemporaryDir dir;
    const auto csvPath = BenchCli::writeAccounts(dir.path(), notifications);
    if (csvPath.isEmpty()) {
        return 1;
    }
    const QList<Setup> setups { { QStringLiteral("SQLite, 1 process"), false, 1 },
                                { QStringLiteral("PostgreSQL, 1 process"), true, 1 },
                                { QStringLiteral("PostgreSQL, 3 processes"), true, 3 } };
    QHash<QString, QList<double>> rates;
    for (int run = 1; run <= runs; ++run) {
        for (const auto& setup : setups) {
            const auto location = BenchCli::newDatabase(setup.postgres, dir.path(), QStringLiteral("run%1").arg(run));
            if (!BenchCli::preparePending(location, csvPath, notifications, receiver.url())) {
                print(QStringLiteral("%1: cannot prepare the database").arg(setup.name));
                return 1;
            }
            const auto received = receiver.count();
            std::vector<std::unique_ptr<QProcess>> flushes;
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < setup.processes; ++i) {
                auto process = std::make_unique<QProcess>();
                process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
                process->start(program,
                               { QStringLiteral("--database"), location, QStringLiteral("deliveries"),
                                 QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("600") });
                flushes.push_back(std::move(process));
            }
            // The receiver answers from this event loop while the flushes run.
            const bool done = BenchSupport::waitUntil(
                [&flushes] {
                    return std::all_of(flushes.cbegin(), flushes.cend(),
                                       [](const auto& process) { return process->state() == QProcess::NotRunning; });
                },
                600000);
            const auto elapsedMs = qMax<qint64>(1, timer.elapsed());
            const auto sent = receiver.count() - received;
            if (!done || sent < notifications) {
                print(QStringLiteral("%1, run %2: %3 of %4 received")
                          .arg(setup.name)
                          .arg(run)
                          .arg(sent)
                          .arg(notifications));
                return 1;
            }
            rates[setup.name].append(notifications * 1000.0 / elapsedMs);
            print(QStringLiteral("%1, run %2: %3 notifications/s")
                      .arg(setup.name)
                      .arg(run)
                      .arg(rates[setup.name].constLast(), 0, 'f', 0));
        }
    }
    BenchCli::printRates(setups, rates);
    return 0;
}
