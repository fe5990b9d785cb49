#include "BenchSupport.h"
#include "TestFixtures.h"
#include "storage/Database.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <functional>

// Each account change at 100,000 accounts, its notifications fanned out to 3 endpoints in its transaction: min /
// median / max of 5 runs, against the creation of one account (the same transaction shape) measured in the same
// process.
namespace {

constexpr int Accounts = 100000;
constexpr int Runs = 5;

bool populate(Database& database)
{
    auto db = database.connection();
    constexpr int Batch = 5000;
    for (int offset = 0; offset < Accounts; offset += Batch) {
        Transaction transaction(database, db);
        UserStore::Writer writer(db);
        for (int i = offset; i < offset + Batch; ++i) {
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
    return true;
}

bool subscribeThreeEndpoints(Database* database)
{
    if (!TestFixtures::changeMainEndpoint(database, [](Endpoint& endpoint) {
            endpoint.url = QStringLiteral("https://hooks.example.com/main");
            endpoint.events = Events::subscribable();
        })) {
        return false;
    }
    for (const auto& name : { QStringLiteral("Audit"), QStringLiteral("Chat") }) {
        Endpoint endpoint;
        endpoint.name = name;
        endpoint.url = QStringLiteral("https://hooks.example.com/") + name.toLower();
        endpoint.events = Events::subscribable();
        if (!EndpointStore(database).add(endpoint)) {
            return false;
        }
    }
    return true;
}

// Milliseconds of each run; run(i) must succeed.
QList<double> measure(const std::function<bool(int)>& run)
{
    QList<double> times;
    for (int i = 0; i < Runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (!run(i)) {
            return {};
        }
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times;
}

QString figures(const QList<double>& times, double reference)
{
    if (times.isEmpty()) {
        return QStringLiteral("failed");
    }
    return QStringLiteral("%1 / %2 / %3 ms (median %4 × one creation)")
        .arg(times.first(), 0, 'f', 2)
        .arg(times.at(Runs / 2), 0, 'f', 2)
        .arg(times.last(), 0, 'f', 2)
        .arg(times.at(Runs / 2) / reference, 0, 'f', 2);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("lifecycle.sqlite")));
    if (!database.open() || !populate(database) || !subscribeThreeEndpoints(&database)) {
        BenchSupport::print(QStringLiteral("cannot prepare the database"));
        return 1;
    }
    UserStore store(&database);
    QStringList ids;
    for (int i = 0; i < Runs; ++i) {
        ids << store.find(QStringLiteral("user%1@example.com").arg(Accounts / 2 + i))->id;
    }
    const auto created = measure([&store](int i) {
        NewUser user;
        user.name = QStringLiteral("New %1").arg(i);
        user.email = QStringLiteral("new%1@example.com").arg(i);
        user.role = Role::Pending;
        return store.create(user, QByteArray()).notifications.size() == 3;
    });
    if (created.isEmpty()) {
        BenchSupport::print(QStringLiteral("creation failed"));
        return 1;
    }
    const auto reference = created.at(Runs / 2);
    BenchSupport::print(QStringLiteral("%1 accounts, 3 endpoints subscribed to every account event, min / median / max "
                                       "of %2 runs:")
                            .arg(Accounts)
                            .arg(Runs));
    BenchSupport::print(QStringLiteral("create (reference)   %1").arg(figures(created, reference)));
    BenchSupport::print(
        QStringLiteral("find by email        %1")
            .arg(figures(measure([&store](int i) {
                             return store.find(QStringLiteral("USER%1@example.com").arg(Accounts / 3 + i)).has_value();
                         }),
                         reference)));
    BenchSupport::print(QStringLiteral("update name, email   %1")
                            .arg(figures(measure([&store, &ids](int i) {
                                             UserChanges changes;
                                             changes.name = QStringLiteral("Renamed %1").arg(i);
                                             changes.email = QStringLiteral("renamed%1@example.com").arg(i);
                                             return store.update(ids.at(i), changes).notifications.size() == 3;
                                         }),
                                         reference)));
    BenchSupport::print(
        QStringLiteral("reset password       %1")
            .arg(figures(measure([&store, &ids](int i) {
                             return store.resetPassword(ids.at(i), QByteArrayLiteral("$argon2id$v=19$bench"))
                                        .notifications.size()
                                 == 3;
                         }),
                         reference)));
    BenchSupport::print(QStringLiteral("disable              %1")
                            .arg(figures(measure([&store, &ids](int i) {
                                             return store.setDisabled(ids.at(i), true).notifications.size() == 3;
                                         }),
                                         reference)));
    BenchSupport::print(QStringLiteral("enable               %1")
                            .arg(figures(measure([&store, &ids](int i) {
                                             return store.setDisabled(ids.at(i), false).notifications.size() == 3;
                                         }),
                                         reference)));
    BenchSupport::print(
        QStringLiteral("delete               %1")
            .arg(figures(measure([&store, &ids](int i) { return store.remove(ids.at(i)).notifications.size() == 3; }),
                         reference)));
    return 0;
}
