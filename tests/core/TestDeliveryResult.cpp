#include "DeliveryResult.h"
#include "RetryPolicy.h"

#include <QTest>

using namespace std::chrono_literals;

class TestDeliveryResult : public QObject
{
    Q_OBJECT

private slots:
    void classification_data();
    void classification();
    void retryAfter_data();
    void retryAfter();
    void schedule();
    void retryAfterIsHonoured();
    void givesUpAfterTenAttempts();
    void summariesSayWhatToDo();
};

void TestDeliveryResult::classification_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<bool>("retryable");
    using O = DeliveryResult::Outcome;
    QTest::newRow("200") << 200 << int(O::Delivered) << false;
    QTest::newRow("204") << 204 << int(O::Delivered) << false;
    QTest::newRow("301") << 301 << int(O::Redirected) << false;
    QTest::newRow("400") << 400 << int(O::ClientError) << false;
    QTest::newRow("401") << 401 << int(O::Rejected) << false;
    QTest::newRow("403") << 403 << int(O::Rejected) << false;
    QTest::newRow("404") << 404 << int(O::NotFound) << false;
    QTest::newRow("408") << 408 << int(O::ClientError) << true;
    QTest::newRow("410") << 410 << int(O::Gone) << false;
    QTest::newRow("422") << 422 << int(O::ClientError) << false;
    QTest::newRow("429") << 429 << int(O::RateLimited) << true;
    QTest::newRow("500") << 500 << int(O::ServerError) << true;
    QTest::newRow("503") << 503 << int(O::ServerError) << true;
    QTest::newRow("101") << 101 << int(O::UnexpectedStatus) << false;
}

void TestDeliveryResult::classification()
{
    QFETCH(int, status);
    QFETCH(int, outcome);
    QFETCH(bool, retryable);
    const auto result = DeliveryResult::fromHttpStatus(status);
    QCOMPARE(int(result.outcome), outcome);
    QCOMPARE(result.isRetryable(), retryable);
    QCOMPARE(result.isSuccess(), status >= 200 && status < 300);
    QCOMPARE(DeliveryResult::outcomeFromKey(DeliveryResult::outcomeKey(result.outcome)), result.outcome);
}

void TestDeliveryResult::retryAfter_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime now(QDate(2026, 11, 26), QTime(12, 0, 0), Qt::UTC);
    QTest::newRow("seconds") << QByteArrayLiteral("120") << now.addSecs(120);
    QTest::newRow("zero") << QByteArrayLiteral("0") << now;
    QTest::newRow("http date") << QByteArrayLiteral("Thu, 26 Nov 2026 12:30:00 GMT")
                               << QDateTime(QDate(2026, 11, 26), QTime(12, 30, 0), Qt::UTC);
    QTest::newRow("asctime") << QByteArrayLiteral("Thu Nov 26 12:30:00 2026")
                             << QDateTime(QDate(2026, 11, 26), QTime(12, 30, 0), Qt::UTC);
    QTest::newRow("garbage") << QByteArrayLiteral("soon") << QDateTime();
    QTest::newRow("negative") << QByteArrayLiteral("-5") << QDateTime();
    QTest::newRow("empty") << QByteArray() << QDateTime();
}

void TestDeliveryResult::retryAfter()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, expected);
    const QDateTime now(QDate(2026, 11, 26), QTime(12, 0, 0), Qt::UTC);
    QCOMPARE(DeliveryResult::parseRetryAfter(value, now), expected);
}

void TestDeliveryResult::schedule()
{
    const QList<std::chrono::seconds> expected { 0s, 5s, 5min, 30min, 2h, 5h, 10h, 14h, 20h, 24h };
    QCOMPARE(RetryPolicy::schedule(), expected);
    const QDateTime now(QDate(2026, 11, 26), QTime(12, 0, 0), Qt::UTC);
    auto failure = DeliveryResult::fromHttpStatus(500);
    QCOMPARE(RetryPolicy::nextAttempt(failure, 1, now, 1.0), std::optional<QDateTime>(now.addSecs(5)));
    QCOMPARE(RetryPolicy::nextAttempt(failure, 2, now, 1.0), std::optional<QDateTime>(now.addSecs(300)));
    QCOMPARE(RetryPolicy::nextAttempt(failure, 9, now, 1.0), std::optional<QDateTime>(now.addSecs(24 * 3600)));
    // Jitter stays within ±20 %.
    QCOMPARE(RetryPolicy::nextAttempt(failure, 2, now, 0.8), std::optional<QDateTime>(now.addSecs(240)));
    for (int i = 0; i < 100; ++i) {
        const auto jitter = RetryPolicy::randomJitter();
        QVERIFY(jitter >= 0.8 && jitter <= 1.2);
    }
    QCOMPARE(RetryPolicy::nextAttempt(DeliveryResult::fromHttpStatus(404), 1, now, 1.0), std::nullopt);
}

void TestDeliveryResult::retryAfterIsHonoured()
{
    const QDateTime now(QDate(2026, 11, 26), QTime(12, 0, 0), Qt::UTC);
    auto limited = DeliveryResult::fromHttpStatus(429);
    limited.retryAfter = now.addSecs(90);
    QCOMPARE(RetryPolicy::nextAttempt(limited, 1, now, 1.0), std::optional<QDateTime>(now.addSecs(90)));
    limited.retryAfter = now.addDays(30);
    QCOMPARE(RetryPolicy::nextAttempt(limited, 1, now, 1.0), std::optional<QDateTime>(now.addSecs(24 * 3600)));
}

void TestDeliveryResult::givesUpAfterTenAttempts()
{
    const auto now = QDateTime::currentDateTimeUtc();
    QCOMPARE(RetryPolicy::maximumAttempts(), 10);
    QVERIFY(RetryPolicy::nextAttempt(DeliveryResult::fromHttpStatus(503), 9, now).has_value());
    QCOMPARE(RetryPolicy::nextAttempt(DeliveryResult::fromHttpStatus(503), 10, now), std::nullopt);
}

void TestDeliveryResult::summariesSayWhatToDo()
{
    auto result = DeliveryResult::fromHttpStatus(204);
    result.durationMs = 42;
    QCOMPARE(result.summary(), QStringLiteral("Delivered: HTTP 204 in 42 ms."));
    QVERIFY(DeliveryResult::fromHttpStatus(403).summary().contains(QLatin1String("revoked")));
    auto redirect = DeliveryResult::fromHttpStatus(301);
    redirect.detail = QStringLiteral("https://new.example/hook");
    QVERIFY(redirect.summary().contains(QLatin1String("https://new.example/hook")));
    DeliveryResult timeout;
    timeout.outcome = DeliveryResult::Outcome::Timeout;
    timeout.timeoutSeconds = 10;
    QCOMPARE(timeout.summary(), QStringLiteral("No answer within 10 s: the receiver is down or too slow."));
}

QTEST_GUILESS_MAIN(TestDeliveryResult)
#include "TestDeliveryResult.moc"
