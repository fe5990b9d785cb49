#pragma once

#include "outbox/Outbox.h"

#include <QScopedPointer>
#include <QTimer>
#include <QWidget>

class Database;
class DeliveriesModel;
class DeliveryService;
struct AttemptReport;

namespace Ui {
class DeliveriesPage;
}

// The Deliveries tab: every notification with its state and endpoint, filtered by state, endpoint and account, the
// attempts of the selected one, and
// redelivery. It follows the delivery service live.
class DeliveriesPage : public QWidget
{
    Q_OBJECT

public:
    // deliveries may be null: redelivery is then only scheduled, for whichever process delivers next.
    DeliveriesPage(Database* database, DeliveryService* deliveries, QWidget* parent = nullptr);
    ~DeliveriesPage() override;

    DeliveriesModel* model() const { return m_model; }

    // Shows counts the delivery service published, so that the summary agrees with the window's status bar.
    void setCounts(int pending, int failed);
    // Shows only the notifications of an account (its name or email), as the Users page asks.
    void showAccount(const QString& account);

    static constexpr int AccountFilterDelayMs = 250;

signals:
    // A short confirmation for the window's status bar.
    void statusMessage(const QString& text);
    // The counts the summary shows after counting them itself.
    void countsChanged(int pending, int failed);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslate();
    void fitColumns();
    void applyFilter();
    void fillEndpointFilter();
    void redeliverSelected();
    void retryFailed();
    void updateSummary();
    void showSummary(int pending, int failed);
    void rememberScrollAnchor();
    void restoreScrollAnchor();
    void updateButtons();
    void showDetails();
    QStringList selectedIds() const;
    // The notification whose attempts are shown: the current row if selected, else the first selected one.
    QString shownId() const;
    QString detailsHtml(const QString& notificationId) const;

    QScopedPointer<Ui::DeliveriesPage> m_ui;
    Outbox m_outbox;
    DeliveryService* m_deliveries;
    DeliveriesModel* m_model;
    QString m_detailsHtml;
    QString m_detailsId;
    // The row that stays in place while a refresh inserts rows above it, and where it was in the viewport.
    QString m_anchorId;
    int m_anchorY = 0;
    bool m_shown = false;
    QTimer m_accountFilterTimer;
};
