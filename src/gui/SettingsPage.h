#pragma once

#include <QWidget>

#include <memory>

class Database;
class GeneralSettingsWidget;
class NetworkSettingsWidget;
class SecuritySettingsWidget;
class Settings;

namespace Ui {
class SettingsPage;
}

// The Settings tab: General, Security and Network, each a widget with its own form and Save button.
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsPage(Database* database, QWidget* parent = nullptr);
    ~SettingsPage() override;

    Settings* settings() const { return m_settings; }
    GeneralSettingsWidget* general() const { return m_general; }
    SecuritySettingsWidget* security() const { return m_security; }
    NetworkSettingsWidget* network() const { return m_network; }
    bool hasUnsavedChanges() const;
    void showGeneral();

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
    GeneralSettingsWidget* m_general;
    SecuritySettingsWidget* m_security;
    NetworkSettingsWidget* m_network;
};
