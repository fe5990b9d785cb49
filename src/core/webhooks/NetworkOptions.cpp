#include "webhooks/NetworkOptions.h"

#include "storage/Settings.h"
#include "text/InputEcho.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <tuple>

namespace {

QString environment(const char* upper, const char* lower)
{
    auto value = qEnvironmentVariable(lower);
    if (value.isEmpty()) {
        value = qEnvironmentVariable(upper);
    }
    return value;
}

bool isHostToken(const QString& text)
{
    QUrl url;
    url.setHost(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty();
}

} // namespace

NetworkOptions NetworkOptions::load(const Settings& settings)
{
    NetworkOptions options;
    options.hostPolicy = policyFromKey(settings.string(Settings::Key::HostPolicy));
    options.allowedHosts = splitHosts(settings.string(Settings::Key::AllowedHosts));
    options.proxyUrl = settings.string(Settings::Key::ProxyUrl).trimmed();
    options.caCertificateFile = settings.string(Settings::Key::CaCertificateFile).trimmed();
    return options;
}

QString NetworkOptions::policyKey(HostPolicy policy)
{
    switch (policy) {
    case HostPolicy::PublicOnly:
        return QStringLiteral("public");
    case HostPolicy::List:
        return QStringLiteral("list");
    case HostPolicy::Any:
        break;
    }
    return QStringLiteral("any");
}

NetworkOptions::HostPolicy NetworkOptions::policyFromKey(const QString& key)
{
    if (key == QLatin1String("public")) {
        return HostPolicy::PublicOnly;
    }
    if (key == QLatin1String("list")) {
        return HostPolicy::List;
    }
    return HostPolicy::Any;
}

QStringList NetworkOptions::splitHosts(const QString& text)
{
    QStringList hosts;
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    const auto parts = text.split(separators, Qt::SkipEmptyParts);
    for (const auto& part : parts) {
        const auto host = part.trimmed().toLower();
        if (!host.isEmpty() && !hosts.contains(host)) {
            hosts << host;
        }
    }
    return hosts;
}

QString NetworkOptions::validateProxyUrl(const QString& text)
{
    if (text.isEmpty()) {
        return {};
    }
    if (!EnvironmentProxyFactory::proxyFromUrl(text)) {
        return tr("\"%1\" is not a proxy URL; write it as http://host:port or socks5://host:port.")
            .arg(InputEcho::capped(text));
    }
    return {};
}

QString NetworkOptions::validateAllowedHosts(const QStringList& hosts)
{
    for (const auto& host : hosts) {
        if (host.contains(QLatin1Char('/'))) {
            if (QHostAddress::parseSubnet(host).first.isNull()) {
                return tr("\"%1\" is not an address range such as 10.0.0.0/8 or fd00::/8.")
                    .arg(InputEcho::capped(host));
            }
            continue;
        }
        const auto name = host.startsWith(QLatin1String("*.")) ? host.mid(2) : host;
        if (QHostAddress(name).isNull() && !isHostToken(name)) {
            return tr("\"%1\" is not a host name, an address or an address range.").arg(InputEcho::capped(host));
        }
    }
    return {};
}

QString NetworkOptions::validateCaCertificateFile(const QString& path)
{
    if (path.isEmpty()) {
        return {};
    }
    if (!QFileInfo(path).isReadable()) {
        return tr("Cannot read the certificate file %1.").arg(path);
    }
    if (QSslCertificate::fromPath(path, QSsl::Pem).isEmpty()) {
        return tr("%1 holds no PEM certificate.").arg(path);
    }
    return {};
}

namespace {

bool inAnyRange(const QHostAddress& address, std::initializer_list<const char*> ranges)
{
    for (const auto* range : ranges) {
        if (address.isInSubnet(QHostAddress::parseSubnet(QString::fromLatin1(range)))) {
            return true;
        }
    }
    return false;
}

// The IPv4 address an IPv6 one reaches through a translation or tunnel, whatever its notation.
std::optional<QHostAddress> embeddedIPv4(const QHostAddress& address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol) {
        return std::nullopt;
    }
    const auto bytes = address.toIPv6Address();
    const auto fromBytes = [&bytes](int at) {
        return QHostAddress(quint32(bytes[at]) << 24 | quint32(bytes[at + 1]) << 16 | quint32(bytes[at + 2]) << 8
                            | quint32(bytes[at + 3]));
    };
    // IPv4-compatible ::a.b.c.d (with :: and ::1), IPv4-mapped ::ffff:a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d and
    // the well-known NAT64 prefix 64:ff9b::/96 carry the address in their last 32 bits.
    if (inAnyRange(address, { "::/96", "::ffff:0:0/96", "::ffff:0:0:0/96", "64:ff9b::/96" })) {
        return fromBytes(12);
    }
    // 6to4 2002:a.b.c.d::/48.
    if (inAnyRange(address, { "2002::/16" })) {
        return fromBytes(2);
    }
    return std::nullopt;
}

} // namespace

