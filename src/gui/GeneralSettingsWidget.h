#pragma once

#include "outbox/DeliveryResult.h"
#include "webhooks/Endpoint.h"
#include "webhooks/PayloadFormat.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class PendingDelivery;
class QLabel;
class QNetworkAccessManager;
class Settings;
class WebhookSender;

namespace Ui {
class GeneralSettingsWidget;
}

// Settings → General: the main endpoint's URL, its payload format and timeout, and the "Send test notification" button.
// The rest of the main endpoint (events, messages, secret, headers) is edited on the Webhooks page.
class GeneralSettingsWidget : public QWidget
{
    Q_OBJECT

public:
    // endpoints is shared with the Webhooks page: a change made there shows here, unless this page has unsaved edits.
    GeneralSettingsWidget(Settings* settings, EndpointStore* endpoints, QWidget* parent = nullptr);
    ~GeneralSettingsWidget() override;

    void loadSettings();
    // Writes the changed fields in one transaction; returns false (and saves nothing) while the URL is invalid or when
    // the database refuses.
    bool saveSettings();
    bool hasUnsavedChanges() const;
    bool isTestRunning() const;
    // Puts the focus in the URL field (or on the test button while the URL comes from the environment).
    void focusUrl();

public slots:
    void sendTest();
    void cancelTest();

signals:
    void saved();
    // A save the database refused; nothing was written and the page shows what is stored.
    void saveFailed();
    void testFinished(const DeliveryResult& result);

protected:
    void changeEvent(QEvent* event) override;

private:
    // The URL the test and Auto detection use: the environment's while WEBHOOK_URL is set, else the field's.
    QString currentUrl() const;
    PayloadFormat::Format currentFormat() const;
    void fillFormatCombo();
    void updateUrlFeedback();
    void updateAutoFormat();
    void updateEnvironmentNotice();
    void updateButtons();
    void showTestResult();
    void onTestFinished(const DeliveryResult& result);
    void retranslate();
    void reserveMessageSpace();

    const std::unique_ptr<Ui::GeneralSettingsWidget> m_ui;
    Settings* m_settings;
    QNetworkAccessManager* m_network;
    WebhookSender* m_sender;
    QPointer<PendingDelivery> m_test;
    std::optional<DeliveryResult> m_lastResult;
    // The URL the running or last test was sent to: a result is only shown beside that URL.
    QString m_testUrl;
    EndpointStore* m_endpoints;
    QLabel* m_sharedLabel;
    qint64 m_mainId = -1;
    QString m_savedUrl;
    QString m_savedFormat;
    int m_savedTimeout = 10;
};
