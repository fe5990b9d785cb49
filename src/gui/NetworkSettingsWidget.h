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
    // Writes every field in one transaction, or nothing (false: a field is invalid, or the database refused); the
    // page then shows what is stored.
    bool saveSettings();
    bool hasUnsavedChanges() const;

signals:
    void saved();
    void saveFailed();

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