bool NetworkOptions::isPublicAddress(const QHostAddress& address)
{
    if (address.isNull() || !address.scopeId().isEmpty()) {
        return false; // a zone id names an interface of this machine: link-scoped whatever the address
    }
    if (const auto v4 = embeddedIPv4(address)) {
        return isPublicAddress(*v4);
    }
    if (address.isLoopback() || address.isMulticast() || address.isLinkLocal() || address.isSiteLocal()
        || address.isUniqueLocalUnicast() || address.isBroadcast() || !address.isGlobal()) {
        return false;
    }
    // Private, shared, reserved, documentation and benchmarking ranges, and IPv6 special-purpose blocks that tunnel
    // to unknown hosts (Teredo and the rest of 2001::/23) or are local (NAT64 local use, discard).
    return !inAnyRange(address,
                       {
                           "0.0.0.0/8",     "10.0.0.0/8",      "100.64.0.0/10",  "127.0.0.0/8",    "169.254.0.0/16",
                           "172.16.0.0/12", "192.0.0.0/24",    "192.0.2.0/24",   "192.88.99.0/24", "192.168.0.0/16",
                           "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",    "240.0.0.0/4",
                           "::/128",        "64:ff9b:1::/48",  "100::/64",       "2001::/23",      "2001:db8::/32",
                           "3fff::/20",     "5f00::/16",       "fc00::/7",       "fe80::/10",      "fec0::/10",
                           "ff00::/8",
                       });
}

namespace {

struct RefusalName
{
    NetworkOptions::HostRefusal::Reason reason;
    const char* key;
};

constexpr RefusalName RefusalNames[] = {
    { NetworkOptions::HostRefusal::Reason::NoAddress, "no-address" },
    { NetworkOptions::HostRefusal::Reason::PrivateAddress, "private-address" },
    { NetworkOptions::HostRefusal::Reason::ResolvesToPrivate, "resolves-to-private" },
    { NetworkOptions::HostRefusal::Reason::NotListed, "not-listed" },
};

} // namespace

QString NetworkOptions::HostRefusal::reasonKey(Reason reason)
{
    for (const auto& name : RefusalNames) {
        if (name.reason == reason) {
            return QString::fromLatin1(name.key);
        }
    }
    return {};
}

NetworkOptions::HostRefusal::Reason NetworkOptions::HostRefusal::reasonFromKey(const QString& key)
{
    for (const auto& name : RefusalNames) {
        if (key == QLatin1String(name.key)) {
            return name.reason;
        }
    }
    return Reason::None;
}

QString NetworkOptions::HostRefusal::text() const
{
    switch (reason) {
    case Reason::None:
        break;
    case Reason::NoAddress:
        return NetworkOptions::tr("public addresses only, and %1 has no address").arg(host);
    case Reason::PrivateAddress:
        return NetworkOptions::tr("public addresses only, and %1 is a private, loopback or reserved address").arg(host);
    case Reason::ResolvesToPrivate:
        return NetworkOptions::tr(
                   "public addresses only, and %1 resolves to %2, a private, loopback or reserved address")
            .arg(host, address);
    case Reason::NotListed:
        return NetworkOptions::tr("only the listed hosts (%1), and %2 is not one of them")
            .arg(allowedHosts.join(QStringLiteral(", ")), host);
    }
    return {};
}

QString NetworkOptions::checkHost(const QString& host, const QList<QHostAddress>& addresses) const
{
    return refusal(host, addresses).text();
}

