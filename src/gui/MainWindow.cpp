#include "MainWindow.h"

#include "DeliveriesModel.h"
#include "DeliveriesPage.h"
#include "Feedback.h"
#include "GeneralSettingsWidget.h"
#include "Icons.h"
#include "SettingsPage.h"
#include "UsersPage.h"
#include "Version.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "storage/Settings.h"
#include "text/Translations.h"
#include "ui_MainWindow.h"
#include "webhooks/Endpoint.h"
#include "workers/WorkerRegistry.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSystemTrayIcon>

namespace {

QString geometryKey()
{
    return QStringLiteral("mainWindow/geometry");
}

QString tabKey()
{
    return QStringLiteral("mainWindow/tab");
}

QString languageKey()
{
    return QStringLiteral("ui/language");
}

QString link(const QString& url, const QString& text)
{
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), text.toHtmlEscaped());
}

} // namespace

MainWindow::MainWindow(Database* database, DeliveryService* deliveries, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_database(database)
    , m_deliveries(deliveries)
    , m_users(new UsersPage(database, deliveries))
    , m_deliveriesPage(new DeliveriesPage(database, deliveries))
    , m_settings(new SettingsPage(database, deliveries))
    , m_languageGroup(new QActionGroup(this))
    , m_countsLabel(new QLabel(this))
    , m_warningLabel(new QLabel(this))
    , m_serviceLabel(new QLabel(this))
    , m_trayAvailable(&QSystemTrayIcon::isSystemTrayAvailable)
    , m_storeLabel(new QLabel(this))
{
    m_ui->setupUi(this);
    setWindowIcon(Icons::application());
    m_ui->usersTab->layout()->addWidget(m_users);
    m_ui->deliveriesTab->layout()->addWidget(m_deliveriesPage);
    m_ui->settingsTab->layout()->addWidget(m_settings);

    m_countsLabel->setObjectName(QStringLiteral("deliveryCountsLabel"));
    m_warningLabel->setObjectName(QStringLiteral("webhookWarningLabel"));
    m_warningLabel->setWordWrap(true);
    statusBar()->addWidget(m_warningLabel, 1);
    m_serviceLabel->setObjectName(QStringLiteral("deliveryServiceLabel"));
    statusBar()->addPermanentWidget(m_serviceLabel);
    statusBar()->addPermanentWidget(m_countsLabel);
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    statusBar()->addPermanentWidget(m_storeLabel);
    Feedback::clear(m_warningLabel);
    m_serviceLabel->hide();
    // A tiny read of the workers table (a few rows), as often as workers announce themselves.
    m_workersTimer.setInterval(WorkerRegistry::HeartbeatInterval);
    connect(&m_workersTimer, &QTimer::timeout, this, &MainWindow::refreshServiceStatus);
    m_workersTimer.start();

    const Outbox outbox(database);
    m_pending = outbox.count(Outbox::State::Pending);
    m_failed = outbox.count(Outbox::State::Failed);
    if (m_deliveries) {
        connect(m_deliveries, &DeliveryService::countsChanged, this, [this](int pending, int failed) {
            updateCounts(pending, failed);
            m_deliveriesPage->setCounts(pending, failed);
        });
        connect(m_deliveries, &DeliveryService::endpointGone, this, [this] {
            showWebhookWarning();
            m_deliveriesPage->model()->refresh();
        });
    }
    // Whichever counted last, the Deliveries summary and the status bar show the same numbers.
    connect(m_deliveriesPage, &DeliveriesPage::countsChanged, this, &MainWindow::updateCounts);
    connect(m_deliveriesPage, &DeliveriesPage::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(m_users, &UsersPage::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 5000); });
    connect(m_users, &UsersPage::deliveriesRequested, this, [this](const QString& account) {
        m_ui->mainTabs->setCurrentWidget(m_ui->deliveriesTab);
        m_deliveriesPage->showAccount(account);
    });
    connect(m_settings, &SettingsPage::saveFailed, this,
            [this] { statusBar()->showMessage(tr("The settings were not saved."), 5000); });
    connect(m_settings, &SettingsPage::saved, this, [this] {
        statusBar()->showMessage(tr("Settings saved."), 3000);
        showWebhookWarning();
        m_users->updateWebhookNotice();
    });
    connect(m_settings->general(), &GeneralSettingsWidget::testFinished, this, &MainWindow::showWebhookWarning);
    // A test on the Webhooks page may disable an endpoint (410) or lift that.
    connect(m_settings->endpoints(), &EndpointStore::changed, this, &MainWindow::showWebhookWarning);
    connect(m_users, &UsersPage::webhookSettingsRequested, this, &MainWindow::showWebhookSettings);

    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_ui->actionAboutQt, &QAction::triggered, this, &MainWindow::showAboutQt);
    // Enter presses the focused button, as in dialogs.
    const auto buttons = findChildren<QPushButton*>();
    for (auto* button : buttons) {
        button->setAutoDefault(true);
    }
    setupLanguageMenu();
    retranslate();
    restoreWindowState();
    refreshServiceStatus();
    connect(m_ui->mainTabs, &QTabWidget::currentChanged, this,
            [](int index) { QSettings().setValue(tabKey(), index); });
}

