#include "BenchSupport.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "users/UserImporter.h"
#include "webhooks/Endpoint.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

// Issue 11: 1,000 accounts imported (the real import path) for a Discord-format endpoint whose loopback receiver
// enforces Discord's limit, 30 requests per 60 s, with its headers, and answers 429 beyond. With digests (the Discord
// default, 10 s window), 5 runs; without, as the reference, one run observed for a while, its total time projected
// from the limit (it would take over half an hour). CROCHET_BENCH_REFERENCE_SECONDS changes how long the reference is
// observed (default 65: more than one whole window).
using BenchSupport::figures;
using BenchSupport::print;

namespace {

constexpr int Accounts = 1000;
constexpr int Runs = 5;
constexpr int Limit = 30;
constexpr qint64 WindowMs = 60 * 1000;

// Discord's webhook bucket: Limit requests per window from the first one, announced with its headers on every answer,
// and 429 with retry_after (JSON) and Retry-After beyond.
class DiscordLimiter
{
public:
    TestReceiver::Response answer()
    {
        const auto now = QDateTime::currentMSecsSinceEpoch();
        if (m_windowStart < 0 || now - m_windowStart >= WindowMs) {
            m_windowStart = now;
            m_used = 0;
        }
        const qint64 resetAt = m_windowStart + WindowMs;
        const double resetAfter = double(resetAt - now) / 1000.0;
        TestReceiver::Response response;
        if (m_used >= Limit) {
            ++refused;
            response.status = 429;
            response.body = QJsonDocument(QJsonObject { { QStringLiteral("message"),
                                                          QStringLiteral("You are being rate limited.") },
                                                        { QStringLiteral("retry_after"), resetAfter },
                                                        { QStringLiteral("global"), false } })
                                .toJson(QJsonDocument::Compact);
            response.headers.append({ QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") });
            response.headers.append({ "Retry-After", QByteArray::number(int(std::ceil(resetAfter))) });
        } else {
            ++m_used;
            response.status = 204;
        }
        response.headers.append({ "X-RateLimit-Limit", QByteArray::number(Limit) });
        response.headers.append({ "X-RateLimit-Remaining", QByteArray::number(Limit - m_used) });
        response.headers.append({ "X-RateLimit-Reset", QByteArray::number(double(resetAt) / 1000.0, 'f', 3) });
        response.headers.append({ "X-RateLimit-Reset-After", QByteArray::number(resetAfter, 'f', 3) });
        response.headers.append(
            { QByteArrayLiteral("X-RateLimit-Bucket"), QByteArrayLiteral("b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5") });
        return response;
    }

    int refused = 0;

private:
    qint64 m_windowStart = -1;
    int m_used = 0;
};

// Names as people have them, of varied lengths, each made unique by a number.
QStringList accountNames()
{
    const QStringList first { QStringLiteral("Ana"),     QStringLiteral("Bo"),      QStringLiteral("Élodie"),
                              QStringLiteral("Mohamed"), QStringLiteral("Zoé"),     QStringLiteral("Jean-Baptiste"),
                              QStringLiteral("Li"),      QStringLiteral("Camille"), QStringLiteral("Nguyen"),
                              QStringLiteral("Olga") };
    const QStringList last { QStringLiteral("Martin"),   QStringLiteral("Ferreira"), QStringLiteral("Dubois"),
                             QStringLiteral("Nakamura"), QStringLiteral("Okafor"),   QStringLiteral("Lefèvre"),
                             QStringLiteral("Kowalski") };
    QStringList names;
    for (int i = 0; i < Accounts; ++i) {
        names << QStringLiteral("%1 %2 %3").arg(first.at(i % first.size()), last.at(i % last.size())).arg(i + 1);
    }
    return names;
}

QByteArray csvOf(const QStringList& names)
{
    QByteArray csv = "name,email,password,role\n";
    for (int i = 0; i < names.size(); ++i) {
        csv += names.at(i).toUtf8() + ",user" + QByteArray::number(i) + "@example.com,,pending\n";
    }
    return csv;
}

// The names a message announces: "12 new users signed up: Ana, Bo, …" or "New user signed up: Ana" (English, the
// benchmark's language). The names here carry no markup to unescape.
QStringList announcedIn(const QByteArray& body)
{
    const auto content = QJsonDocument::fromJson(body).object().value(QStringLiteral("content")).toString();
    const auto colon = content.indexOf(QLatin1String(": "));
    return colon < 0 ? QStringList() : content.mid(colon + 2).split(QStringLiteral(", "));
}

struct Outcome
{
    int announced = 0; // distinct imported names found in the bodies
    int requests = 0;
    int refused = 0;
    int mostPerMessage = 0;
    int delivered = 0;
    qint64 wallMs = 0; // from the start of the import to the last notification recorded delivered
    bool finished = false;
};

Outcome run(const QString& dir, const QString& csvPath, const QStringList& names, bool digest, int run,
            qint64 observeMs)
{
    Outcome outcome;
    Database database(QStringLiteral("%1/discord-%2-%3.sqlite").arg(dir).arg(digest).arg(run));
    if (!database.open()) {
        return outcome;
    }
    TestReceiver receiver;
    DiscordLimiter limiter;
    receiver.setResponder([&limiter](const TestReceiver::Request&) { return limiter.answer(); });
    if (!receiver.listen()) {
        return outcome;
    }
    TestFixtures::setWebhookUrl(&database, receiver.url(QStringLiteral("/api/webhooks/123/token")).toString());
    TestFixtures::setWebhookFormat(&database, QStringLiteral("discord"));
    EndpointStore store(&database);
    // The Discord default (on, 10 s) when digest; explicitly off for the reference.
    store.update(store.main().id, [digest](Endpoint& endpoint) {
        endpoint.digest = digest ? std::nullopt : std::optional<bool>(false);
        return true;
    });
    if (store.main().digests() != digest || store.main().digestWindowSeconds != Endpoint::DefaultDigestWindowSeconds) {
        return outcome;
    }

    DeliveryService deliveries(&database);
    UserImporter importer(&database);
    QObject::connect(&importer, &UserImporter::batchCommitted, &deliveries, &DeliveryService::wake);
    bool imported = false;
    QObject::connect(&importer, &UserImporter::finished, &importer,
                     [&imported](const UserImporter::Summary& summary) { imported = summary.created == Accounts; });
    QElapsedTimer timer;
    timer.start();
    deliveries.start();
    importer.start(csvPath);
    const Outbox outbox(&database);
    outcome.finished = BenchSupport::waitUntil(
        [&] { return imported && outbox.count(Outbox::State::Delivered) == Accounts; }, int(observeMs), 20);
    outcome.wallMs = timer.elapsed();
    deliveries.stop();
    outcome.delivered = outbox.count(Outbox::State::Delivered);
    outcome.requests = receiver.count();
    outcome.refused = limiter.refused;
    const QSet<QString> expected(names.cbegin(), names.cend());
    QSet<QString> seen;
    for (const auto& request : receiver.requests()) {
        const auto listed = announcedIn(request.body);
        outcome.mostPerMessage = qMax(outcome.mostPerMessage, int(listed.size()));
        for (const auto& name : listed) {
            if (expected.contains(name)) {
                seen.insert(name);
            }
        }
    }
    outcome.announced = int(seen.size());
    return outcome;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const auto names = accountNames();
    const auto csvPath = dir.filePath(QStringLiteral("accounts.csv"));
    if (!dir.isValid() || !TestFixtures::writeFile(csvPath, csvOf(names))) {
        return 1;
    }
    print(QStringLiteral("%1 accounts imported for a Discord endpoint limited to %2 requests per %3 s")
              .arg(Accounts)
              .arg(Limit)
              .arg(WindowMs / 1000));
    bool ok = true;
    QList<double> walls;
    QList<double> requests;
    int mostPerMessage = 0;
    for (int i = 0; i < Runs; ++i) {
        const auto outcome = run(dir.path(), csvPath, names, true, i, 300000);
        const int bound =
            outcome.mostPerMessage > 0 ? (Accounts + outcome.mostPerMessage - 1) / outcome.mostPerMessage : -1;
        print(QStringLiteral("digest run %1: announced %2, requests %3, 429 %4, accounts per message %5, "
                             "ceil(%6 / %5) = %7, wall %8 s%9")
                  .arg(i + 1)
                  .arg(outcome.announced)
                  .arg(outcome.requests)
                  .arg(outcome.refused)
                  .arg(outcome.mostPerMessage)
                  .arg(Accounts)
                  .arg(bound)
                  .arg(outcome.wallMs / 1000.0, 0, 'f', 2)
                  .arg(outcome.finished ? QString() : QStringLiteral(" (NOT FINISHED)")));
        ok = ok && outcome.finished && outcome.announced == Accounts && outcome.refused == 0
            && outcome.requests <= bound;
        walls << outcome.wallMs / 1000.0;
        requests << outcome.requests;
        mostPerMessage = qMax(mostPerMessage, outcome.mostPerMessage);
    }
    print(QStringLiteral("digest, min / median / max of %1 runs: wall %2 s, requests %3")
              .arg(Runs)
              .arg(figures(walls, 2), figures(requests, 0)));

    // The reference: one message per account, paced so that nothing is refused, observed for a while.
    const qint64 observeMs = qEnvironmentVariableIntValue("CROCHET_BENCH_REFERENCE_SECONDS") > 0
        ? qEnvironmentVariableIntValue("CROCHET_BENCH_REFERENCE_SECONDS") * 1000LL
        : 65000;
    const auto reference = run(dir.path(), csvPath, names, false, 0, observeMs);
    // Limit requests per window, the first window starting with the first request.
    const int windows = (Accounts + Limit - 1) / Limit;
    const double projected = reference.finished ? reference.wallMs / 1000.0 : (windows - 1) * WindowMs / 1000.0;
    print(QStringLiteral("without digest (reference): requests needed %1, in %2 s: %3 requests, %4 delivered, 429 %5; "
                         "time until all delivered %6 s%7")
              .arg(Accounts)
              .arg(reference.wallMs / 1000.0, 0, 'f', 1)
              .arg(reference.requests)
              .arg(reference.delivered)
              .arg(reference.refused)
              .arg(projected, 0, 'f', 0)
              .arg(reference.finished ? QString()
                                      : QStringLiteral(" (projected: %1 windows of %2 requests, the last one starting "
                                                       "after %3 x %4 s)")
                                            .arg(windows)
                                            .arg(Limit)
                                            .arg(windows - 1)
                                            .arg(WindowMs / 1000)));
    std::sort(walls.begin(), walls.end());
    print(QStringLiteral("ratio: all %1 accounts announced %2x sooner with digests (median), in %3x fewer requests")
              .arg(Accounts)
              .arg(projected / walls.at(walls.size() / 2), 0, 'f', 0)
              .arg(double(Accounts) / requests.at(requests.size() / 2), 0, 'f', 0));
    ok = ok && reference.refused == 0;
    return ok ? 0 : 1;
}
