#include "storage/DatabaseUrl.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace {

// The libpq connection parameters a URL may carry in its query; anything else is refused rather than ignored.
const QStringList KnownOptions = {
    QStringLiteral("application_name"),
    QStringLiteral("channel_binding"),
    QStringLiteral("connect_timeout"),
    QStringLiteral("gssencmode"),
    QStringLiteral("host"),
    QStringLiteral("hostaddr"),
    QStringLiteral("keepalives"),
    QStringLiteral("keepalives_count"),
    QStringLiteral("keepalives_idle"),
    QStringLiteral("keepalives_interval"),
    QStringLiteral("options"),
    QStringLiteral("passfile"),
    QStringLiteral("sslcert"),
    QStringLiteral("sslcrl"),
    QStringLiteral("sslkey"),
    QStringLiteral("sslmode"),
    QStringLiteral("sslrootcert"),
    QStringLiteral("sslsni"),
    QStringLiteral("target_session_attrs"),
};

const QStringList SslModes = { QStringLiteral("disable"), QStringLiteral("allow"),     QStringLiteral("prefer"),
                               QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full") };

// A value in a libpq connection string: quoted, with its quotes and backslashes escaped.
QString quoted(QString value)
{
    value.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

bool DatabaseUrl::isUrl(const QString& location)
{
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    return scheme.match(location).hasMatch();
}

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString& location, QString* error)
{
    const auto refuse = [error](const QString& message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    const QUrl url(location, QUrl::StrictMode);
    const auto scheme = url.scheme().toLower();
    if (!url.isValid()) {
        // QUrl's reason may quote the URL, password included: say what is wrong in general terms.
        return refuse(tr("The database URL is malformed. Write it postgresql://user@host:5432/database "
                         "(characters such as @, : or / in the user name or password must be percent-encoded)."));
    }
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")) {
        return refuse(tr("Unsupported database URL scheme \"%1\": Crochet stores its data in an SQLite file (give its "
                         "path) or in PostgreSQL (postgresql://…).")
                          .arg(url.scheme()));
    }
    DatabaseUrl parsed;
    parsed.m_location = location;
    parsed.host = url.host(QUrl::FullyDecoded);
    parsed.port = url.port(DefaultPort);
    parsed.user = url.userName(QUrl::FullyDecoded);
    parsed.password = url.password(QUrl::FullyDecoded);
    auto path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/'))) {
        path.remove(0, 1);
    }
    if (path.contains(QLatin1Char('/'))) {
        return refuse(
            tr("The database URL names the database \"%1\": a database name cannot contain \"/\".").arg(path));
    }
    parsed.database = path;
    if (url.hasFragment()) {
        return refuse(tr("The database URL cannot have a fragment (#…)."));
    }
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!KnownOptions.contains(key)) {
            return refuse(tr("Unknown parameter \"%1\" in the database URL. Crochet accepts libpq's: %2.")
                              .arg(key, KnownOptions.join(QStringLiteral(", "))));
        }
        if (value.contains(QLatin1Char(';'))) {
            return refuse(tr("The parameter \"%1\" of the database URL cannot contain \";\".").arg(key));
        }
        if (key == QLatin1String("sslmode") && !SslModes.contains(value)) {
            return refuse(tr("sslmode=%1 in the database URL: it must be one of %2.")
                              .arg(value, SslModes.join(QStringLiteral(", "))));
        }
        if (key == QLatin1String("host") && parsed.host.isEmpty()) {
            parsed.host = value; // a socket folder: postgresql:///crochet?host=/var/run/postgresql
            continue;
        }
        parsed.options.append({ key, value });
    }
    return parsed;
}

QString DatabaseUrl::describe() const
{
    const auto server = host.isEmpty() ? QStringLiteral("localhost") : host;
    return QStringLiteral("%1:%2/%3").arg(server).arg(port).arg(database.isEmpty() ? user : database);
}

QString DatabaseUrl::connectOptions() const
{
    QStringList parts;
    for (const auto& [key, value] : options) {
        parts << key + QLatin1Char('=') + quoted(value);
    }
    return parts.join(QLatin1Char(';'));
}

QString DatabaseUrl::withDatabase(const QString& name) const
{
    QUrl url(m_location, QUrl::StrictMode);
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}
