#pragma once

#include "webhooks/Endpoint.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class Database;

// Why pending notifications are not being sent: their endpoint is disabled, was disabled after the service answered
// 410 Gone, has no URL, was removed, or (WEBHOOK_URL's) the variable is no longer set. A snapshot of the endpoints,
// read once and asked for each notification.
class DeliveryHold
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryHold)

public:
    DeliveryHold() = default;
    explicit DeliveryHold(QList<Endpoint> endpoints);
    static DeliveryHold load(Database* database);

    // Why a pending notification to that endpoint waits, in the current language; empty when it is being sent.
    QString reason(qint64 endpointId) const;
    bool isHeld(qint64 endpointId) const { return !reason(endpointId).isEmpty(); }
    // The endpoint as it was read, or null when it no longer exists.
    const Endpoint* endpoint(qint64 endpointId) const;
    // The endpoint's name, or a translated "(removed)" when it no longer exists.
    QString endpointName(qint64 endpointId) const;
    // The endpoints disabled after a 410, for the status bar.
    QList<Endpoint> gone() const;
    const QList<Endpoint>& endpoints() const { return m_endpoints; }

    bool operator==(const DeliveryHold& other) const;

private:
    QList<Endpoint> m_endpoints;
};
