#include "outbox/DeliveryResult.h"
#include "outbox/RetryPolicy.h"
#include "text/Translations.h"

#include <QTest>

using namespace std::chrono_literals;

Q_DECLARE_METATYPE(DeliveryResult)
Q_DECLARE_METATYPE(DeliveryResult::Reply)

class TestDeliveryResult : public QObject
{
    Q_OBJECT

private slots:
    void classification_data();
    void classification();
    void replies_data();
    void replies();
    void retryAfter_data();
    void retryAfter();
    void schedule();
    void retryAfterIsHonoured();
    void givesUpAfterTenAttempts();
    void summariesSayWhatToDo_data();
    void summariesSayWhatToDo();
    void rateLimitShowsLocalTimeWithZone();
    void delays_data();
    void delays();
    void storedResultsRenderInTheReadersLanguage();
    void storedDetailsRenderInTheReadersLanguage_data();
    void storedDetailsRenderInTheReadersLanguage();
    void storedDetailsOfEarlierRowsStayReadable();
};

void TestDeliveryResult::replies_data()
{
    using O = DeliveryResult::Outcome;
    using E = QNetworkReply::NetworkError;
    QTest::addColumn<DeliveryResult::Reply>("reply");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<int>("networkError");
    QTest::addColumn<QString>("detail");

    DeliveryResult::Reply ok;
    ok.httpStatus = 204;
    QTest::newRow("204") << ok << int(O::Delivered) << int(E::NoError) << QString();
    auto redirect = ok;
    redirect.httpStatus = 302;
    redirect.error = E::ProtocolUnknownError;
    redirect.location = "https://example.org/new";
    QTest::newRow("302 keeps its location")
        << redirect << int(O::Redirected) << int(E::NoError) << QStringLiteral("https://example.org/new");
    auto gone = ok;
    gone.httpStatus = 410;
    gone.error = E::ContentGoneError;
    QTest::newRow("410 with Qt's error") << gone << int(O::Gone) << int(E::NoError) << QString();
    auto truncated = ok;
    truncated.httpStatus = 200;
    truncated.error = E::OperationCanceledError;
    truncated.bodyTruncated = true;
    QTest::newRow("body cut: the status counts") << truncated << int(O::Delivered) << int(E::NoError) << QString();
    auto cancelled = gone;
    cancelled.cancelled = true;
    cancelled.timedOut = true;
    QTest::newRow("cancelled first") << cancelled << int(O::Cancelled) << int(E::NoError) << QString();
    auto timedOut = ok;
    timedOut.httpStatus = 0;
    timedOut.timedOut = true;
    timedOut.error = E::OperationCanceledError;
    QTest::newRow("our deadline") << timedOut << int(O::Timeout) << int(E::NoError) << QString();
    auto huge = ok;
    huge.headersTooLarge = true;
    QTest::newRow("headers too large") << huge << int(O::HeadersTooLarge) << int(E::NoError) << QString();
    auto proxyAuth = ok;
    proxyAuth.httpStatus = 407;
    proxyAuth.throughProxy = true;
    QTest::newRow("407 through a proxy") << proxyAuth << int(O::ProxyFailure)
                                         << int(E::ProxyAuthenticationRequiredError) << QString();
    DeliveryResult::Reply refused;
    refused.error = E::ConnectionRefusedError;
    refused.errorText = QStringLiteral("Connection refused");
    QTest::newRow("refused") << refused << int(O::ConnectionRefused) << int(E::NoError) << QString();
    auto proxyRefused = refused;
    proxyRefused.throughProxy = true;
    QTest::newRow("refused through a proxy: the proxy's")
        << proxyRefused << int(O::ProxyFailure) << int(E::ConnectionRefusedError)
        << QStringLiteral("Connection refused");
    DeliveryResult::Reply tls;
    tls.error = E::SslHandshakeFailedError;
    tls.errorText = QStringLiteral("handshake");
    tls.tlsErrors = { QSslError::CertificateExpired };
    QTest::newRow("tls") << tls << int(O::TlsFailure) << int(E::SslHandshakeFailedError) << QStringLiteral("handshake");
    DeliveryResult::Reply resent;
    resent.error = E::ContentReSendError;
    QTest::newRow("re-send refused: closed") << resent << int(O::ConnectionClosed) << int(E::NoError) << QString();
    DeliveryResult::Reply other;
    other.error = E::NetworkSessionFailedError;
    other.errorText = QStringLiteral("session");
    QTest::newRow("other network error") << other << int(O::NetworkFailure) << int(E::NetworkSessionFailedError)
                                         << QStringLiteral("session");
}

