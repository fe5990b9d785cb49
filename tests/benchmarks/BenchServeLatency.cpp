// The delivery service (`crochet-cli serve`) measured in one run, against one loopback receiver in this process:
// (a) notifications a second with 1 and 3 services on PostgreSQL sharing the outbox, beside 1 service on SQLite:
//     NOTIFICATIONS pending notifications (5,000 by default), from the start of the processes to the last POST
//     received, RUNS times each (5 by default);
// (b) latency from the commit of a new account in this process to its POST received from a service running in
//     another process: on PostgreSQL (woken by LISTEN/NOTIFY) and on SQLite (polling), SAMPLES accounts (200 by
//     default) created about 20 ms apart; median and 99th percentile.
// Needs the PostgreSQL test server (ctest starts it: postgres_start). Usage: BenchServeLatency [NOTIFICATIONS] [RUNS]
// [SAMPLES] (RUNS 0: the latency alone)
#include "BenchCli.h"
#include "TestReceiver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>
#include <memory>
#include <vector>

using BenchSupport::print;

namespace {

constexpr int SampleSpacingMs = 20;
constexpr int WaitMs = 600000;

using BenchCli::Setup;

std::vector<std::unique_ptr<QProcess>> startServices(const QString& program, const QString& database, int count)
{
    std::vector<std::unique_ptr<QProcess>> services;
    for (int i = 0; i < count; ++i) {
        auto process = std::make_unique<QProcess>();
        process->setStandardErrorFile(QProcess::nullDevice()); // one line per attempt
        process->start(program, { QStringLiteral("--database"), database, QStringLiteral("serve") });
        services.push_back(std::move(process));
    }
    return services;
}

// SIGTERM, then the exit of each (0 expected).
bool stopServices(std::vector<std::unique_ptr<QProcess>>& services)
{
    for (const auto& process : services) {
        ::kill(static_cast<pid_t>(process->processId()), SIGTERM);
    }
    bool clean = true;
    for (const auto& process : services) {
        clean = process->waitForFinished(30000) && process->exitStatus() == QProcess::NormalExit
            && process->exitCode() == 0 && clean;
    }
    return clean;
}

double percentile(QList<double> values, double fraction)
{
    std::sort(values.begin(), values.end());
    const auto index = qMin<qsizetype>(values.size() - 1, qsizetype(fraction * double(values.size())));
    return values.at(index);
}

// Throughput of one setup: count notifications pending in a new database, then the services started.
double measureRate(const QString& program, const Setup& setup, const QTemporaryDir& dir, const QString& csvPath,
                   int count, TestReceiver& receiver, int run)
{
    const auto database =
        BenchCli::newDatabase(setup.postgres, dir.path(), QStringLiteral("rate%1-%2").arg(run).arg(setup.processes));
    if (!BenchCli::preparePending(database, csvPath, count, receiver.url())) {
        print(QStringLiteral("%1: cannot prepare the database").arg(setup.name));
        return -1;
    }
    const auto before = receiver.count();
    QElapsedTimer timer;
    timer.start();
    auto services = startServices(program, database, setup.processes);
    const bool done =
        BenchSupport::waitUntil([&receiver, before, count] { return receiver.count() - before >= count; }, WaitMs, 1);
    const auto elapsedMs = qMax<qint64>(1, timer.elapsed());
    if (!stopServices(services) || !done) {
        print(QStringLiteral("%1, run %2: %3 of %4 received, or a service did not stop cleanly")
                  .arg(setup.name)
                  .arg(run)
                  .arg(receiver.count() - before)
                  .arg(count));
        return -1;
    }
    return count * 1000.0 / double(elapsedMs);
}

// Commit-to-POST latencies (ms) of samples accounts created here while one service runs on database.
QList<double> measureLatency(const QString& program, const QString& database, int samples, TestReceiver& receiver)
{
    Database store(database);
    if (!store.open() || !TestFixtures::setWebhookUrl(&store, receiver.url().toString())) {
        return {};
    }
    QElapsedTimer clock;
    clock.start();
    QHash<QByteArray, double> received;
    const auto connection =
        QObject::connect(&receiver, &TestReceiver::requestReceived, [&](const TestReceiver::Request& request) {
            received.insert(request.header("webhook-id"), double(clock.nsecsElapsed()) / 1e6);
        });
    auto services = startServices(program, database, 1);
    // The service is up and idle once a first account has gone out.
    const auto warmUp = TestFixtures::createNotifiedUser(&store, QStringLiteral("warm-up@example.com")).toUtf8();
    bool ok = BenchSupport::waitUntil([&] { return received.contains(warmUp); }, 30000, 1);
    QHash<QByteArray, double> committed;
    for (int i = 0; ok && i < samples; ++i) {
        const auto id = TestFixtures::createNotifiedUser(&store, QStringLiteral("sample%1@example.com").arg(i));
        committed.insert(id.toUtf8(), double(clock.nsecsElapsed()) / 1e6); // right after the commit
        ok = !id.isEmpty();
        const auto next = clock.elapsed() + SampleSpacingMs;
        BenchSupport::waitUntil([&clock, next] { return clock.elapsed() >= next; }, SampleSpacingMs * 2, 1);
    }
    ok = ok && BenchSupport::waitUntil([&] { return received.size() > samples; }, 60000, 1);
    QObject::disconnect(connection);
    ok = stopServices(services) && ok;
    QList<double> latencies;
    for (auto it = committed.cbegin(); ok && it != committed.cend(); ++it) {
        latencies.append(received.value(it.key()) - it.value());
    }
    return latencies;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int notifications = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 5;
    const int samples = argc > 3 ? QByteArray(argv[3]).toInt() : 200;
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

    // (a) Throughput.
    const QList<Setup> setups { { QStringLiteral("SQLite, 1 serve process"), false, 1 },
                                { QStringLiteral("PostgreSQL, 1 serve process"), true, 1 },
                                { QStringLiteral("PostgreSQL, 3 serve processes"), true, 3 } };
    QHash<QString, QList<double>> rates;
    for (int run = 1; run <= runs; ++run) {
        for (const auto& setup : setups) {
            const auto rate = measureRate(program, setup, dir, csvPath, notifications, receiver, run);
            if (rate < 0) {
                return 1;
            }
            rates[setup.name].append(rate);
            print(QStringLiteral("%1, run %2: %3 notifications/s").arg(setup.name).arg(run).arg(rate, 0, 'f', 0));
        }
    }
    if (runs > 0) {
        BenchCli::printRates(setups, rates);
    }

    // (b) Latency from a commit here to the POST from a service in another process.
    for (const bool postgres : { true, false }) {
        const auto name = postgres ? QStringLiteral("PostgreSQL (LISTEN/NOTIFY)") : QStringLiteral("SQLite (polling)");
        const auto latencies = measureLatency(
            program, BenchCli::newDatabase(postgres, dir.path(), QStringLiteral("latency")), samples, receiver);
        if (latencies.size() != samples) {
            print(QStringLiteral("%1: latency not measured").arg(name));
            return 1;
        }
        print(QStringLiteral("%1: commit to POST received, %2 samples: median %3 ms, 99th percentile %4 ms, max %5 ms")
                  .arg(name)
                  .arg(samples)
                  .arg(percentile(latencies, 0.5), 0, 'f', 1)
                  .arg(percentile(latencies, 0.99), 0, 'f', 1)
                  .arg(percentile(latencies, 1.0), 0, 'f', 1));
    }
    return 0;
}
