#include "storage/DatabaseListener.h"

#include "Log.h"
#include "storage/Database.h"

#include <QSqlDriver>

DatabaseListener::DatabaseListener(Database* database, const QStringList& channels, QObject* parent)
    : QObject(parent)
{
    if (database->engine() != SqlDialect::Engine::Postgres) {
        return;
    }
    auto* driver = database->connection().driver();
    if (!driver || !driver->hasFeature(QSqlDriver::EventNotifications)) {
        return;
    }
    m_listening = true;
    for (const auto& channel : channels) {
        if (!driver->subscribedToNotifications().contains(channel) && !driver->subscribeToNotification(channel)) {
            qCWarning(lcDatabase) << "cannot listen on" << channel << "; polling only";
            m_listening = false;
        }
    }
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString& name, QSqlDriver::NotificationSource, const QVariant&) { emit notified(name); });
}