void TestDeliveryResult::replies()
{
    QFETCH(DeliveryResult::Reply, reply);
    QFETCH(int, outcome);
    QFETCH(int, networkError);
    QFETCH(QString, detail);
    const auto result = DeliveryResult::fromReply(reply);
    QCOMPARE(int(result.outcome), outcome);
    QCOMPARE(int(result.networkError), networkError);
    QCOMPARE(result.detail, detail);
    QCOMPARE(result.httpStatus, reply.httpStatus);
    QCOMPARE(result.tlsErrors,
             outcome == int(DeliveryResult::Outcome::TlsFailure) ? reply.tlsErrors : QList<QSslError::SslError>());
}

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

void TestDeliveryResult::summariesSayWhatToDo_data()
{
    QTest::addColumn<DeliveryResult>("result");
    QTest::addColumn<QString>("summary");
    using O = DeliveryResult::Outcome;
    const auto make = [](O outcome, int status = 0) {
        DeliveryResult result;
        result.outcome = outcome;
        result.httpStatus = status;
        result.host = QStringLiteral("hooks.example");
        return result;
    };

    auto delivered = make(O::Delivered, 204);
    delivered.durationMs = 42;
    QTest::newRow("delivered") << delivered << QStringLiteral("Delivered: HTTP 204 in 42 ms.");
    QTest::newRow("500") << make(O::ServerError, 500)
                         << QStringLiteral("HTTP 500: the receiver failed while handling the request. Check the "
                                           "receiver's logs or the service's status page; if it fails only for "
                                           "Crochet, check that the payload format suits this URL.");
    QTest::newRow("503") << make(O::ServerError, 503)
                         << QStringLiteral("HTTP 503: the receiver, or a gateway in front of it, is unavailable or "
                                           "overloaded. Check that the receiver is running, or the service's status "
                                           "page.");
    auto timeout = make(O::Timeout);
    timeout.timeoutSeconds = 10;
    QTest::newRow("timeout") << timeout
                             << QStringLiteral("No answer within 10 s: the receiver is down or too slow. If it is only "
                                               "slow, raise the Timeout on the General settings page, or run "
                                               "\"crochet-cli webhook set URL --timeout SECONDS\".");
    QTest::newRow("410 delivering") << make(O::Gone, 410)
                                    << QStringLiteral("HTTP 410: the webhook was deleted on the service, so Crochet "
                                                      "stops sending to this URL. Create a new webhook there and save "
                                                      "its URL.");
    auto goneTest = make(O::Gone, 410);
    goneTest.isTest = true;
    QTest::newRow("410 testing a URL") << goneTest
                                       << QStringLiteral("HTTP 410: this webhook was deleted on the service. Create a "
                                                         "new webhook there and use its URL.");
    auto settingsProxy = make(O::ProxyFailure);
    settingsProxy.proxy = QStringLiteral("proxy.example:3128");
    settingsProxy.proxySource = DeliveryResult::ProxySource::Settings;
    settingsProxy.detail = QStringLiteral("Connection refused");
    QTest::newRow("proxy from the settings")
        << settingsProxy
        << QStringLiteral("The proxy proxy.example:3128 set in Settings → Network failed: Connection refused. Check it "
                          "there, or clear it to use the system's proxy.");
    auto environmentProxy = settingsProxy;
    environmentProxy.proxySource = DeliveryResult::ProxySource::Environment;
    QTest::newRow("proxy from the environment")
        << environmentProxy
        << QStringLiteral("The proxy proxy.example:3128 given by the environment (HTTPS_PROXY, HTTP_PROXY or "
                          "ALL_PROXY) failed: Connection refused. Correct or unset that variable, add the host to "
                          "NO_PROXY, or set a proxy in Settings → Network.");
    auto blocked = make(O::Blocked);
    blocked.detail = QStringLiteral("public addresses only, and 127.0.0.1 is a private, loopback or reserved address");
    QTest::newRow("policy, one final stop")
        << blocked
        << QStringLiteral("Blocked by the allowed-hosts policy: public addresses only, and 127.0.0.1 is a private, "
                          "loopback or reserved address. If this host is trusted, change the policy in Settings → "
                          "Network.");
    auto network = make(O::NetworkFailure);
    network.detail = QStringLiteral("Network unreachable.");
    QTest::newRow("detail ending a sentence") << network << QStringLiteral("Network error: Network unreachable.");
    QTest::newRow("429 without Retry-After") << make(O::RateLimited, 429)
                                             << QStringLiteral("HTTP 429: the service is limiting requests; try again "
                                                               "later.");
}

