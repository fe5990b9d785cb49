// Imports 10,000 accounts without passwords and measures how fast their notifications reach a loopback receiver,
// then measures an Open WebUI-style sender (a new HTTP session per notification, awaited one by one) on the same
// receiver for comparison. Usage: BenchDelivery [ACCOUNTS]
#include "BenchSupport.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryService.h"
#include "outbox/Notification.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "users/UserImporter.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using BenchSupport::print;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
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
    Settings settings(&database);
    TestFixtures::setWebhookUrl(settings.database(), receiver.url().toString());

    const auto csvPath = dir.filePath(QStringLiteral("accounts.csv"));
    if (!TestFixtures::writeFile(csvPath, TestFixtures::pendingAccountsCsv(accounts))) {
        return 1;
    }

    DeliveryService deliveries(&database);
    UserImporter importer(&database);
    QObject::connect(&importer, &UserImporter::batchCommitted, &deliveries, &DeliveryService::wake);
    bool imported = false;
    qint64 importMs = 0;
    QElapsedTimer timer;
    QObject::connect(&importer, &UserImporter::finished, &app, [&](const UserImporter::Summary& summary) {
        imported = true;
        importMs = timer.elapsed();
        if (summary.created != accounts) {
            print(QStringLiteral("import created %1 of %2 accounts").arg(summary.created).arg(accounts));
        }
    });
    timer.start();
    deliveries.start();
    importer.start(csvPath);
    if (!BenchSupport::waitUntil([&] { return imported && receiver.count() >= accounts; }, 300000, 1)) {
        print(QStringLiteral("timed out: %1 of %2 notifications received").arg(receiver.count()).arg(accounts));
        return 1;
    }
    const auto totalMs = timer.elapsed();
    BenchSupport::waitUntil([&] { return Outbox(&database).count(Outbox::State::Delivered) == accounts; }, 30000, 1);
    const auto delivered = Outbox(&database).count(Outbox::State::Delivered);
    deliveries.stop();

    print(QStringLiteral("accounts imported: %1 in %2 ms").arg(accounts).arg(importMs));
    print(QStringLiteral("notifications received: %1, recorded delivered: %2").arg(receiver.count()).arg(delivered));
    print(QStringLiteral("import + delivery: %1 ms, %2 notifications/s")
              .arg(totalMs)
              .arg(accounts * 1000.0 / qMax<qint64>(1, totalMs), 0, 'f', 0));

    // Baseline: a new session per notification, awaited one by one, as Open WebUI does.
    const int baselineCount = qMin(accounts, 2000);
    const auto before = receiver.count();
    QElapsedTimer baseline;
    baseline.start();
    WebhookConfig config;
    for (int i = 0; i < baselineCount; ++i) {
        QNetworkAccessManager network;
        WebhookSender sender(&network);
        auto* pending = sender.send(config.request(Notification::test(), receiver.url()));
        QEventLoop loop;
        QObject::connect(pending, &PendingDelivery::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const auto baselineMs = baseline.elapsed();
    print(QStringLiteral("baseline (session per notification, sequential): %1 notifications in %2 ms, %3/s")
              .arg(receiver.count() - before)
              .arg(baselineMs)
              .arg(baselineCount * 1000.0 / qMax<qint64>(1, baselineMs), 0, 'f', 0));
    return delivered == accounts ? 0 : 1;
}
