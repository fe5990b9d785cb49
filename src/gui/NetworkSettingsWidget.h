#pragma once

#include <QWidget>

#include <memory>

class Settings;

namespace Ui {
class NetworkSettingsWidget;
}

// Settings → Network: proxy, an extra trusted CA certificate and the allowed-hosts policy.
class NetworkSettingsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkSettingsWidget(Settings* settings, QWidget* parent = nullptr);
    ~NetworkSettingsWidget() override;

    void loadSettings();
    // Returns false (and saves nothing) while a field is invalid.
    bool saveSettings();
    bool hasUnsavedChanges() const;

    // The allowed hosts as stored: entries separated by commas.

signals:
    void saved();

protected:
    void changeEvent(QEvent* event) override;

private:
    void browseCertificate();
    void fillPolicyCombo();
    QString policy() const;
    bool validate();
    void updateButtons();

    const std::unique_ptr<Ui::NetworkSettingsWidget> m_ui;
    Settings* m_settings;
    QString m_savedProxy;
    QString m_savedCertificate;
    QString m_savedPolicy;
    QString m_savedHosts;
};
