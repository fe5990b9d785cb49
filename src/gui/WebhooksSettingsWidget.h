#pragma once

#include "EndpointDialog.h"
#include "outbox/DeliveryResult.h"
#include "outbox/Outbox.h"
#include "webhooks/Endpoint.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class DeliveryService;
class PendingDelivery;
class QNetworkAccessManager;
class Settings;
class WebhookSender;

namespace Ui {
class WebhooksSettingsWidget;
}

// Settings → Webhooks: every endpoint (WEBHOOK_URL's too) with its host, format, events, state, last result and pending
// count; add, edit, duplicate, enable or disable, delete and test. The editor is EndpointDialog.
class WebhooksSettingsWidget : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        HostColumn,
        FormatColumn,
        EventsColumn,
        StateColumn,
        LastResultColumn,
        PendingColumn,
        ColumnCount,
    };

    // deliveries may be null (then only changes made in this process refresh the list).
    WebhooksSettingsWidget(Settings* settings, EndpointStore* endpoints, DeliveryService* deliveries,
                           QWidget* parent = nullptr);
    ~WebhooksSettingsWidget() override;

    // Reads the endpoints again at once, and their pending counts and last results off the GUI thread.
    void refresh();
    // The endpoint of the selected row, or -1.
    qint64 currentId() const;
    void selectEndpoint(qint64 id);
    // The row showing that endpoint, or -1.
    int rowOf(qint64 id) const;
    bool isTestRunning() const { return !m_test.isNull(); }
    // The editor or the confirmation open on this page, if any.
    EndpointDialog* openDialog() const { return m_dialog; }

public slots:
    void addEndpoint();
    void editEndpoint();
    void duplicateEndpoint();
    void toggleEndpoint();
    // Asks first, saying how many pending notifications will not be sent.
    void deleteEndpoint();
    void sendTest();
    void cancelTest();

signals:
    // An endpoint was added, changed or removed from this page.
    void saved();
    void saveFailed();
    void testFinished(const DeliveryResult& result);
    // The pending counts and last results shown were read again.
    void countsRefreshed();

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    struct Counts
    {
        QHash<qint64, int> pending;
        QHash<qint64, NotificationRow> lastResults;
    };
    struct TestRun
    {
        DeliveryResult result;
        QDateTime at;
    };

    std::optional<Endpoint> selectedEndpoint() const;
    void scheduleRefresh();
    void startCounting();
    void onCounted();
    void fillRow(int row, const Endpoint& endpoint);
    void fillCounts();
    void updateButtons();
    void updateWarning();
    void openEditor(EndpointDialog* dialog);
    void remove(qint64 id, const QString& name);
    QString duplicateName(const QString& name) const;
    void onTestFinished(const DeliveryResult& result);
    void showMessage(const QString& text, bool error);
    void retranslate();

    const std::unique_ptr<Ui::WebhooksSettingsWidget> m_ui;
    Settings* m_settings;
    EndpointStore* m_endpoints;
    DeliveryService* m_deliveries;
    QNetworkAccessManager* m_network;
    WebhookSender* m_sender;
    QList<Endpoint> m_shown;
    Counts m_counts;
    QFutureWatcher<Counts> m_counting;
    bool m_countAgain = false;
    // Set while hidden: the counts are read when the page shows.
    bool m_stale = false;
    QTimer m_refreshTimer;
    QPointer<EndpointDialog> m_dialog;
    QPointer<QMessageBox> m_confirmation;
    QPointer<PendingDelivery> m_test;
    qint64 m_testId = -1;
    QString m_testName;
    QString m_testUrl;
    QHash<qint64, TestRun> m_tests;
};
