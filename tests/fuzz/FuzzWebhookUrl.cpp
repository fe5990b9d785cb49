// The URL rules: the webhook URL (validation, masking, format detection), the allowed hosts list, the host policy
// and the proxy URL. Input: NUL-separated parts (URL, allowed hosts, an address, proxy URL, NO_PROXY).

#include "FuzzSupport.h"
#include "outbox/Notification.h"
#include "webhooks/NetworkOptions.h"
#include "webhooks/PayloadFormat.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookUrl.h"

#include <QHostAddress>

namespace {

void checkWebhookUrl(const QString& text)
{
    const auto check = WebhookUrl::validate(text);
    FUZZ_CHECK((check.verdict == WebhookUrl::Verdict::Empty) == text.isEmpty());
    if (!check.isValid()) {
        FUZZ_CHECK(!check.message.isEmpty());
        FUZZ_CHECK(check.url.isEmpty());
    } else {
        FUZZ_CHECK(check.message.isEmpty());
        FUZZ_CHECK(check.url.isValid());
        FUZZ_CHECK(check.url.scheme() == QLatin1String("https") || check.url.scheme() == QLatin1String("http"));
        FUZZ_CHECK(!check.url.host().isEmpty());
        for (const auto ch : text) {
            FUZZ_CHECK(!ch.isSpace() && ch.category() != QChar::Other_Control);
        }
        // Validating what a valid URL turns into gives the same URL.
        const auto again = WebhookUrl::validate(check.url.toString(QUrl::FullyEncoded));
        FUZZ_CHECK(again.isValid());

        // Every shape resolves, from the parsed host, whatever the chosen format; the request keeps a valid URL
        // (Discord's test notification adds wait=true to the query).
        PayloadFormat::detect(check.url);
        WebhookConfig config;
        for (const auto format : PayloadFormat::all()) {
            PayloadFormat::resolve(format, check.url);
            config.format = format;
            const auto request = config.request(Notification::test(), check.url);
            FUZZ_CHECK(request.url.isValid() && request.url.host() == check.url.host());
            FUZZ_CHECK(!request.payload.body.isEmpty());
        }
    }

    // The mask never shows the user's password, nor a path and query longer than its last 4 characters.
    const auto masked = WebhookUrl::mask(text);
    FUZZ_CHECK(masked.isEmpty() == text.isEmpty());
    const QUrl url(text);
    if (!url.isValid() || url.host().isEmpty()) {
        return;
    }
    // What the mask may show whole: scheme, host and port, then "/…" (a secret found there, as when the path repeats
    // the host, is not the mask's doing).
    const QString shown =
        url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        + QLatin1Char('/');
    const auto hidden = [&shown](const QString& secret) {
        return secret.size() < 6 || shown.contains(secret) || secret.contains(QChar(0x2026));
    };
    const auto password = url.password(QUrl::FullyDecoded);
    FUZZ_CHECK(hidden(password) || !masked.contains(password));
    const auto rest = url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    FUZZ_CHECK(hidden(rest) || !masked.contains(rest));
}

void checkNetwork(const QString& hostsText, const QString& host, const QString& addressText, const QString& proxyText,
                  const QString& noProxy)
{
    const auto hosts = NetworkOptions::splitHosts(hostsText);
    for (const auto& entry : hosts) {
        FUZZ_CHECK(!entry.isEmpty());
        FUZZ_CHECK(entry == entry.toLower());
        FUZZ_CHECK(!entry.contains(QLatin1Char(',')));
    }
    FUZZ_CHECK(NetworkOptions::splitHosts(hosts.join(QLatin1Char(','))) == hosts);
    const bool hostsValid = NetworkOptions::validateAllowedHosts(hosts).isEmpty();

    QList<QHostAddress> addresses;
    const QHostAddress address(addressText);
    if (!address.isNull()) {
        addresses << address;
        // Whatever else the policy calls private, these are never public.
        if (address.isLoopback() || address.isLinkLocal() || address.isSiteLocal() || address.isUniqueLocalUnicast()
            || address.isMulticast() || address.isBroadcast()) {
            FUZZ_CHECK(!NetworkOptions::isPublicAddress(address));
        }
    }

    NetworkOptions options;
    options.hostPolicy = NetworkOptions::HostPolicy::PublicOnly;
    if (addresses.isEmpty()) {
        FUZZ_CHECK(!options.checkHost(host, addresses).isEmpty());
    } else {
        FUZZ_CHECK(options.checkHost(host, addresses).isEmpty() == NetworkOptions::isPublicAddress(address));
    }
    if (hostsValid) {
        options.hostPolicy = NetworkOptions::HostPolicy::List;
        options.allowedHosts = hosts;
        const auto allowed = options.checkHost(host, addresses);
        // A host named in the list is allowed, whatever it resolves to.
        if (hosts.contains(host.toLower())) {
            FUZZ_CHECK(allowed.isEmpty());
        }
        options.allowedHosts.clear();
        FUZZ_CHECK(!options.checkHost(host, addresses).isEmpty());
    }

    const bool proxyValid = NetworkOptions::validateProxyUrl(proxyText).isEmpty();
    const auto proxy = EnvironmentProxyFactory::proxyFromUrl(proxyText);
    FUZZ_CHECK(proxyText.isEmpty() || proxyValid == proxy.has_value());
    if (noProxy.trimmed() == QLatin1String("*")) {
        FUZZ_CHECK(EnvironmentProxyFactory::bypassed(host, noProxy));
    } else {
        EnvironmentProxyFactory::bypassed(host, noProxy);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    FuzzSupport::initialize();
    FuzzSupport::Reader reader(data, size);
    const auto url = reader.text();
    const auto hosts = reader.text();
    const auto address = reader.text();
    const auto proxy = reader.text();
    const auto noProxy = reader.text();
    checkWebhookUrl(url);
    const QUrl parsed(url);
    checkNetwork(hosts, parsed.host(), address, proxy, noProxy);
    return 0;
}
