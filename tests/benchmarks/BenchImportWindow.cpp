// Imports 10,000 accounts through the real window's Users page and measures the event loop's longest gap with a
// 10 ms timer, while the notifications are delivered to a loopback receiver. Usage: BenchImportWindow [ACCOUNTS]
#include "MainWindow.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "UsersPage.h"
#include "outbox/DeliveryService.h"
#include "storage/Database.h"
#include "storage/Settings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CrochetBenchmark"));
    const int accounts = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;

    QTemporaryDir dir;
    Database database(dir.filePath(QStringLiteral("bench.sqlite")));
    if (!database.open()) {
        return 1;
    }
    TestReceiver receiver;
    receiver.setStatus(204);
    if (!receiver.listen()) {
        return 1;
    }
    TestFixtures::setWebhookUrl(&database, receiver.url().toString());
    const auto csvPath = dir.filePath(QStringLiteral("accounts.csv"));
    if (!TestFixtures::writeFile(csvPath, TestFixtures::pendingAccountsCsv(accounts))) {
        return 1;
    }

    DeliveryService deliveries(&database);
    deliveries.start();
    MainWindow window(&database, &deliveries);
    window.show();

    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    qint64 ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        if (sinceTick.isValid()) {
            longestGap = qMax(longestGap, sinceTick.elapsed());
        }
        sinceTick.restart();
        ++ticks;
    });

    QElapsedTimer total;
    bool finished = false;
    qint64 importMs = 0;
    QObject::connect(window.usersPage(), &UsersPage::importFinished, &app, [&] {
        finished = true;
        importMs = total.elapsed();
    });
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        // exit(), not quit(): quit() closes the window, which asks whether to keep delivering when any notification
        // is still pending (MainWindow::askBeforeClosing), a question nobody answers here.
        if (finished && receiver.count() >= accounts) {
            app.exit(0);
        }
        if (total.elapsed() > 300000) {
            app.exit(1);
        }
    });
    QTimer::singleShot(0, &app, [&] {
        ticker.start();
        poll.start();
        total.start();
        window.usersPage()->importFile(csvPath);
    });
    const int rc = app.exec();
    std::printf("accounts imported through the window: %d in %lld ms\n", accounts, static_cast<long long>(importMs));
    std::printf("notifications received: %d after %lld ms\n", receiver.count(),
                static_cast<long long>(total.elapsed()));
    std::printf("event loop: %lld ticks of a 10 ms timer, longest gap %lld ms\n", static_cast<long long>(ticks),
                static_cast<long long>(longestGap));
    return rc;
}
