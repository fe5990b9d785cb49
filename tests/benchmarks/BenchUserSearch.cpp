// What the Users page and "user list" cost at ACCOUNTS accounts (100,000 by default): the total, a search (count and
// first page) for a rare, a common and an absent text, and pages of 200 sorted by each column both ways, at the start
// and deep in the list, with and without a search. Each figure is the min/median/max of 5 runs in milliseconds and
// its ratio to a plain "SELECT COUNT(*) FROM users" measured in the same process. Then the Users page's model on the
// same database: how long the GUI thread spends in a sort, a search typed and the next page, and how long a search
// takes until its rows are shown (read on the thread pool meanwhile). Usage: BenchUserSearch [ACCOUNTS]
#include "BenchSupport.h"
#include "UsersModel.h"
#include "storage/Database.h"
#include "users/UserStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <functional>

using BenchSupport::print;

namespace {

constexpr int Runs = 5;
constexpr int PageSize = 200;

struct Figures
{
    double min = 0;
    double median = 0;
    double max = 0;
};

Figures measure(const std::function<void()>& work)
{
    QList<double> times;
    for (int run = 0; run < Runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return { times.first(), times.at(Runs / 2), times.last() };
}

void print(const QString& what, const Figures& figures, const Figures& reference, const QString& found)
{
    print(QStringLiteral("%1: min %2 ms, median %3 ms, max %4 ms (x%5 the COUNT(*) scan)%6")
              .arg(what, -52)
              .arg(figures.min, 0, 'f', 2)
              .arg(figures.median, 0, 'f', 2)
              .arg(figures.max, 0, 'f', 2)
              .arg(figures.median / reference.median, 0, 'f', 1)
              .arg(found.isEmpty() ? QString() : QStringLiteral(", ") + found));
}

// Runs work 5 times and prints its figures; found() is asked afterwards, for what the last run found.
void report(const QString& what, const std::function<void()>& work, const Figures& reference,
            const std::function<QString()>& found = {})
{
    const auto figures = measure(work);
    print(what, figures, reference, found ? found() : QString());
}

// Names with accents and mixed case; one account in 97 is an Élodie.
bool fill(Database& database, int accounts)
{
    const QStringList first = { QStringLiteral("Marie"),   QStringLiteral("Jean"),  QStringLiteral("Zoé"),
                                QStringLiteral("Ana"),     QStringLiteral("Søren"), QStringLiteral("Léa"),
                                QStringLiteral("Mathieu"), QStringLiteral("Chloé"), QStringLiteral("Omar") };
    const QStringList last = { QStringLiteral("Martin"), QStringLiteral("Dubois"), QStringLiteral("Lefèvre"),
                               QStringLiteral("García"), QStringLiteral("Nguyen"), QStringLiteral("Müller"),
                               QStringLiteral("O'Brien") };
    const auto roles = Roles::all();
    auto db = database.connection();
    Transaction transaction(database, db);
    UserStore::Writer writer(db);
    for (int i = 0; i < accounts; ++i) {
        NewUser user;
        user.name = (i % 97 == 0 ? QStringLiteral("Élodie") : first.at(i % first.size())) + QLatin1Char(' ')
            + last.at((i / first.size()) % last.size()) + QLatin1Char(' ') + QString::number(i);
        user.email = QStringLiteral("user%1@example.com").arg(i);
        user.role = roles.at(i % roles.size());
        if (!writer.insert(user, {}).ok) {
            return false;
        }
    }
    QSqlQuery disable(db);
    // One account in 10 disabled, at different times.
    if (!disable.exec(QStringLiteral("UPDATE users SET disabled_at = 1700000000000 + rowid WHERE rowid % 10 = 0"))) {
        return false;
    }
    return transaction.commit();
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const int accounts = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("bench.sqlite")));
    QString problem;
    if (!database.open(&problem)) {
        print(problem);
        return 1;
    }
    QElapsedTimer filling;
    filling.start();
    if (!fill(database, accounts)) {
        print(QStringLiteral("cannot fill the database"));
        return 1;
    }
    print(QStringLiteral("%1 accounts written in %2 ms").arg(accounts).arg(filling.elapsed()));

    auto db = database.connection();
    {
        // What the accounts and the indexes of their orders take on disk.
        QSqlQuery sizes(db);
        if (sizes.exec(QStringLiteral("SELECT name, sum(pgsize) FROM dbstat WHERE name IN ('users', 'users_name', "
                                      "'users_role', 'users_state', 'sqlite_autoindex_users_1', "
                                      "'sqlite_autoindex_users_2') GROUP BY name ORDER BY name"))) {
            while (sizes.next()) {
                print(QStringLiteral("%1: %2 bytes an account")
                          .arg(sizes.value(0).toString(), -24)
                          .arg(sizes.value(1).toDouble() / accounts, 0, 'f', 0));
            }
        }
    }
    const UserStore store(&database);
    int found = 0;
    const auto rows = [&found] {
        return QStringLiteral("%1 rows").arg(found);
    };
    const auto reference = measure([&] {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT COUNT(*) FROM users"));
        found = query.next() ? query.value(0).toInt() : -1;
    });
    print(QStringLiteral("reference SELECT COUNT(*) FROM users"), reference, reference, rows());

