#include "TestFixtures.h"
#include "TestReceiver.h"
#include "outbox/DeliveryService.h"
#include "outbox/EndpointPacer.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Issue 11: each endpoint is paced by what its service says of its rate limit, before it refuses anything, and one
// endpoint's limit never slows another.
class TestPacing : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void discordLimitIsNeverExceeded();
    void retryAfterSpacesTheRequests();
    void pacerFollowsTheAnnouncedWindow();

private:
    qint64 addEndpoint(const QString& name, const QUrl& url, PayloadFormat::Format format);
    void createAccounts(int count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_database;
};

namespace {

// A service allowing limit requests per window, saying so with Discord's headers, and refusing (429, Retry-After)
// what goes beyond.
class RateLimitedService
{
public:
    RateLimitedService(int limit, int windowMs, bool announces)
        : m_limit(limit)
        , m_windowMs(windowMs)
        , m_announces(announces)
    {
        m_clock.start();
    }

    TestReceiver::Response answer()
    {
        if (m_clock.elapsed() - m_windowStart >= m_windowMs) {
            m_windowStart = m_clock.elapsed();
            m_used = 0;
        }
        const auto resetAfter = double(m_windowMs - (m_clock.elapsed() - m_windowStart)) / 1000.0;
        TestReceiver::Response response;
        if (m_used >= m_limit) {
            ++refused;
            response.status = 429;
            response.headers.append({ "Retry-After", QByteArray::number(qMax(1, int(resetAfter + 0.999))) });
        } else {
            ++m_used;
            response.status = 204;
        }
        if (m_announces) {
            response.headers.append({ "X-RateLimit-Limit", QByteArray::number(m_limit) });
            response.headers.append({ "X-RateLimit-Remaining", QByteArray::number(m_limit - m_used) });
            response.headers.append({ "X-RateLimit-Reset-After", QByteArray::number(resetAfter, 'f', 3) });
        }
        return response;
    }

    int refused = 0;

private:
    int m_limit;
    int m_windowMs;
    bool m_announces;
    QElapsedTimer m_clock;
    qint64 m_windowStart = 0;
    int m_used = 0;
};

} // namespace

void TestPacing::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_database =
        std::make_unique<Database>(TestFixtures::databaseLocation(m_dir->filePath(QStringLiteral("p.sqlite"))));
    QVERIFY(m_database->open());
}

void TestPacing::cleanup()
{
    m_database.reset();
    m_dir.reset();
}

qint64 TestPacing::addEndpoint(const QString& name, const QUrl& url, PayloadFormat::Format format)
{
    Endpoint endpoint;
    endpoint.name = name;
    endpoint.url = url.toString();
    endpoint.format = format;
    // One request per notification: what is paced here is each request (digests: TestDigest).
    endpoint.digest = false;
    return EndpointStore(m_database.get()).add(endpoint) ? endpoint.id : -1;
}

void TestPacing::createAccounts(int count)
{
    UserStore store(m_database.get());
    for (int i = 0; i < count; ++i) {
        NewUser user;
        user.name = QStringLiteral("User %1").arg(i);
        user.email = QStringLiteral("user%1@example.com").arg(i);
        user.role = Role::Pending;
        QVERIFY(store.create(user, {}).ok);
    }
}

void TestPacing::discordLimitIsNeverExceeded()
{
    constexpr int Accounts = 12;
    constexpr int Limit = 5;
    constexpr int WindowMs = 1500;
    TestReceiver discord;
    QVERIFY(discord.listen());
    RateLimitedService service(Limit, WindowMs, true);
    discord.setResponder([&service](const TestReceiver::Request&) { return service.answer(); });
    TestReceiver json;
    QVERIFY(json.listen());
    QVERIFY(addEndpoint(QStringLiteral("Discord"), discord.url(QStringLiteral("/api/webhooks/1/token")),
                        PayloadFormat::Discord)
            > 0);
    QVERIFY(addEndpoint(QStringLiteral("Audit"), json.url(), PayloadFormat::Json) > 0);
    createAccounts(Accounts);

    int discordWhenJsonDone = -1;
    connect(&json, &TestReceiver::requestReceived, this, [&] {
        if (json.count() == Accounts) {
            discordWhenJsonDone = discord.count();
        }
    });
    DeliveryService deliveries(m_database.get());
    deliveries.start();
    QTRY_COMPARE_WITH_TIMEOUT(Outbox(m_database.get()).count(Outbox::State::Delivered), 2 * Accounts, 30000);
    // Every Discord request was accepted: the limit was learned from the first answer and kept.
    QCOMPARE(service.refused, 0);
    QCOMPARE(discord.count(), Accounts);
    // The other endpoint was not held back: all its notifications arrived within Discord's first window.
    QVERIFY2(discordWhenJsonDone >= 0 && discordWhenJsonDone <= Limit,
             qPrintable(QString::number(discordWhenJsonDone)));
}