MainWindow::~MainWindow() = default;

QString MainWindow::savedLanguage()
{
    const auto language = QSettings().value(languageKey()).toString();
    return Translations::isSupported(language) ? language : QString();
}

void MainWindow::setLanguage(const QString& language)
{
    QSettings().setValue(languageKey(), language);
    Translations::install(language);
    updateLanguageActions();
}

void MainWindow::setupLanguageMenu()
{
    m_languageGroup->setExclusive(true);
    m_ui->actionLanguageFrench->setData(QStringLiteral("fr"));
    m_ui->actionLanguageEnglish->setData(QStringLiteral("en"));
    m_ui->actionLanguageSystem->setData(QString());
    for (auto* action : { m_ui->actionLanguageFrench, m_ui->actionLanguageEnglish, m_ui->actionLanguageSystem }) {
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, action] { setLanguage(action->data().toString()); });
    }
    updateLanguageActions();
}

void MainWindow::updateLanguageActions()
{
    // The remembered choice, unless --lang asked for another language for this run.
    const auto saved = savedLanguage();
    const auto resolved = saved.isEmpty() ? Translations::systemLanguage() : saved;
    const auto shown = resolved == Translations::current() ? saved : Translations::current();
    const auto actions = m_languageGroup->actions();
    for (auto* action : actions) {
        action->setChecked(action->data().toString() == shown);
    }
}

void MainWindow::updateCounts(int pending, int failed)
{
    const int newlyFailed = failed - m_failed;
    m_pending = pending;
    m_failed = failed;
    showCounts();
    if (m_tray) {
        updateTray();
        if (newlyFailed > 0) {
            //: Desktop notification from the notification area, when deliveries were given up.
            m_tray->showMessage(
                tr("Crochet"),
                tr("Notifications given up on: %1. Open Crochet to see why.").arg(QLocale().toString(newlyFailed)),
                QSystemTrayIcon::Warning);
        }
    }
}

void MainWindow::showCounts()
{
    //: Status bar: notifications waiting to be delivered, and those given up.
    m_countsLabel->setText(
        tr("%1 pending, %2 failed").arg(QLocale().toString(m_pending), QLocale().toString(m_failed)));
    m_countsLabel->setToolTip(tr("Notifications waiting to be delivered, and those Crochet gave up on"));
}

std::optional<QString> MainWindow::serviceHost() const
{
    const auto ownId = m_deliveries ? m_deliveries->workerId() : QString();
    for (const auto& worker : WorkerRegistry(m_database).live()) {
        if (worker.isService() && worker.id != ownId) {
            return worker.host;
        }
    }
    return std::nullopt;
}

void MainWindow::refreshServiceStatus()
{
    m_serviceHost = serviceHost();
    showServiceStatus();
}

void MainWindow::showServiceStatus()
{
    m_serviceLabel->setVisible(m_serviceHost.has_value());
    if (m_serviceHost) {
        //: Status bar: a crochet-cli serve process delivers the notifications; %1 is its machine's name.
        m_serviceLabel->setText(tr("Delivery handled by the service on %1").arg(*m_serviceHost));
        m_serviceLabel->setToolTip(
            tr("A delivery service (crochet-cli serve) delivers the notifications, even when this window is closed."));
    }
}

bool MainWindow::isLastWorkerWithPending() const
{
    if (!m_deliveries || !m_deliveries->isRunning() || m_pending == 0) {
        return false;
    }
    const auto ownId = m_deliveries->workerId();
    const auto live = WorkerRegistry(m_database).live();
    return std::none_of(live.cbegin(), live.cend(), [&ownId](const WorkerInfo& worker) { return worker.id != ownId; });
}

