#include "Settings.h"

#include "Database.h"
#include "Log.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace {

struct KeyInfo
{
    const char* name;
    QVariant defaultValue;
};

const QHash<Settings::Key, KeyInfo>& keyTable()
{
    static const QHash<Settings::Key, KeyInfo> table = {
        { Settings::Key::WebhookUrl, { "webhook/url", QString() } },
        { Settings::Key::PayloadFormat, { "webhook/format", QStringLiteral("auto") } },
        { Settings::Key::TimeoutSeconds, { "webhook/timeout_seconds", 10 } },
        { Settings::Key::SigningSecret, { "webhook/signing_secret", QString() } },
        { Settings::Key::PreviousSigningSecret, { "webhook/previous_signing_secret", QString() } },
        { Settings::Key::PreviousSecretExpiresAt, { "webhook/previous_secret_expires_at", QString() } },
        { Settings::Key::CustomHeaders, { "webhook/headers", QStringLiteral("[]") } },
        { Settings::Key::ProxyUrl, { "network/proxy_url", QString() } },
        { Settings::Key::CaCertificateFile, { "network/ca_certificate_file", QString() } },
        { Settings::Key::HostPolicy, { "network/host_policy", QStringLiteral("any") } },
        { Settings::Key::AllowedHosts, { "network/allowed_hosts", QString() } },
        { Settings::Key::HistoryRetentionDays, { "history/retention_days", 30 } },
        { Settings::Key::GoneWebhook, { "delivery/gone_webhook", QString() } },
    };
    return table;
}

} // namespace

Settings::Settings(Database* database, QObject* parent)
    : QObject(parent)
    , m_database(database)
{
}

QString Settings::storageName(Key key)
{
    return QString::fromLatin1(keyTable().value(key).name);
}

QVariant Settings::defaultValue(Key key)
{
    return keyTable().value(key).defaultValue;
}

QVariant Settings::get(Key key) const
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?"));
    query.addBindValue(storageName(key));
    if (query.exec() && query.next()) {
        auto value = query.value(0);
        const auto fallback = defaultValue(key);
        if (fallback.metaType() != value.metaType() && value.canConvert(fallback.metaType())) {
            value.convert(fallback.metaType());
        }
        return value;
    }
    return defaultValue(key);
}

bool Settings::set(Key key, const QVariant& value)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(storageName(key));
    query.addBindValue(value.toString());
    if (!query.exec()) {
        qCWarning(lcDatabase) << "cannot save setting" << storageName(key) << query.lastError().text();
        return false;
    }
    emit changed(key);
    return true;
}

bool Settings::reset(Key key)
{
    QSqlQuery query(m_database->connection());
    query.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    query.addBindValue(storageName(key));
    if (!query.exec()) {
        return false;
    }
    emit changed(key);
    return true;
}