void TestDeliveryResult::summariesSayWhatToDo()
{
    QFETCH(DeliveryResult, result);
    QFETCH(QString, summary);
    QCOMPARE(result.summary(), summary);
    // Stored and read back, the result says the same.
    const auto stored = DeliveryResult::fromStored(result.toStored());
    QVERIFY(stored.has_value());
    QCOMPARE(stored->summary(), result.isTest ? stored->summary() : summary);
    QVERIFY(DeliveryResult::fromHttpStatus(403).summary().contains(QLatin1String("revoked")));
}

void TestDeliveryResult::rateLimitShowsLocalTimeWithZone()
{
    const auto now = QDateTime::currentDateTimeUtc();
    auto limited = DeliveryResult::fromHttpStatus(429);
    limited.retryAfter = DeliveryResult::parseRetryAfter(QByteArrayLiteral("120"), now);
    const auto local = limited.retryAfter.toLocalTime();
    const auto zone = local.timeZoneAbbreviation();
    QVERIFY(!zone.isEmpty());
    const auto summary = limited.summary();
    QVERIFY2(summary.startsWith(QLatin1String("HTTP 429: the service is limiting requests and asks to wait: in ")),
             qPrintable(summary));
    QVERIFY2(summary.contains(QLatin1String("in 2 min (")), qPrintable(summary));
    QVERIFY2(summary.endsWith(QLatin1Char(' ') + zone + QStringLiteral(").")), qPrintable(summary));
    QVERIFY2(summary.contains(QLocale().toString(local.time(), QLocale::ShortFormat))
                 || summary.contains(QLocale().toString(local, QLocale::ShortFormat)),
             qPrintable(summary));

    // A Retry-After of years is capped at the day RetryPolicy waits at most, and so is what the summary shows.
    const auto far = DeliveryResult::parseRetryAfter(QByteArrayLiteral("999999999"), now);
    QCOMPARE(far, now.addSecs(DeliveryResult::MaxRetryAfterSeconds));
    QCOMPARE(DeliveryResult::parseRetryAfter(QByteArrayLiteral("Fri, 31 Dec 9999 23:59:59 GMT"), now),
             now.addSecs(DeliveryResult::MaxRetryAfterSeconds));
    limited.retryAfter = far;
    QVERIFY2(limited.summary().contains(QLatin1String("in 24 h (")), qPrintable(limited.summary()));

    // Read later, a time already past is not "in" anything.
    limited.retryAfter = now.addSecs(-60);
    QVERIFY2(limited.summary().startsWith(
                 QLatin1String("HTTP 429: the service is limiting requests and asked to wait until ")),
             qPrintable(limited.summary()));
}