MainWindow::CloseAnswer MainWindow::askBeforeClosing()
{
    const bool tray = m_trayAvailable && m_trayAvailable();
    QMessageBox box(this);
    box.setObjectName(QStringLiteral("closeQuestionDialog"));
    box.setIcon(QMessageBox::Question);
    box.setWindowTitle(tr("Notifications still pending"));
    box.setText(tr("Notifications waiting to be delivered: %1. No other Crochet process delivers them.")
                    .arg(QLocale().toString(m_pending)));
    QPushButton* keep = nullptr;
    if (tray) {
        box.setInformativeText(tr("Crochet can keep delivering them from the notification area. If you quit, they "
                                  "wait until Crochet or its delivery service runs again."));
        keep = box.addButton(tr("Keep delivering in the notification area"), QMessageBox::AcceptRole);
        keep->setObjectName(QStringLiteral("keepInTrayButton"));
    } else {
        // No notification area to stay in: say how to deliver without a window.
        box.setInformativeText(tr("If you quit, they wait until Crochet or its delivery service runs again. To "
                                  "deliver without a window, enable the service: systemctl --user enable --now "
                                  "crochet-delivery"));
    }
    auto* quit = box.addButton(tr("Quit anyway"), QMessageBox::DestructiveRole);
    quit->setObjectName(QStringLiteral("quitAnywayButton"));
    auto* cancel = box.addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelCloseButton"));
    box.setDefaultButton(keep ? keep : cancel);
    box.setEscapeButton(cancel);
    box.exec();
    if (keep && box.clickedButton() == keep) {
        return CloseAnswer::KeepInTray;
    }
    return box.clickedButton() == quit ? CloseAnswer::Quit : CloseAnswer::Cancel;
}

void MainWindow::keepDeliveringInTray()
{
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setObjectName(QStringLiteral("deliveryTrayIcon"));
        auto* menu = new QMenu(this);
        menu->setObjectName(QStringLiteral("trayMenu"));
        auto* open = menu->addAction(tr("Open"));
        open->setObjectName(QStringLiteral("trayOpenAction"));
        connect(open, &QAction::triggered, this, &MainWindow::leaveTray);
        auto* quit = menu->addAction(tr("Quit"));
        quit->setObjectName(QStringLiteral("trayQuitAction"));
        connect(quit, &QAction::triggered, this, [this] {
            m_quitting = true;
            close();
        });
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick) {
                leaveTray();
            }
        });
    }
    // Hidden, the window is no longer the last one open: the application goes on until Quit.
    QApplication::setQuitOnLastWindowClosed(false);
    saveWindowState();
    updateTray();
    m_tray->show();
    hide();
}

void MainWindow::leaveTray()
{
    showNormal();
    raise();
    activateWindow();
    if (m_tray) {
        m_tray->hide();
    }
}

void MainWindow::updateTray()
{
    //: Notification-area tooltip: notifications waiting, and those given up.
    m_tray->setToolTip(
        tr("Crochet: %1 pending, %2 failed").arg(QLocale().toString(m_pending), QLocale().toString(m_failed)));
}

void MainWindow::showWebhookWarning()
{
    const auto gone = DeliveryHold::load(m_database).gone();
    if (gone.isEmpty()) {
        Feedback::clear(m_warningLabel);
        return;
    }
    QStringList names;
    for (const auto& endpoint : gone) {
        names << endpoint.name;
    }
    Feedback::show(m_warningLabel,
                   tr("Disabled after HTTP 410 (the webhook no longer exists on the service): %1. Set a new URL in "
                      "Settings.")
                       .arg(names.join(QStringLiteral(", "))),
                   Feedback::Kind::Error);
}

void MainWindow::showWebhookSettings()
{
    m_ui->mainTabs->setCurrentWidget(m_ui->settingsTab);
    m_settings->showGeneral();
    m_settings->general()->focusUrl();
}

QString MainWindow::aboutQtText()
{
    // Qt's catalogue (qtbase_fr) words the first line; the text of QMessageBox::aboutQt changed in Qt 6.4 and the
    // catalogue Debian ships no longer matches it, so the rest is Crochet's to translate.
    const auto caption =
        QCoreApplication::translate("QMessageBox", "<h3>About Qt</h3><p>This program uses Qt version %1.</p>")
            .arg(QString::fromLatin1(qVersion()));
    return caption
        + tr("<p>Qt is a C++ toolkit for cross-platform application development.</p>"
             "<p>Qt is available under commercial licences and under the GNU LGPL and GPL; Crochet uses it under the "
             "GNU LGPL version 3. See <a href=\"https://www.qt.io/licensing/\">qt.io/licensing</a> for an overview "
             "of Qt licensing.</p>"
             "<p>Copyright (C) The Qt Company Ltd and other contributors. Qt and the Qt logo are trademarks of The Qt "
             "Company Ltd.</p>"
             "<p>Qt is The Qt Company Ltd product developed as an open source project. See "
             "<a href=\"https://www.qt.io/\">qt.io</a> for more information.</p>");
}