NetworkOptions::HostRefusal NetworkOptions::refusal(const QString& host, const QList<QHostAddress>& addresses) const
{
    HostRefusal refused;
    refused.host = host;
    switch (hostPolicy) {
    case HostPolicy::Any:
        return refused;
    case HostPolicy::PublicOnly:
        if (addresses.isEmpty()) {
            refused.reason = HostRefusal::Reason::NoAddress;
            return refused;
        }
        for (const auto& address : addresses) {
            if (!isPublicAddress(address)) {
                if (!QHostAddress(host).isNull()) {
                    refused.reason = HostRefusal::Reason::PrivateAddress;
                } else {
                    refused.reason = HostRefusal::Reason::ResolvesToPrivate;
                    refused.address = address.toString();
                }
                return refused;
            }
        }
        return refused;
    case HostPolicy::List:
        break;
    }
    const auto name = host.toLower();
    for (const auto& allowed : allowedHosts) {
        if (allowed == name || (allowed.startsWith(QLatin1String("*.")) && name.endsWith(allowed.mid(1)))) {
            return refused;
        }
    }
    // Addresses and ranges match what the name resolves to: every address must be allowed.
    bool allAllowed = !addresses.isEmpty();
    for (const auto& address : addresses) {
        bool allowedAddress = false;
        for (const auto& allowed : allowedHosts) {
            const auto subnet = allowed.contains(QLatin1Char('/')) ? QHostAddress::parseSubnet(allowed)
                                                                   : qMakePair(QHostAddress(allowed), -1);
            if (!subnet.first.isNull()
                && (subnet.second < 0 ? subnet.first.isEqual(address, QHostAddress::TolerantConversion)
                                      : address.isInSubnet(subnet))) {
                allowedAddress = true;
                break;
            }
        }
        allAllowed = allAllowed && allowedAddress;
    }
    if (!allAllowed) {
        refused.reason = HostRefusal::Reason::NotListed;
        refused.allowedHosts = allowedHosts;
    }
    return refused;
}

QList<QSslCertificate> NetworkOptions::extraCertificates() const
{
    return caCertificateFile.isEmpty() ? QList<QSslCertificate>()
                                       : QSslCertificate::fromPath(caCertificateFile, QSsl::Pem);
}

bool NetworkOptions::operator==(const NetworkOptions& other) const
{
    return hostPolicy == other.hostPolicy && allowedHosts == other.allowedHosts && proxyUrl == other.proxyUrl
        && caCertificateFile == other.caCertificateFile;
}

std::optional<QNetworkProxy> EnvironmentProxyFactory::proxyFromUrl(const QString& text)
{
    const QUrl url(text.contains(QLatin1String("://")) ? text : QStringLiteral("http://") + text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return std::nullopt;
    }
    const auto scheme = url.scheme().toLower();
    QNetworkProxy::ProxyType type;
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        type = QNetworkProxy::HttpProxy;
    } else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h")) {
        type = QNetworkProxy::Socks5Proxy;
    } else {
        return std::nullopt;
    }
    QNetworkProxy proxy(type, url.host(),
                        static_cast<quint16>(url.port(type == QNetworkProxy::HttpProxy ? 8080 : 1080)), url.userName(),
                        url.password());
    return proxy;
}

bool EnvironmentProxyFactory::bypassed(const QString& host, const QString& noProxy)
{
    const auto name = host.toLower();
    const auto entries = noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (auto entry : entries) {
        entry = entry.trimmed().toLower();
        if (entry == QLatin1String("*")) {
            return true;
        }
        if (entry.startsWith(QLatin1Char('.'))) {
            entry.remove(0, 1);
        }
        if (entry.contains(QLatin1Char('/'))) {
            const auto subnet = QHostAddress::parseSubnet(entry);
            if (!subnet.first.isNull() && QHostAddress(name).isInSubnet(subnet)) {
                return true;
            }
            continue;
        }
        if (!entry.isEmpty() && (name == entry || name.endsWith(QLatin1Char('.') + entry))) {
            return true;
        }
    }
    return false;
}

EnvironmentProxyFactory::EnvironmentProxyFactory()
    : m_noProxy(environment("NO_PROXY", "no_proxy"))
{
    const auto all = environment("ALL_PROXY", "all_proxy");
    for (auto [proxy, upper, lower] : { std::tuple { &m_http, "HTTP_PROXY", "http_proxy" },
                                        std::tuple { &m_https, "HTTPS_PROXY", "https_proxy" } }) {
        const auto value = environment(upper, lower);
        *proxy = proxyFromUrl(value.isEmpty() ? all : value);
    }
}

QList<QNetworkProxy> EnvironmentProxyFactory::queryProxy(const QNetworkProxyQuery& query)
{
    if (!m_http && !m_https) {
        return { QNetworkProxy::NoProxy };
    }
    if (bypassed(query.peerHostName(), m_noProxy)) {
        return { QNetworkProxy::NoProxy };
    }
    const bool https = query.protocolTag().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    if (const auto& proxy = https ? m_https : m_http) {
        return { *proxy };
    }
    return { QNetworkProxy::NoProxy };
}
