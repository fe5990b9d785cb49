#pragma once

#include "outbox/DeliveryHold.h"
#include "outbox/Outbox.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>

#include <optional>

class Database;
class DeliveryService;
struct AttemptReport;

// The outbox's notifications, newest first, fetched lazily a page at a time so that 100,000 rows cost one page.
// Attempts reported by the delivery service update their row at once; a coalesced refresh then reconciles the first
// rows with the database (new notifications, state changes made by other processes) without losing the selection.
class DeliveriesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // What Next attempt says of a notification that waits for the webhook to be fixed.
    static QString onHoldText();
    enum Column
    {
        EventColumn,
        EndpointColumn,
        AccountColumn,
        StateColumn,
        AttemptsColumn,
        LastResultColumn,
        NextAttemptColumn,
        CreatedColumn,
        ColumnCount
    };

    enum Role
    {
        IdRole = Qt::UserRole + 1,
        StateRole, // the state key: "pending", "delivered" or "failed"
        LastStatusRole, // the last HTTP status, 0 when there was none
        NextAttemptRole, // QDateTime, invalid unless pending
    };

    static constexpr int PageSize = 200;
    // A refresh re-reads at most this many of the loaded rows; rows further down change only through attempt reports.
    static constexpr int RefreshLimit = 1000;
    // Refreshes come at most every RefreshDelayMs, or ten times as long as the last refresh took.
    static constexpr int RefreshDelayMs = 250;
    static constexpr int MaximumRefreshDelayMs = 5000;

    // deliveries may be null: the model then changes only when refreshed.
    DeliveriesModel(Database* database, DeliveryService* deliveries, QObject* parent = nullptr);

    // Reloads from scratch with only the notifications the filter lets through.
    void setFilter(const Outbox::Filter& filter);
    const Outbox::Filter& filter() const { return m_filter; }
    // Only the notifications in that state (all when empty), the rest of the filter unchanged.
    void setStateFilter(std::optional<Outbox::State> state);
    std::optional<Outbox::State> stateFilter() const { return m_filter.state; }

    const NotificationRow& notification(int row) const { return m_rows.at(row); }
    // The row of a loaded notification, or -1.
    int rowOf(const QString& notificationId) const { return m_rowById.value(notificationId, -1); }

    // Brings the loaded rows up to date with the database now.
    void refresh();
    // Refreshes once the current burst of changes has settled.
    void scheduleRefresh();
    void applyReport(const AttemptReport& report);
    // Headers and display texts after a change of language.
    void retranslate();

    // Why pending notifications are not sent at all (no webhook, or it answered 410), as of the last refresh.
    const DeliveryHold& hold() const { return m_hold; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // Before a refresh changes rows, and after every refresh, including the ones that changed nothing.
    void refreshing();
    void refreshed();

private:
    void reload();
    void merge(const QList<NotificationRow>& rows);
    void reindex();
    QString lastResultText(const NotificationRow& row) const;
    bool isHeld(const NotificationRow& row) const;
    void updateHold();

    Database* m_database;
    Outbox m_outbox;
    DeliveryHold m_hold;
    Outbox::Filter m_filter;
    QList<NotificationRow> m_rows;
    QHash<QString, int> m_rowById;
    // How far into the filtered table the pages have read.
    int m_offset = 0;
    bool m_exhausted = false;
    QTimer m_refreshTimer;
};