void MainWindow::showAboutQt()
{
    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutQtDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Qt"));
    box->setIconPixmap(QPixmap(QStringLiteral(":/qt-project.org/qmessagebox/images/qtlogo-64.png")));
    box->setTextFormat(Qt::RichText);
    box->setText(aboutQtText());
    box->setTextInteractionFlags(Qt::TextBrowserInteraction);
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

void MainWindow::showAbout()
{
    const auto homepage = QStringLiteral(CROCHET_HOMEPAGE);
    QStringList paragraphs;
    paragraphs
        << QStringLiteral("<h3>%1</h3>").arg(tr("Crochet %1").arg(QStringLiteral(CROCHET_VERSION)).toHtmlEscaped());
    paragraphs << tr("Local user accounts, and a webhook notification that is never lost for each one created.")
                      .toHtmlEscaped();
    paragraphs << (m_database->isShared()
                       ? tr("Store: the PostgreSQL database %1, shared with your team.").arg(m_database->describe())
                       : tr("Store: the SQLite file %1.").arg(m_database->describe()))
                      .toHtmlEscaped();
    paragraphs << tr("Licence: GNU General Public License, version 3 or later (GPL-3.0-or-later).").toHtmlEscaped();
    const auto host = serviceHost();
    paragraphs << (host ? tr("Delivery service: running on %1.").arg(*host)
                        : tr("Delivery service: not running; notifications are delivered while Crochet or "
                             "crochet-cli runs."))
                      .toHtmlEscaped();
    paragraphs << tr("Qt %1 (built with %2).")
                      .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))
                      .toHtmlEscaped();
    paragraphs << link(homepage, tr("Website")) + QStringLiteral(" · ")
            + link(QStringLiteral("https://www.gnu.org/licenses/gpl-3.0.html"), tr("Licence text"))
            + QStringLiteral(" · ") + link(QStringLiteral("https://www.qt.io/"), tr("About Qt"));

    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Crochet"));
    box->setIconPixmap(windowIcon().pixmap(64));
    box->setTextFormat(Qt::RichText);
    box->setText(QStringLiteral("<p>") + paragraphs.join(QStringLiteral("</p><p>")) + QStringLiteral("</p>"));
    box->setTextInteractionFlags(Qt::TextBrowserInteraction);
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

void MainWindow::saveWindowState()
{
    QSettings settings;
    settings.setValue(geometryKey(), saveGeometry());
    settings.setValue(tabKey(), m_ui->mainTabs->currentIndex());
}

void MainWindow::restoreWindowState()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey()).toByteArray())) {
        // A size in text units, so that it suits any scale.
        const auto metrics = fontMetrics();
        resize(sizeHint().expandedTo(QSize(metrics.averageCharWidth() * 160, metrics.height() * 44)));
    }
    const auto tab = settings.value(tabKey(), 0).toInt();
    if (tab >= 0 && tab < m_ui->mainTabs->count()) {
        m_ui->mainTabs->setCurrentIndex(tab);
    }
}

void MainWindow::retranslate()
{
    // Which store this window works on: a file, or a team's PostgreSQL database (never its password).
    m_storeLabel->setText(m_database->isShared() ? tr("Shared: %1").arg(m_database->describe())
                                                 : QFileInfo(m_database->describe()).fileName());
    m_storeLabel->setToolTip(m_database->isShared()
                                 ? tr("PostgreSQL database %1, shared with your team").arg(m_database->describe())
                                 : tr("SQLite file %1").arg(m_database->describe()));
    showCounts();
    showServiceStatus();
    if (m_tray) {
        updateTray();
    }
    showWebhookWarning();
    updateLanguageActions();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_settings->hasUnsavedChanges()) {
        m_ui->mainTabs->setCurrentWidget(m_ui->settingsTab);
        const auto answer = QMessageBox::question(this, tr("Unsaved settings"),
                                                  tr("Some settings were changed but not saved. Quit anyway?"),
                                                  QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Discard) {
            event->ignore();
            return;
        }
    }
    if (!m_quitting && isLastWorkerWithPending()) {
        switch (askBeforeClosing()) {
        case CloseAnswer::Cancel:
            event->ignore();
            return;
        case CloseAnswer::KeepInTray:
            event->ignore();
            keepDeliveringInTray();
            return;
        case CloseAnswer::Quit:
            break;
        }
    }
    saveWindowState();
    if (m_tray) {
        m_tray->hide();
    }
    QMainWindow::closeEvent(event);
    emit quitRequested();
}
