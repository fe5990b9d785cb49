#pragma once

#include "webhooks/Endpoint.h"

#include <QWidget>

#include <memory>

class QTableWidgetItem;
class Settings;

namespace Ui {
class SecuritySettingsWidget;
}

// Settings → Security: the signing secret (generated, rotated and cleared at once) and the custom headers table
// (saved with the Save button; values are masked once saved).
class SecuritySettingsWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SecuritySettingsWidget(Settings* settings, QWidget* parent = nullptr);
    ~SecuritySettingsWidget() override;

    void loadSettings();
    // Saves the custom headers; returns false while a header name is invalid.
    bool saveSettings();
    bool hasUnsavedChanges() const { return m_headersChanged; }

public slots:
    // A new secret; a secret already in use keeps signing alongside it for 24 hours.
    void generateSecret();
    void clearSecret();
    void addHeader();
    void removeHeader();

signals:
    void saved();
    // A save the database refused; nothing was written and the page shows what is stored.
    void saveFailed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void fillHeaders();
    void onHeaderChanged(QTableWidgetItem* item);
    QString headersProblem() const;
    void updateSecretStatus();
    // The secret as stored, in the field and the buttons.
    void showStoredSecret();
    void updateButtons();
    void retranslate();

    const std::unique_ptr<Ui::SecuritySettingsWidget> m_ui;
    Settings* m_settings;
    EndpointStore* m_endpoints;
    QString m_secret;
    bool m_headersChanged = false;
    bool m_filling = false;
};
