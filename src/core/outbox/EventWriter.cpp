#include "outbox/EventWriter.h"

#include "outbox/Outbox.h"
#include "storage/RowIds.h"
#include "storage/SqlDialect.h"

EventWriter::EventWriter(QSqlDatabase db)
    : m_endpoints(EndpointStore::load(db, true))
    , m_db(db)
    , m_insert(db)
{
    m_endpoints.removeIf([](const Endpoint& endpoint) { return !endpoint.receivesEvents(); });
}

bool EventWriter::hasSubscribers(Event event) const
{
    return std::any_of(m_endpoints.cbegin(), m_endpoints.cend(),
                       [event](const Endpoint& endpoint) { return endpoint.subscribes(event); });
}

std::optional<Notification> EventWriter::writeTo(const Notification& event, const Endpoint& endpoint)
{
    if (!m_prepared) {
        m_prepared = Outbox::prepareEnqueue(m_insert);
        if (!m_prepared) {
            return std::nullopt;
        }
    }
    auto notification = event;
    notification.id = RowIds::create();
    notification.text = endpoint.messageTemplate(event.event);
    notification.endpointId = endpoint.id;
    if (!Outbox::enqueue(m_insert, notification, endpoint)) {
        return std::nullopt;
    }
    return notification;
}

std::optional<QList<Notification>> EventWriter::write(const Notification& event)
{
    QList<Notification> written;
    for (const auto& endpoint : std::as_const(m_endpoints)) {
        if (event.event == Event::WebhookTest || !endpoint.subscribes(event.event)) {
            continue;
        }
        const auto notification = writeTo(event, endpoint);
        if (!notification) {
            return std::nullopt;
        }
        written.append(*notification);
    }
    if (!written.isEmpty()) {
        SqlDialect::notify(m_db, SqlDialect::OutboxChannel); // workers elsewhere wake when this commits
    }
    return written;
}