void TestDeliveryResult::delays_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("seconds") << qint64(45) << QStringLiteral("45 s");
    QTest::newRow("a minute and a bit") << qint64(61) << QStringLiteral("2 min");
    QTest::newRow("hours") << qint64(3 * 3600) << QStringLiteral("3 h");
    QTest::newRow("hours and minutes") << qint64(5400) << QStringLiteral("1 h 30 min");
}

void TestDeliveryResult::delays()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(DeliveryResult::formatDelay(seconds), text);
}

void TestDeliveryResult::storedResultsRenderInTheReadersLanguage()
{
    // Recorded by an English process...
    auto notFound = DeliveryResult::fromHttpStatus(404);
    notFound.durationMs = 12;
    const auto stored = notFound.toStored();
    QVERIFY(!stored.contains(QLatin1String("HTTP 404: this webhook")));
    auto delivered = DeliveryResult::fromHttpStatus(204);
    delivered.durationMs = 7;
    const auto storedDelivered = delivered.toStored();

    // ...read by a French one.
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto french = DeliveryResult::storedSummary(stored, QString());
    Translations::install(QStringLiteral("en"));
    QCOMPARE(french,
             QStringLiteral("HTTP 404\u00a0: ce webhook n’existe pas ou plus. Vérifiez l’URL ou créez un "
                            "nouveau webhook."));
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto frenchDelivered = DeliveryResult::storedSummary(storedDelivered, QString());
    Translations::install(QStringLiteral("en"));
    QCOMPARE(frenchDelivered, QStringLiteral("Livrée en 7\u00a0ms (HTTP 204)."));

    // What versions before schema 4 stored (text only) is shown as it was written.
    const auto legacy = QStringLiteral("HTTP 500 : le service est en panne de son côté.");
    QCOMPARE(DeliveryResult::storedSummary(QString(), legacy), legacy);
    QCOMPARE(DeliveryResult::storedSummary(QStringLiteral("{\"code\":\"no-such-outcome\"}"), legacy), legacy);
    QCOMPARE(DeliveryResult::storedSummary(QStringLiteral("not json"), legacy), legacy);
}