    report(
        QStringLiteral("total count()"), [&] { found = store.count(); }, reference, rows);
    // What the window does on the GUI thread when nothing is searched: the counts and the first page.
    report(
        QStringLiteral("counts + first page, no search (GUI thread)"),
        [&] {
            UserStore::Query query;
            found = store.count() + store.count(query);
            found = int(store.list(query, PageSize, 0).size());
        },
        reference, rows);

    for (const auto& search : { QStringLiteral("élodie"), QStringLiteral("MAR"), QStringLiteral("zzz"),
                                QStringLiteral("50_00"), QStringLiteral("user0@") }) {
        UserStore::Query query;
        query.search = search;
        report(
            QStringLiteral("search \"%1\": count").arg(search), [&] { found = store.count(query); }, reference, rows);
        // What the worker thread does for each search typed: the counts and the first page, newest first.
        report(
            QStringLiteral("search \"%1\": counts + first page").arg(search),
            [&] {
                const int matching = store.count(query);
                found = store.count() + matching;
                found = int(store.list(query, PageSize, 0, matching).size());
            },
            reference, rows);
    }

    const QList<QPair<UserStore::SortColumn, QString>> columns = {
        { UserStore::SortColumn::Name, QStringLiteral("name") },
        { UserStore::SortColumn::Email, QStringLiteral("email") },
        { UserStore::SortColumn::Role, QStringLiteral("role") },
        { UserStore::SortColumn::State, QStringLiteral("state") },
        { UserStore::SortColumn::Created, QStringLiteral("created") },
    };
    for (const auto& [column, name] : columns) {
        for (const auto order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            const auto direction = order == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc");
            for (const auto& search :
                 { QString(), QStringLiteral("mar"), QStringLiteral("élodie"), QStringLiteral("user0@") }) {
                const UserStore::Query query { search, column, order };
                const auto label =
                    QStringLiteral("sort %1 %2%3")
                        .arg(name, direction,
                             search.isEmpty() ? QString() : QStringLiteral(" search \"%1\"").arg(search));
                // As the window asks: with the count it has.
                const int matching = store.count(query);
                const int deep = matching / 2;
                report(
                    label + QStringLiteral(", page at 0"),
                    [&] { found = int(store.list(query, PageSize, 0, matching).size()); }, reference, rows);
                if (deep > 0) {
                    report(
                        label + QStringLiteral(", page at %1").arg(deep),
                        [&] { found = int(store.list(query, PageSize, deep, matching).size()); }, reference, rows);
                }
            }
        }
    }

    // The window's model: what its GUI thread does, and the wait until a search's rows are shown.
    UsersModel model(&database);
    int sorts = 0;
    report(
        QStringLiteral("window: sort, no search (GUI thread)"),
        [&] {
            model.sort(UsersModel::NameColumn, ++sorts % 2 ? Qt::AscendingOrder : Qt::DescendingOrder);
            found = model.rowCount();
        },
        reference, rows);
    report(
        QStringLiteral("window: next page, no search (GUI thread)"),
        [&] {
            model.fetchMore({});
            found = model.rowCount();
        },
        reference, rows);
    // Texts as typed, a different one each time so that each is read again: common, rare, and found nowhere.
    const QStringList typed = { QStringLiteral("mar"), QStringLiteral("élodie"), QStringLiteral("zzz"),
                                QStringLiteral("dubois"), QStringLiteral("user12") };
    int searches = 0;
    QList<double> calls;
    QList<double> waits;
    for (int run = 0; run < Runs; ++run) {
        QElapsedTimer wait;
        wait.start();
        model.setSearch(typed.at(searches++ % typed.size()));
        calls.append(double(wait.nsecsElapsed()) / 1e6);
        BenchSupport::waitUntil([&] { return !model.isLoading(); }, 10000, 1);
        waits.append(double(wait.nsecsElapsed()) / 1e6);
    }
    const auto figures = [](QList<double> times) {
        std::sort(times.begin(), times.end());
        return Figures { times.first(), times.at(Runs / 2), times.last() };
    };
    print(QStringLiteral("window: search typed (GUI thread)"), figures(calls), reference, QString());
    print(QStringLiteral("window: search typed until its rows are shown"), figures(waits), reference, QString());
    return 0;
}
