// The CSV import, whole: parsing, validation and the batches written to a fresh database. Passwords are "hashed"
// by a stand-in (UserImporter::Callbacks::hash) so that the fuzzer is not slowed to Argon2id's pace. Input: the file.

#include "FuzzSupport.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "users/UserImporter.h"
#include "users/UserRules.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>

#include <memory>

namespace {

QString workDirectory()
{
    // Memory-backed when the machine has it: a fresh database per input is then cheap.
    static const QTemporaryDir directory(QDir(QStringLiteral("/dev/shm")).exists()
                                             ? QStringLiteral("/dev/shm/crochet-fuzz-XXXXXX")
                                             : QDir::tempPath() + QStringLiteral("/crochet-fuzz-XXXXXX"));
    FUZZ_CHECK(directory.isValid());
    return directory.path();
}

// Lines as an editor shows them and as libcsv ends records: at LF, CRLF or a lone CR.
QList<QByteArray> splitLines(const QByteArray& content)
{
    QList<QByteArray> lines;
    QByteArray line;
    for (qsizetype i = 0; i < content.size(); ++i) {
        const char ch = content.at(i);
        if (ch == '\r' && i + 1 < content.size() && content.at(i + 1) == '\n') {
            continue;
        }
        if (ch == '\n' || ch == '\r') {
            lines << std::exchange(line, {});
        } else {
            line += ch;
        }
    }
    lines << line;
    return lines;
}

// libcsv skips lines of spaces and tabs only: no record starts there.
bool isBlank(const QByteArray& line)
{
    return std::all_of(line.cbegin(), line.cend(), [](char ch) { return ch == ' ' || ch == '\t'; });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzSupport::initialize();
    const QDir directory(workDirectory());
    const auto csvPath = directory.filePath(QStringLiteral("users.csv"));
    const auto databasePath = directory.filePath(QStringLiteral("fuzz.sqlite"));
    for (const auto& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") }) {
        QFile::remove(databasePath + suffix);
    }
    QFile file(csvPath);
    FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    FUZZ_CHECK(file.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size)) == qint64(size));
    file.close();

    auto database = std::make_unique<Database>(databasePath);
    FUZZ_CHECK(database->open());
    // An endpoint that receives user.created: each account created gets its notification.
    EndpointStore endpoints(database.get());
    FUZZ_CHECK(endpoints.update(endpoints.main().id, [](Endpoint& endpoint) {
        endpoint.url = QStringLiteral("https://hooks.example.com/fuzz");
        return true;
    }));
    UserImporter::Callbacks callbacks;
    callbacks.hash = [](const QString& password) -> QByteArray {
        return QByteArrayLiteral("fuzz$") + password.toUtf8().toHex();
    };
    const std::atomic_bool cancelled = false;
    const auto summary = UserImporter::run(database.get(), csvPath, cancelled, callbacks);

    // The report matches the database: one account and one notification per account reported created.
    UserStore store(database.get());
    FUZZ_CHECK(store.count() == summary.created);
    FUZZ_CHECK(Outbox(database.get()).count(std::nullopt) == summary.created);

    // Every refusal names a line of the file where a record starts (never a blank one), in order.
    const auto lines = splitLines(QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size)));
    int previous = 0;
    for (const auto& refused : summary.refused) {
        FUZZ_CHECK(refused.line >= 1 && refused.line <= lines.size());
        FUZZ_CHECK(!isBlank(lines.at(refused.line - 1)));
        FUZZ_CHECK(refused.line >= previous);
        FUZZ_CHECK(!refused.reason.isEmpty());
        previous = refused.line;
    }

    // What was stored passes the rules the form applies, once per address.
    QSet<QString> keys;
    for (const auto& user : store.list()) {
        NewUser stored;
        stored.name = user.name;
        stored.email = user.email;
        stored.role = user.role;
        if (user.hasPassword) {
            stored.password = stored.confirmation = QStringLiteral("a password long enough");
        }
        FUZZ_CHECK(UserRules::validate(stored, true).isEmpty());
        const auto key = UserRules::emailKey(user.email);
        FUZZ_CHECK(!keys.contains(key));
        keys.insert(key);
    }
    return 0;
}