void TestPacing::retryAfterSpacesTheRequests()
{
    // Slack-style: about one request a second, no window announced, 429 with Retry-After beyond.
    constexpr int Accounts = 4;
    TestReceiver slack;
    QVERIFY(slack.listen());
    RateLimitedService service(1, 1000, false);
    slack.setResponder([&service](const TestReceiver::Request&) { return service.answer(); });
    QVERIFY(addEndpoint(QStringLiteral("Slack"), slack.url(), PayloadFormat::Slack) > 0);
    createAccounts(Accounts);
    DeliveryService deliveries(m_database.get());
    deliveries.start();
    QTRY_COMPARE_WITH_TIMEOUT(Outbox(m_database.get()).count(Outbox::State::Delivered), Accounts, 30000);
    // The first burst is refused beyond the first request; once refused, the endpoint is spaced by what it asked
    // for and refuses nothing more.
    QCOMPARE(service.refused, Accounts - 1);
    QCOMPARE(slack.count(), 2 * Accounts - 1);
}

void TestPacing::pacerFollowsTheAnnouncedWindow()
{
    EndpointPacer pacer;
    const auto now = QDateTime::currentDateTimeUtc();
    // Discord: one request until the limit is known; a JSON endpoint is not limited.
    QCOMPARE(pacer.allowance(1, PayloadFormat::Shape::Discord, now), std::optional<int>(1));
    QCOMPARE(pacer.allowance(2, PayloadFormat::Shape::Json, now), std::nullopt);
    pacer.sent(1, now);
    QCOMPARE(pacer.allowance(1, PayloadFormat::Shape::Discord, now), std::optional<int>(0));
    DeliveryResult ok;
    ok.outcome = DeliveryResult::Outcome::Delivered;
    ok.httpStatus = 204;
    ok.responseHeaders = { { "X-RateLimit-Remaining", "29" }, { "X-RateLimit-Reset-After", "60.000" } };
    pacer.answered(1, ok, now);
    QCOMPARE(pacer.allowance(1, PayloadFormat::Shape::Discord, now), std::optional<int>(29));
    for (int i = 0; i < 29; ++i) {
        pacer.sent(1, now);
    }
    QCOMPARE(pacer.allowance(1, PayloadFormat::Shape::Discord, now), std::optional<int>(0));
    // A late answer from the same window cannot raise what is left.
    ok.responseHeaders = { { "X-RateLimit-Remaining", "20" }, { "X-RateLimit-Reset-After", "59.500" } };
    pacer.answered(1, ok, now.addMSecs(500));
    ok.responseHeaders = { { "X-RateLimit-Remaining", "0" }, { "X-RateLimit-Reset-After", "59.000" } };
    pacer.answered(1, ok, now.addSecs(1));
    QCOMPARE(pacer.allowance(1, PayloadFormat::Shape::Discord, now.addSecs(1)), std::optional<int>(0));
    QCOMPARE(pacer.resumeAt(1, now.addSecs(1)), now.addSecs(60).addMSecs(1));
    // After the reset, nothing more goes while answers are awaited; the new window's count then sets the pace.
    QCOMPARE(pacer.allowance(1, PayloadFormat::Shape::Discord, now.addSecs(61)), std::optional<int>(0));
    ok.responseHeaders = { { "X-RateLimit-Remaining", "2" }, { "X-RateLimit-Reset-After", "60.000" } };
    for (int i = 0; i < 27; ++i) {
        pacer.answered(1, ok, now.addSecs(61));
    }
    QCOMPARE(pacer.allowance(1, PayloadFormat::Shape::Discord, now.addSecs(61)), std::optional<int>(2));

    // A 429 with Retry-After pauses that endpoint only.
    DeliveryResult refused;
    refused.outcome = DeliveryResult::Outcome::RateLimited;
    refused.httpStatus = 429;
    refused.retryAfter = now.addSecs(2);
    pacer.sent(3, now);
    pacer.answered(3, refused, now);
    QCOMPARE(pacer.allowance(3, PayloadFormat::Shape::Slack, now.addSecs(1)), std::optional<int>(0));
    QCOMPARE(pacer.resumeAt(3, now.addSecs(1)), now.addSecs(2));
    QCOMPARE(pacer.allowance(3, PayloadFormat::Shape::Slack, now.addSecs(2)), std::optional<int>(1));
    QCOMPARE(pacer.allowance(2, PayloadFormat::Shape::Json, now.addSecs(1)), std::nullopt);
}

QTEST_GUILESS_MAIN(TestPacing)
#include "TestPacing.moc"
