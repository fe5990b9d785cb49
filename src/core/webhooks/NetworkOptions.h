#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <optional>

class Settings;

// How requests reach the receiver: proxy, extra trusted CA, and which hosts may be called at all.
struct NetworkOptions
{
    Q_DECLARE_TR_FUNCTIONS(NetworkOptions)

public:
    enum class HostPolicy
    {
        Any,
        PublicOnly,
        List,
    };

    HostPolicy hostPolicy = HostPolicy::Any;
    QStringList allowedHosts; // host names, *.suffix patterns, addresses and CIDR ranges
    QString proxyUrl; // empty: the system's configuration (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY)
    QString caCertificateFile; // PEM, trusted in addition to the system's CAs

    static NetworkOptions load(const Settings& settings);
    static QString policyKey(HostPolicy policy);
    static HostPolicy policyFromKey(const QString& key);
    static QStringList splitHosts(const QString& text);

    // Translated reasons, empty when acceptable; shared by the window and the CLI.
    static QString validateProxyUrl(const QString& url);
    static QString validateAllowedHosts(const QStringList& hosts);
    static QString validateCaCertificateFile(const QString& path);

    // Why the policy refuses a host: a code and its arguments, so that the reason is rendered in the language of
    // whoever reads it (a stored attempt may be read by a process running in another language).
    struct HostRefusal
    {
        enum class Reason
        {
            None, // allowed
            NoAddress,
            PrivateAddress, // the host is itself a private, loopback or reserved address
            ResolvesToPrivate,
            NotListed,
        };

        Reason reason = Reason::None;
        QString host;
        QString address; // ResolvesToPrivate: the address judged
        QStringList allowedHosts; // NotListed: the policy's list

        bool isRefused() const { return reason != Reason::None; }
        // Translated, naming the policy; empty when allowed.
        QString text() const;
        static QString reasonKey(Reason reason);
        static Reason reasonFromKey(const QString& key); // None when unknown
    };

    // Whether host, resolved to addresses, may be called; otherwise why not.
    HostRefusal refusal(const QString& host, const QList<QHostAddress>& addresses) const;
    // refusal()'s text: empty when host may be called.
    QString checkHost(const QString& host, const QList<QHostAddress>& addresses) const;
    static bool isPublicAddress(const QHostAddress& address);

    QList<QSslCertificate> extraCertificates() const;
    bool operator==(const NetworkOptions& other) const;
    bool operator!=(const NetworkOptions& other) const { return !(*this == other); }
};

// The system's proxy configuration as Linux tools read it, upper- and lower-case variables alike.
// The variables are read once, when the factory is made: Qt asks it for every request, and reading the environment
// takes a process-wide lock each time.
class EnvironmentProxyFactory : public QNetworkProxyFactory
{
public:
    EnvironmentProxyFactory();
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override;
    static std::optional<QNetworkProxy> proxyFromUrl(const QString& url);
    static bool bypassed(const QString& host, const QString& noProxy);

private:
    QString m_noProxy;
    std::optional<QNetworkProxy> m_http;
    std::optional<QNetworkProxy> m_https;
};