void TestDeliveryResult::storedDetailsRenderInTheReadersLanguage_data()
{
    using O = DeliveryResult::Outcome;
    QTest::addColumn<DeliveryResult>("result");
    QTest::addColumn<QString>("english"); // never stored: the sentence the writer saw
    QTest::addColumn<QString>("french");
    const auto make = [](O outcome) {
        DeliveryResult result;
        result.outcome = outcome;
        result.host = QStringLiteral("hooks.example.com");
        return result;
    };

    // The allowed-hosts policy: each reason with its arguments.
    NetworkOptions publicOnly;
    publicOnly.hostPolicy = NetworkOptions::HostPolicy::PublicOnly;
    auto resolves = make(O::Blocked);
    resolves.refusal = publicOnly.refusal(resolves.host, { QHostAddress(QStringLiteral("10.1.2.3")) });
    QTest::newRow("policy: resolves to a private address")
        << resolves << QStringLiteral("hooks.example.com resolves to 10.1.2.3")
        << QStringLiteral("Envoi bloqué par la règle des hôtes autorisés\u00a0: adresses publiques uniquement, et "
                          "hooks.example.com est résolu en 10.1.2.3, une adresse privée, de bouclage ou réservée. Si "
                          "cet hôte est de confiance, modifiez la règle dans Réglages → Réseau.");
    auto loopback = make(O::Blocked);
    loopback.host = QStringLiteral("127.0.0.1");
    loopback.refusal = publicOnly.refusal(loopback.host, { QHostAddress(QStringLiteral("127.0.0.1")) });
    QTest::newRow("policy: a private address")
        << loopback << QStringLiteral("127.0.0.1 is a private, loopback or reserved address")
        << QStringLiteral("Envoi bloqué par la règle des hôtes autorisés\u00a0: adresses publiques uniquement, et "
                          "127.0.0.1 est une adresse privée, de bouclage ou réservée. Si cet hôte est de confiance, "
                          "modifiez la règle dans Réglages → Réseau.");
    auto noAddress = make(O::Blocked);
    noAddress.refusal = publicOnly.refusal(noAddress.host, {});
    QTest::newRow("policy: no address")
        << noAddress << QStringLiteral("hooks.example.com has no address")
        << QStringLiteral("Envoi bloqué par la règle des hôtes autorisés\u00a0: adresses publiques uniquement, et "
                          "hooks.example.com n’a aucune adresse. Si cet hôte est de confiance, modifiez la règle "
                          "dans Réglages → Réseau.");
    NetworkOptions list;
    list.hostPolicy = NetworkOptions::HostPolicy::List;
    list.allowedHosts = { QStringLiteral("chat.example.org"), QStringLiteral("10.0.0.0/8") };
    auto notListed = make(O::Blocked);
    notListed.refusal = list.refusal(notListed.host, { QHostAddress(QStringLiteral("192.0.2.1")) });
    QTest::newRow("policy: not listed")
        << notListed << QStringLiteral("only the listed hosts (chat.example.org, 10.0.0.0/8)")
        << QStringLiteral("Envoi bloqué par la règle des hôtes autorisés\u00a0: uniquement les hôtes listés "
                          "(chat.example.org, 10.0.0.0/8), et hooks.example.com n’en fait pas partie. Si cet hôte est "
                          "de confiance, modifiez la règle dans Réglages → Réseau.");

    // An invalid URL: the problem, never the URL (its path is the token).
    const auto check = WebhookUrl::validate(QStringLiteral("discord.com/api/webhooks/1/SECRETTOKEN"));
    auto invalid = make(O::InvalidUrl);
    invalid.host.clear();
    invalid.urlProblem = check.problem;
    invalid.urlArgument = check.argument;
    QTest::newRow("invalid URL: missing scheme")
        << invalid << QStringLiteral("write https:// in front of the host")
        << QStringLiteral("L’URL du webhook n’est pas valide\u00a0: L’URL doit commencer par https:// ou "
                          "http://\u00a0: écrivez https:// devant l’hôte.");
    auto scheme = make(O::InvalidUrl);
    scheme.host.clear();
    scheme.urlProblem = WebhookUrl::validate(QStringLiteral("ftp://example.com/hook")).problem;
    scheme.urlArgument = QStringLiteral("ftp");
    QTest::newRow("invalid URL: scheme")
        << scheme << QStringLiteral("not \"ftp\"")
        << QStringLiteral("L’URL du webhook n’est pas valide\u00a0: Seules les URL http et https sont prises en "
                          "charge, pas «\u00a0ftp\u00a0».");

    // Qt's errors: Crochet's sentence per error, Qt's own translated sentence for other TLS errors.
    auto network = make(O::NetworkFailure);
    network.networkError = QNetworkReply::TemporaryNetworkFailureError;
    network.detail = QStringLiteral("Temporary network failure.");
    QTest::newRow("network error") << network << QStringLiteral("the network is unavailable")
                                   << QStringLiteral("Erreur réseau\u00a0: le réseau est indisponible\u202f; "
                                                     "vérifiez la connexion de cette machine.");
    auto proxy = make(O::ProxyFailure);
    proxy.networkError = QNetworkReply::ProxyConnectionRefusedError;
    proxy.detail = QStringLiteral("Proxy connection refused");
    proxy.proxy = QStringLiteral("127.0.0.1:3128");
    proxy.proxySource = DeliveryResult::ProxySource::Settings;
    QTest::newRow("proxy error")
        << proxy << QStringLiteral("the proxy refused the connection")
        << QStringLiteral("Le proxy 127.0.0.1:3128 défini dans Réglages → Réseau a échoué\u00a0: le proxy a refusé la "
                          "connexion. Vérifiez-le sur cette page, ou effacez-le pour utiliser le proxy du système.");
    auto tls = make(O::TlsFailure);
    tls.networkError = QNetworkReply::SslHandshakeFailedError;
    tls.tlsErrors = { QSslError::CertificateExpired, QSslError::CertificateSignatureFailed };
    tls.detail = QStringLiteral("SSL handshake failed");
    QTest::newRow("certificate errors")
        << tls << QStringLiteral("the certificate has expired; the signature of the certificate is invalid")
        << QStringLiteral("Échec de la connexion sécurisée à hooks.example.com\u00a0: le certificat a "
                          "expiré\u202f; la signature du certificat n'est pas valide.");
    auto handshake = make(O::TlsFailure);
    handshake.networkError = QNetworkReply::SslHandshakeFailedError;
    handshake.detail = QStringLiteral("SSL handshake failed: error:0A00010B:SSL routines::wrong version number");
    QTest::newRow("handshake") << handshake << QStringLiteral("the handshake failed")
                               << QStringLiteral(
                                      "Échec de la connexion sécurisée à hooks.example.com\u00a0: la négociation a "
                                      "échoué\u202f; vérifiez que cette adresse et ce port servent du HTTPS.");

    // An error Crochet has no sentence for: Qt's text, as the writer had it.
    auto unknown = make(O::NetworkFailure);
    unknown.networkError = QNetworkReply::UnknownNetworkError;
    unknown.detail = QStringLiteral("Something unusual happened");
    QTest::newRow("unmapped error") << unknown << QStringLiteral("Something unusual happened")
                                    << QStringLiteral("Erreur réseau\u00a0: Something unusual happened.");
}

