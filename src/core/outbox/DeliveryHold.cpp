#include "outbox/DeliveryHold.h"

#include "storage/Database.h"

DeliveryHold::DeliveryHold(QList<Endpoint> endpoints)
    : m_endpoints(std::move(endpoints))
{
}

DeliveryHold DeliveryHold::load(Database* database)
{
    return DeliveryHold(EndpointStore::load(database->connection(), true));
}

const Endpoint* DeliveryHold::endpoint(qint64 endpointId) const
{
    for (const auto& endpoint : m_endpoints) {
        if (endpoint.id == endpointId) {
            return &endpoint;
        }
    }
    return nullptr;
}

QString DeliveryHold::reason(qint64 endpointId) const
{
    if (const auto* found = endpoint(endpointId)) {
        return found->holdReason();
    }
    if (endpointId == Endpoint::EnvironmentId) {
        return tr("Waiting: the environment variable %1 is no longer set. Set it again, or retry the notification "
                  "once another endpoint takes its place.")
            .arg(Endpoint::environmentName());
    }
    return tr("Waiting: its endpoint was removed.");
}

QString DeliveryHold::endpointName(qint64 endpointId) const
{
    if (const auto* found = endpoint(endpointId)) {
        return found->name;
    }
    if (endpointId == Endpoint::EnvironmentId) {
        return Endpoint::environmentName();
    }
    //: Deliveries: the endpoint column of a notification whose endpoint was removed
    return tr("(removed)");
}

QList<Endpoint> DeliveryHold::gone() const
{
    QList<Endpoint> list;
    for (const auto& endpoint : m_endpoints) {
        if (endpoint.state() == Endpoint::State::Gone) {
            list.append(endpoint);
        }
    }
    return list;
}

bool DeliveryHold::operator==(const DeliveryHold& other) const
{
    if (m_endpoints.size() != other.m_endpoints.size()) {
        return false;
    }
    for (qsizetype i = 0; i < m_endpoints.size(); ++i) {
        const auto& a = m_endpoints.at(i);
        const auto& b = other.m_endpoints.at(i);
        if (a.id != b.id || a.name != b.name || a.state() != b.state()) {
            return false;
        }
    }
    return true;
}
