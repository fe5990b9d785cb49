#pragma once

#include "outbox/Notification.h"
#include "webhooks/Endpoint.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

// Writes an event's notifications inside the caller's open transaction, so that they exist exactly when the change
// they tell of does: one for each endpoint subscribed to the event that receives events (enabled, with a URL), each
// with its own id (its webhook-id), its endpoint's message template and its body rendered for that endpoint's format.
// The endpoints are read once, on the transaction's connection, so a batch (an import) reads them once for thousands of
// accounts.
class EventWriter
{
public:
    explicit EventWriter(QSqlDatabase db);

    // The notifications written (none when no endpoint subscribes to the event), or nullopt when one could not be
    // written: the caller then rolls back.
    std::optional<QList<Notification>> write(const Notification& event);
    // One notification of event to endpoint alone, whatever its subscription (the test button).
    std::optional<Notification> writeTo(const Notification& event, const Endpoint& endpoint);
    bool hasSubscribers(Event event) const;

private:
    QList<Endpoint> m_endpoints;
    QSqlDatabase m_db;
    QSqlQuery m_insert;
    bool m_prepared = false;
};