void TestDeliveryResult::storedDetailsRenderInTheReadersLanguage()
{
    QFETCH(DeliveryResult, result);
    QFETCH(QString, english);
    QFETCH(QString, french);

    // Recorded by an English process: codes and arguments, not its sentence...
    QCOMPARE(Translations::install(QStringLiteral("en")), QStringLiteral("en"));
    QVERIFY2(result.summary().contains(english), qPrintable(result.summary()));
    const auto stored = result.toStored();
    QVERIFY2(!stored.contains(english) || english == result.detail, qPrintable(stored));
    QVERIFY(!stored.contains(QLatin1String("SECRETTOKEN")));
    QVERIFY(!stored.contains(QLatin1String("discord.com")));
    const auto readBack = DeliveryResult::fromStored(stored);
    QVERIFY(readBack);
    QCOMPARE(readBack->summary(), result.summary());

    // ...read by a French one.
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto text = DeliveryResult::storedSummary(stored, QString());
    Translations::install(QStringLiteral("en"));
    QCOMPARE(text, french);
}

void TestDeliveryResult::storedDetailsOfEarlierRowsStayReadable()
{
    // Written before the details had codes: the text is shown as it was stored.
    const auto stored = QStringLiteral(
        "{\"code\":\"blocked\",\"detail\":\"adresses publiques uniquement, et 127.0.0.1 est une adresse privée, "
        "de bouclage ou réservée\",\"host\":\"127.0.0.1\",\"ms\":3}");
    QCOMPARE(DeliveryResult::storedSummary(stored, QString()),
             QStringLiteral("Blocked by the allowed-hosts policy: adresses publiques uniquement, et 127.0.0.1 est une "
                            "adresse privée, de bouclage ou réservée. If this host is trusted, change the policy in "
                            "Settings → Network."));
    const auto network = QStringLiteral("{\"code\":\"network-failure\",\"detail\":\"Réseau indisponible\",\"ms\":3}");
    QCOMPARE(DeliveryResult::storedSummary(network, QString()), QStringLiteral("Network error: Réseau indisponible."));
}

QTEST_GUILESS_MAIN(TestDeliveryResult)
#include "TestDeliveryResult.moc"
