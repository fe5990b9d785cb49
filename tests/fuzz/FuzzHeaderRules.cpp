// The custom header rules (WebhookConfig::headerProblem, shared by Réglages → Sécurité and `webhook header set`),
// the stored JSON list of headers and how they are shown. Input: NUL-separated parts (name, value, stored JSON).

#include "FuzzSupport.h"
#include "outbox/Notification.h"
#include "webhooks/WebhookConfig.h"

#include <QNetworkRequest>

namespace {

bool isToken(const QString& name)
{
    static const QString punctuation = QStringLiteral("!#$%&'*+-.^_`|~");
    if (name.isEmpty()) {
        return false;
    }
    for (const auto ch : name) {
        const auto unit = ch.unicode();
        const bool alphanumeric =
            (unit >= u'a' && unit <= u'z') || (unit >= u'A' && unit <= u'Z') || (unit >= u'0' && unit <= u'9');
        if (!alphanumeric && !punctuation.contains(ch)) {
            return false;
        }
    }
    return true;
}

void checkRule(const QString& name, const QString& value)
{
    const auto problem = WebhookConfig::headerProblem(name, value);
    if (!problem.isEmpty()) {
        return;
    }
    // Accepted: an RFC 9110 token Crochet does not set itself, and a value on a single line.
    FUZZ_CHECK(isToken(name));
    static const QStringList reserved = {
        // Crochet's own
        QStringLiteral("content-type"),
        QStringLiteral("user-agent"),
        QStringLiteral("accept-encoding"),
        QStringLiteral("webhook-id"),
        QStringLiteral("webhook-timestamp"),
        QStringLiteral("webhook-signature"),
        // connection (hop-by-hop) and framing headers, and Host
        QStringLiteral("host"),
        QStringLiteral("connection"),
        QStringLiteral("keep-alive"),
        QStringLiteral("proxy-connection"),
        QStringLiteral("te"),
        QStringLiteral("trailer"),
        QStringLiteral("upgrade"),
        QStringLiteral("expect"),
        QStringLiteral("content-length"),
        QStringLiteral("transfer-encoding"),
        QStringLiteral("content-encoding"),
    };
    FUZZ_CHECK(!reserved.contains(name.toLower()));
    // A value of visible US-ASCII, spaces and tabs inside: no control byte, no DEL.
    for (const auto ch : value) {
        FUZZ_CHECK(ch == QLatin1Char('\t') || (ch.unicode() >= 0x20 && ch.unicode() < 0x7f));
    }

    // It survives being stored, and reaches the request whole, after the rules and before Crochet's own headers.
    const HeaderList headers { { name.toLatin1(), value.toUtf8() } };
    const auto stored = WebhookConfig::parseHeaders(WebhookConfig::serializeHeaders(headers));
    FUZZ_CHECK(stored == headers);
    WebhookConfig config;
    config.customHeaders = stored;
    const auto request = config.request(Notification::test(), QUrl(QStringLiteral("https://example.com/hook")));
    FUZZ_CHECK(!request.headers.isEmpty() && request.headers.first() == headers.first());
    QNetworkRequest network;
    network.setRawHeader(headers.first().first, headers.first().second);
    FUZZ_CHECK(network.rawHeader(headers.first().first) == headers.first().second);

    // History and the CLI show the name and a mask, never the value.
    const auto lines = WebhookConfig::describeHeaders(headers, QByteArrayLiteral("application/json")).split(u'\n');
    FUZZ_CHECK(lines.size() == 3);
    FUZZ_CHECK(lines.last() == name + QStringLiteral(": ••••"));
}

void checkStored(const QByteArray& json)
{
    const auto headers = WebhookConfig::parseHeaders(QString::fromUtf8(json));
    for (const auto& [name, value] : headers) {
        FUZZ_CHECK(!name.isEmpty());
    }
    const auto serialized = WebhookConfig::serializeHeaders(headers);
    FUZZ_CHECK(WebhookConfig::parseHeaders(serialized) == headers);
    const auto lines = WebhookConfig::describeHeaders(headers, QByteArrayLiteral("application/json"));
    FUZZ_CHECK(!lines.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzSupport::initialize();
    FuzzSupport::Reader reader(data, size);
    const auto name = reader.text();
    const auto value = reader.text();
    const auto json = reader.bytes();
    checkRule(name, value);
    checkStored(json);
    return 0;
}
