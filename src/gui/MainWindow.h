#pragma once

#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class Database;
class DeliveriesPage;
class DeliveryService;
class QActionGroup;
class QLabel;
class QMessageBox;
class QSystemTrayIcon;
class SettingsPage;
class UsersPage;

namespace Ui {
class MainWindow;
}

// The administration window: Users, Deliveries and Settings tabs, the language menu and the delivery counts.
// Geometry, last tab and interface language are kept in QSettings; webhook settings live in the database.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // deliveries may be null (then nothing is delivered from this window's process).
    MainWindow(Database* database, DeliveryService* deliveries, QWidget* parent = nullptr);
    ~MainWindow() override;

    UsersPage* usersPage() const { return m_users; }
    DeliveriesPage* deliveriesPage() const { return m_deliveriesPage; }
    SettingsPage* settingsPage() const { return m_settings; }

    // Switches the whole interface to "fr", "en" or "" (the system's language) and remembers the choice.
    void setLanguage(const QString& language);
    // The language remembered in QSettings ("" for the system's).
    static QString savedLanguage();
    // What the About Qt box says, in the interface language.
    static QString aboutQtText();

    // Whether the desktop has a notification area (QSystemTrayIcon::isSystemTrayAvailable by default); tests replace
    // it, the offscreen platform has none.
    void setTrayAvailability(std::function<bool()> isAvailable) { m_trayAvailable = std::move(isAvailable); }
    // The notification-area icon while the window delivers hidden; null otherwise.
    QSystemTrayIcon* trayIcon() const { return m_tray; }

public slots:
    void showAbout();
    void showAboutQt();
    // Settings → General with the focus in the webhook URL field.
    void showWebhookSettings();
    // Reads the workers table again (done every heartbeat interval) for the status bar's service line.
    void refreshServiceStatus();

signals:
    // The window was closed for good, or Quit was chosen in the notification area: the application should end.
    void quitRequested();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void setupLanguageMenu();
    void updateLanguageActions();
    void updateCounts(int pending, int failed);
    void showCounts();
    void showWebhookWarning();
    void saveWindowState();
    void restoreWindowState();
    void retranslate();
    // The live delivery service on this database (crochet-cli serve), if any.
    std::optional<QString> serviceHost() const;
    void showServiceStatus();
    // Whether closing would leave pending notifications with no process to deliver them.
    bool isLastWorkerWithPending() const;
    enum class CloseAnswer
    {
        KeepInTray,
        Quit,
        Cancel,
    };
    CloseAnswer askBeforeClosing();
    void keepDeliveringInTray();
    void leaveTray();
    void updateTray();

    const std::unique_ptr<Ui::MainWindow> m_ui;
    Database* m_database;
    DeliveryService* m_deliveries;
    UsersPage* m_users;
    DeliveriesPage* m_deliveriesPage;
    SettingsPage* m_settings;
    QActionGroup* m_languageGroup;
    QLabel* m_countsLabel;
    QLabel* m_warningLabel;
    QLabel* m_serviceLabel;
    QTimer m_workersTimer;
    std::function<bool()> m_trayAvailable;
    QSystemTrayIcon* m_tray = nullptr;
    std::optional<QString> m_serviceHost;
    bool m_quitting = false;
    QLabel* m_storeLabel;
    int m_pending = 0;
    int m_failed = 0;
};
