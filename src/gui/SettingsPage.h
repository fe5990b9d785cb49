#pragma once

#include <QWidget>

#include <memory>

class Database;
class DeliveryService;
class EndpointStore;
class GeneralSettingsWidget;
class NetworkSettingsWidget;
class Settings;
class WebhooksSettingsWidget;

namespace Ui {
class SettingsPage;
}

// The Settings tab: General (the main endpoint's URL and the test button), Webhooks (every endpoint and its editor)
// and Network, each a widget with its own form.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    // deliveries may be null (then the Webhooks page refreshes only on changes made in this window).
    explicit SettingsPage(Database* database, DeliveryService* deliveries = nullptr, QWidget* parent = nullptr);
    ~SettingsPage() override;

    Settings* settings() const { return m_settings; }
    // The store every page of the window edits endpoints through: its changed() follows each of their changes.
    EndpointStore* endpoints() const { return m_endpoints; }
    GeneralSettingsWidget* general() const { return m_general; }
    WebhooksSettingsWidget* webhooks() const { return m_webhooks; }
    NetworkSettingsWidget* network() const { return m_network; }
    bool hasUnsavedChanges() const;
    void showGeneral();
    void showWebhooks();

signals:
    void saved();
    // A page could not save: nothing of it was written.
    void saveFailed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void addPage(QWidget* tab, QWidget* page);

    const std::unique_ptr<Ui::SettingsPage> m_ui;
    Settings* m_settings;
    EndpointStore* m_endpoints;
    GeneralSettingsWidget* m_general;
    WebhooksSettingsWidget* m_webhooks;
    NetworkSettingsWidget* m_network;
};
