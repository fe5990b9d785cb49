#pragma once

#include <QMainWindow>

#include <memory>

class Database;
class DeliveriesPage;
class DeliveryService;
class QActionGroup;
class QLabel;
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

public slots:
    void showAbout();
    void showAboutQt();
    // Settings → General with the focus in the webhook URL field.
    void showWebhookSettings();

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

    const std::unique_ptr<Ui::MainWindow> m_ui;
    Database* m_database;
    DeliveryService* m_deliveries;
    UsersPage* m_users;
    DeliveriesPage* m_deliveriesPage;
    SettingsPage* m_settings;
    QActionGroup* m_languageGroup;
    QLabel* m_countsLabel;
    QLabel* m_warningLabel;
    QLabel* m_storeLabel;
    int m_pending = 0;
    int m_failed = 0;
};
