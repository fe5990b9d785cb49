#include "storage/Settings.h"

#include "Log.h"
#include "storage/Database.h"

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
        { Settings::Key::ProxyUrl, { "network/proxy_url", QString() } },
        { Settings::Key::CaCertificateFile, { "network/ca_certificate_file", QString() } },
        { Settings::Key::HostPolicy, { "network/host_policy", QStringLiteral("any") } },
        { Settings::Key::AllowedHosts, { "network/allowed_hosts", QString() } },
        { Settings::Key::HistoryRetentionDays, { "history/retention_days", 30 } },
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

Settings::Batch& Settings::Batch::set(Key key, const QVariant& value)
{
    m_changes.append({ key, value });
    return *this;
}

Settings::Batch& Settings::Batch::reset(Key key)
{
    m_changes.append({ key, std::nullopt });
    return *this;
}

bool Settings::set(Key key, const QVariant& value)
{
    return apply(Batch().set(key, value));
}

bool Settings::reset(Key key)
{
    return apply(Batch().reset(key));
}

bool Settings::apply(const Batch& batch)
{
    return update([&batch](Batch& changes) {
        changes = batch;
        return true;
    });
}

bool Settings::update(const std::function<bool(Batch& batch)>& build)
{
    Batch batch;
    if (!write(build, &batch)) {
        return false;
    }
    // Emitted once the transaction, its lock and the process's writer mutex are released.
    QList<Key> changedKeys;
    for (const auto& change : std::as_const(batch.m_changes)) {
        if (!changedKeys.contains(change.first)) {
            changedKeys.append(change.first);
        }
    }
    for (const auto key : std::as_const(changedKeys)) {
        emit changed(key);
    }
    return true;
}

bool Settings::write(const std::function<bool(Batch& batch)>& build, Batch* batch)
{
    auto db = m_database->connection();
    Transaction transaction(*m_database, db);
    if (!transaction.isActive()) {
        qCWarning(lcDatabase) << "cannot save the settings: no write transaction";
        return false;
    }
    if (!build(*batch)) {
        return false;
    }
    QSqlQuery upsert(db);
    upsert.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    QSqlQuery remove(db);
    remove.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?"));
    for (const auto& [key, value] : std::as_const(batch->m_changes)) {
        auto& query = value ? upsert : remove;
        query.addBindValue(storageName(key));
        if (value) {
            // An empty list or string converts to a null QString, which SQL would store as NULL: store "" instead.
            const auto text = value->toString();
            query.addBindValue(text.isNull() ? QStringLiteral("") : text);
        }
        if (!query.exec()) {
            qCWarning(lcDatabase) << "cannot save setting" << storageName(key) << query.lastError().text();
            return false;
        }
    }
    SqlDialect::notify(db, SqlDialect::SettingsChannel);
    return transaction.commit();
}
