#include "BenchSupport.h"
#include "TestFixtures.h"
#include "storage/Database.h"
#include "users/UserImporter.h"
#include "webhooks/Endpoint.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>

// A CSV import of 10,000 accounts fanned out to 3 endpoints (30,000 notifications written in the accounts'
// transactions), against the same import to 1 endpoint measured in the same process, alternately, 5 times each.
// Accounts without passwords: what is measured is the writing, not argon2id.
namespace {

constexpr int Accounts = 10000;
constexpr int Runs = 5;

// Seconds to import the file into a new database with that many endpoints subscribed to user.created; -1 on error.
double importSeconds(const QString& dir, const QString& csvPath, int endpoints, int run)
{
    Database database(QStringLiteral("%1/fanout-%2-%3.sqlite").arg(dir).arg(endpoints).arg(run));
    if (!database.open()) {
        return -1;
    }
    // Nothing listens: no worker runs, the notifications stay pending.
    TestFixtures::setWebhookUrl(&database, QStringLiteral("http://127.0.0.1:9/main"));
    EndpointStore store(&database);
    for (int i = 1; i < endpoints; ++i) {
        Endpoint endpoint;
        endpoint.name = QStringLiteral("Endpoint %1").arg(i);
        endpoint.url = QStringLiteral("http://127.0.0.1:9/endpoint-%1").arg(i);
        endpoint.format = i % 2 == 1 ? PayloadFormat::Discord : PayloadFormat::Slack;
        if (!store.add(endpoint)) {
            return -1;
        }
    }
    const std::atomic_bool cancelled = false;
    QElapsedTimer timer;
    timer.start();
    const auto summary = UserImporter::run(&database, csvPath, cancelled);
    const double seconds = timer.nsecsElapsed() / 1e9;
    QSqlQuery query(database.connection());
    if (summary.created != Accounts || !query.exec(QStringLiteral("SELECT COUNT(*) FROM notifications"))
        || !query.next() || query.value(0).toInt() != Accounts * endpoints) {
        return -1;
    }
    return seconds;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const auto csvPath = dir.filePath(QStringLiteral("accounts.csv"));
    if (!dir.isValid() || !TestFixtures::writeFile(csvPath, TestFixtures::pendingAccountsCsv(Accounts))) {
        return 1;
    }
    QList<double> rates;
    QList<double> ratios;
    for (int run = 0; run < Runs; ++run) {
        const double one = importSeconds(dir.path(), csvPath, 1, run);
        const double three = importSeconds(dir.path(), csvPath, 3, run);
        if (one <= 0 || three <= 0) {
            BenchSupport::print(QStringLiteral("run %1 failed").arg(run + 1));
            return 1;
        }
        rates << Accounts * 3 / three;
        ratios << three / one;
        BenchSupport::print(QStringLiteral("run %1: 1 endpoint %2 s, 3 endpoints %3 s")
                                .arg(run + 1)
                                .arg(one, 0, 'f', 2)
                                .arg(three, 0, 'f', 2));
    }
    BenchSupport::print(QStringLiteral("import of %1 accounts to 3 endpoints (min / median / max of %2 runs):")
                            .arg(Accounts)
                            .arg(Runs));
    BenchSupport::print(QStringLiteral("  notifications written per second: %1").arg(BenchSupport::figures(rates, 0)));
    BenchSupport::print(
        QStringLiteral("  time relative to the same import to 1 endpoint: %1").arg(BenchSupport::figures(ratios, 2)));
    return 0;
}
