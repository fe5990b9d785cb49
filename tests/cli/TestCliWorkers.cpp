#include "CliRunner.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Several crochet-cli processes on one database at once: importers, then flushes sharing the outbox while one of them
// is killed with -9. On SQLite they share a file; on PostgreSQL (TestCliWorkers_pg) they are as many machines sharing
// one server, where claims with FOR UPDATE SKIP LOCKED and leases must keep any notification from being in flight
// twice, and lose none.
class TestCliWorkers : public QObject
{
    Q_OBJECT

private slots:
    void flushesShareTheOutboxAndSurviveAKill();
};

void TestCliWorkers::flushesShareTheOutboxAndSurviveAKill()
{
    constexpr int Importers = 4;
    constexpr int AccountsEach = 150;
    constexpr int Accounts = Importers * AccountsEach;
    constexpr int Flushes = 3;
    constexpr int AnswerDelayMs = 40; // each request stays in flight this long

    QTemporaryDir dir;
    const CliRunner cli(TestFixtures::databaseLocation(dir.filePath(QStringLiteral("crochet.sqlite"))));
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    bool answering = false;
    QElapsedTimer clock;
    clock.start();
    QHash<QByteArray, QList<qint64>> arrivals;
    QHash<QByteArray, int> delivered;
    int overlaps = 0;
    receiver.setResponder([&](const TestReceiver::Request& request) {
        const auto id = request.header("webhook-id");
        const auto now = clock.elapsed();
        for (const auto earlier : std::as_const(arrivals[id])) {
            if (now - earlier < AnswerDelayMs) {
                ++overlaps; // the same notification sent while its previous request was unanswered
            }
        }
        arrivals[id].append(now);
        if (!answering) {
            return TestReceiver::status(503);
        }
        ++delivered[id];
        auto response = TestReceiver::status(204);
        response.delayMs = AnswerDelayMs;
        return response;
    });
    // The leases outlast the requests a worker may hold (4 timeouts and 5 s): a 5 s timeout keeps the wait for the
    // killed process's leases short, and is long enough for no request to time out on a loaded machine (a timeout
    // would be retried minutes later, after the flushes have given up).
    CLI_VERIFY_EXIT(cli.run({ QStringLiteral("webhook"), QStringLiteral("set"), receiver.url().toString(),
                              QStringLiteral("--timeout"), QStringLiteral("5") }),
                    0);

    // Four importers at once, while the receiver is down: every notification stays pending.
    std::vector<std::unique_ptr<QProcess>> importers;
    for (int i = 0; i < Importers; ++i) {
        QByteArray csv = "name,email,password,role\n";
        for (int j = 0; j < AccountsEach; ++j) {
            csv += QStringLiteral("User %1-%2,user%1-%2@example.com,,pending\n").arg(i).arg(j).toUtf8();
        }
        const auto file = dir.filePath(QStringLiteral("import%1.csv").arg(i));
        QVERIFY(TestFixtures::writeFile(file, csv));
        importers.push_back(cli.start({ QStringLiteral("user"), QStringLiteral("import"), file }));
    }
    for (auto& importer : importers) {
        const auto result = CliRunner::finish(importer.get(), 120000);
        QVERIFY2(result.finished && result.exitStatus == QProcess::NormalExit, result.describe().constData());
    }
    {
        Database database(cli.databasePath());
        QVERIFY(database.open());
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && query.next());
        QCOMPARE(query.value(0).toInt(), Accounts);
    }

    // The receiver is back: three flushes share the outbox; one is killed half-way.
    answering = true;
    std::vector<std::unique_ptr<QProcess>> flushes;
    for (int i = 0; i < Flushes; ++i) {
        flushes.push_back(cli.start({ QStringLiteral("deliveries"), QStringLiteral("flush"), QStringLiteral("--wait"),
                                      QStringLiteral("120") }));
    }
    QTRY_VERIFY_WITH_TIMEOUT(delivered.size() >= Accounts / 4, 60000);
    flushes.front()->kill(); // SIGKILL: its leases are never given back
    QVERIFY(flushes.front()->waitForFinished(10000));
    QVERIFY(delivered.size() < Accounts); // killed half-way, not after the end
    for (std::size_t i = 1; i < flushes.size(); ++i) {
        const auto result = CliRunner::finish(flushes[i].get(), 150000);
        CLI_VERIFY_EXIT(result, 0);
    }

    QCOMPARE(overlaps, 0);
    QCOMPARE(delivered.size(), Accounts); // every account's notification arrived
    Database database(cli.databasePath());
    QVERIFY(database.open());
    QSqlQuery query(database.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT state, COUNT(*) FROM notifications GROUP BY state")));
    QHash<QString, int> states;
    while (query.next()) {
        states.insert(query.value(0).toString(), query.value(1).toInt());
    }
    QCOMPARE(states, (QHash<QString, int> { { QStringLiteral("delivered"), Accounts } }));
    // Exactly one notification per account, and each one delivered once (what the killed process left unanswered
    // was sent again only after its lease ran out: at least once, never at once).
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(DISTINCT user_id) FROM notifications")) && query.next());
    QCOMPARE(query.value(0).toInt(), Accounts);
    int twice = 0;
    for (const auto count : std::as_const(delivered)) {
        twice += count > 1 ? 1 : 0;
    }
    qInfo("%d notifications delivered, %d of them twice (in flight in the killed process), %d overlaps",
          int(delivered.size()), twice, overlaps);
}

QTEST_GUILESS_MAIN(TestCliWorkers)
#include "TestCliWorkers.moc"
