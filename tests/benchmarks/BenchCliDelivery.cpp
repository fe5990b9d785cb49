// Runs `crochet-cli deliveries flush` on a database holding NOTIFICATIONS pending notifications (10,000 by default)
// against a loopback receiver answering 204, RUNS times (5 by default), and prints its rate and the CPU time the CLI
// process spent per notification (user + system, from getrusage of the finished child). Then runs `crochet-cli user
// import` of as many accounts and prints when the first and the last notification reached the receiver, and when the
// import exited. CROCHET_CLI names the crochet-cli to measure; CROCHET_CLI_BEFORE, when set, names another build
// measured in the same run, alternately. Usage: BenchCliDelivery [NOTIFICATIONS] [RUNS]
#include "BenchCli.h"
#include "TestReceiver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using BenchSupport::childrenCpuMicroseconds;
using BenchSupport::print;

namespace {

struct Run
{
    double rate = 0; // notifications a second, from the start of the process to its exit
    double cpuMicroseconds = 0; // per notification
};

struct ImportRun
{
    qint64 firstMs = -1; // the first notification received, from the start of the process
    qint64 lastMs = -1; // the last one
    qint64 exitMs = 0;
    int received = 0; // before the process exited
};

QString summary(QList<double> values, int decimals)
{
    std::sort(values.begin(), values.end());
    return QStringLiteral("min %1, median %2, max %3")
        .arg(values.constFirst(), 0, 'f', decimals)
        .arg(values.at(values.size() / 2), 0, 'f', decimals)
        .arg(values.constLast(), 0, 'f', decimals);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int notifications = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 5;

    const auto measured = BenchCli::program();
    if (measured.isEmpty()) {
        return 1;
    }
    QList<QPair<QString, QString>> builds { { QStringLiteral("after"), measured } };
    if (qEnvironmentVariableIsSet("CROCHET_CLI_BEFORE")) {
        builds.prepend({ QStringLiteral("before"), qEnvironmentVariable("CROCHET_CLI_BEFORE") });
    }

    TestReceiver receiver;
    receiver.setStatus(204);
    if (!receiver.listen()) {
        return 1;
    }
    QTemporaryDir dir;
    const auto templatePath = dir.filePath(QStringLiteral("template.sqlite"));
    const auto csvPath = BenchCli::writeAccounts(dir.path(), notifications);
    // The webhook set before the import: an account written with no endpoint to notify leaves no notification.
    if (csvPath.isEmpty() || !BenchCli::preparePending(templatePath, csvPath, notifications, receiver.url())) {
        return 1;
    }

    const auto emptyPath = dir.filePath(QStringLiteral("empty.sqlite"));
    {
        Database database(emptyPath);
        if (!database.open()) {
            return 1;
        }
        TestFixtures::setWebhookUrl(&database, receiver.url().toString());
    }

    QHash<QString, QList<Run>> results;
    for (int run = 1; run <= runs; ++run) {
        for (const auto& [name, program] : std::as_const(builds)) {
            const auto path = dir.filePath(QStringLiteral("run.sqlite"));
            QFile::remove(path);
            if (!QFile::copy(templatePath, path)) {
                return 1;
            }
            const auto received = receiver.count();
            const auto cpuBefore = childrenCpuMicroseconds();
            QProcess cli;
            cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            QElapsedTimer timer;
            timer.start();
            cli.start(program,
                      { QStringLiteral("--database"), path, QStringLiteral("deliveries"), QStringLiteral("flush"),
                        QStringLiteral("--wait"), QStringLiteral("600") });
            // The receiver answers from this event loop while the flush runs.
            QEventLoop loop;
            QObject::connect(&cli, &QProcess::finished, &loop, &QEventLoop::quit);
            loop.exec();
            const auto elapsedMs = qMax<qint64>(1, timer.elapsed());
            const auto cpu = childrenCpuMicroseconds() - cpuBefore;
            const auto sent = receiver.count() - received;
            if (cli.exitCode() != 0 || sent != notifications) {
                print(QStringLiteral("%1 run %2: exit %3, %4 of %5 received: %6")
                          .arg(name)
                          .arg(run)
                          .arg(cli.exitCode())
                          .arg(sent)
                          .arg(notifications)
                          .arg(QString::fromUtf8(cli.readAllStandardOutput()).trimmed()));
                return 1;
            }
            const Run result { notifications * 1000.0 / elapsedMs, double(cpu) / notifications };
            results[name].append(result);
            print(QStringLiteral("%1 run %2: %3 notifications in %4 ms, %5/s, CPU %6 µs per notification")
                      .arg(name)
                      .arg(run)
                      .arg(notifications)
                      .arg(elapsedMs)
                      .arg(result.rate, 0, 'f', 0)
                      .arg(result.cpuMicroseconds, 0, 'f', 0));
        }
    }
    QHash<QString, QList<ImportRun>> imports;
    for (int run = 1; run <= runs; ++run) {
        for (const auto& [name, program] : std::as_const(builds)) {
            const auto path = dir.filePath(QStringLiteral("import.sqlite"));
            QFile::remove(path);
            if (!QFile::copy(emptyPath, path)) {
                return 1;
            }
            const auto received = receiver.count();
            ImportRun result;
            QElapsedTimer timer;
            const auto arrival = QObject::connect(&receiver, &TestReceiver::requestReceived, &app, [&] {
                const auto count = receiver.count() - received;
                if (count == 1) {
                    result.firstMs = timer.elapsed();
                }
                if (count == notifications) {
                    result.lastMs = timer.elapsed();
                }
            });
            QProcess cli;
            cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            timer.start();
            cli.start(
                program,
                { QStringLiteral("--database"), path, QStringLiteral("user"), QStringLiteral("import"), csvPath });
            QEventLoop loop;
            QObject::connect(&cli, &QProcess::finished, &loop, &QEventLoop::quit);
            loop.exec();
            result.exitMs = timer.elapsed();
            result.received = receiver.count() - received;
            QObject::disconnect(arrival);
            imports[name].append(result);
            print(QStringLiteral("%1 import run %2: first notification received at %3 ms, last at %4 ms, exit at %5 ms "
                                 "with %6 of %7 received")
                      .arg(name)
                      .arg(run)
                      .arg(result.firstMs)
                      .arg(result.lastMs)
                      .arg(result.exitMs)
                      .arg(result.received)
                      .arg(notifications));
        }
    }

    for (const auto& [name, program] : std::as_const(builds)) {
        QList<double> rates;
        QList<double> cpu;
        for (const auto& run : std::as_const(results[name])) {
            rates << run.rate;
            cpu << run.cpuMicroseconds;
        }
        print(QStringLiteral("%1: deliveries flush of %2 pending: %3 notifications/s; CPU %4 µs per notification")
                  .arg(name)
                  .arg(notifications)
                  .arg(summary(rates, 0), summary(cpu, 0)));
        QList<double> first;
        QList<double> exits;
        for (const auto& run : std::as_const(imports[name])) {
            first << run.firstMs;
            exits << run.exitMs;
        }
        print(QStringLiteral("%1: user import of %2: first notification received at %3 ms; exit at %4 ms")
                  .arg(name)
                  .arg(notifications)
                  .arg(summary(first, 0), summary(exits, 0)));
    }
    return 0;
}
