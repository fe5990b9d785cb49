// What the database costs on disk per account once its notification is delivered. Imports ACCOUNTS accounts
// (100,000 by default, no passwords) with the webhook set to a loopback receiver answering 204, lets the delivery
// worker deliver every notification through the real path (UserImporter, DeliveryService, WebhookSender), then
// checkpoints the WAL into the main file and prints its size divided by the number of accounts, the same after
// VACUUM, and what each table and index takes (SQLite's dbstat). Usage: BenchStorage [ACCOUNTS]
#include "BenchSupport.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "users/UserImporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using BenchSupport::print;

namespace {

qint64 pragma(QSqlDatabase db, const QString& name)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("PRAGMA %1").arg(name)) && query.next() ? query.value(0).toLongLong() : -1;
}

void printSizes(QSqlDatabase db, const QString& path, int accounts, const QString& when)
{
    const auto pages = pragma(db, QStringLiteral("page_count"));
    const auto pageSize = pragma(db, QStringLiteral("page_size"));
    const auto freePages = pragma(db, QStringLiteral("freelist_count"));
    const auto fileSize = QFileInfo(path).size();
    print(QStringLiteral("%1: file %2 bytes (page_count %3 x page_size %4, %5 free pages): %6 bytes per delivered "
                         "notification with its account")
              .arg(when)
              .arg(fileSize)
              .arg(pages)
              .arg(pageSize)
              .arg(freePages)
              .arg(double(fileSize) / accounts, 0, 'f', 0));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const int accounts = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;

    QTemporaryDir dir;
    const auto path = dir.filePath(QStringLiteral("bench.sqlite"));
    Database database(path);
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
    QObject::connect(&importer, &UserImporter::finished, &app, [&](const UserImporter::Summary&) { imported = true; });
    QElapsedTimer timer;
    timer.start();
    deliveries.start();
    importer.start(csvPath);
    const Outbox outbox(&database);
    if (!BenchSupport::waitUntil([&] { return imported && receiver.count() >= accounts; }, 1200000)
        || !BenchSupport::waitUntil([&] { return outbox.count(Outbox::State::Delivered) == accounts; }, 60000)) {
        print(QStringLiteral("timed out: %1 of %2 notifications received").arg(receiver.count()).arg(accounts));
        return 1;
    }
    deliveries.stop();
    print(QStringLiteral("%1 accounts imported and their notifications delivered in %2 s")
              .arg(accounts)
              .arg(timer.elapsed() / 1000.0, 0, 'f', 1));

    auto db = database.connection();
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))) {
        print(query.lastError().text());
        return 1;
    }
    query.finish();
    printSizes(db, path, accounts, QStringLiteral("after checkpoint"));

    if (query.exec(QStringLiteral("SELECT name, sum(pgsize), sum(payload), count(*) FROM dbstat GROUP BY name "
                                  "ORDER BY sum(pgsize) DESC"))) {
        while (query.next()) {
            print(QStringLiteral("  %1: %2 bytes a notification in pages (%3 of content)")
                      .arg(query.value(0).toString(), -32)
                      .arg(query.value(1).toDouble() / accounts, 6, 'f', 0)
                      .arg(query.value(2).toDouble() / accounts, 0, 'f', 0));
        }
    }
    query.finish();
    if (!query.exec(QStringLiteral("VACUUM")) || !query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))) {
        print(query.lastError().text());
        return 1;
    }
    query.finish();
    printSizes(db, path, accounts, QStringLiteral("after VACUUM"));
    // To look inside: BENCH_STORAGE_COPY=/some/file.sqlite keeps a copy of the database.
    if (const auto copy = qEnvironmentVariable("BENCH_STORAGE_COPY"); !copy.isEmpty()) {
        QFile::remove(copy);
        QFile::copy(path, copy);
    }
    return 0;
}
