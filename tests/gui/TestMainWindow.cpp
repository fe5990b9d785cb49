#include "DeliveriesModel.h"
#include "DeliveriesPage.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SettingsPage.h"
#include "TestFixtures.h"
#include "UsersModel.h"
#include "UsersPage.h"
#include "Version.h"
#include "WebhooksSettingsWidget.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Settings.h"
#include "text/TimeFormat.h"
#include "text/Translations.h"
#include "users/UserStore.h"
#include "webhooks/WebhookUrl.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using GuiTest::child;

namespace {

// Marks every translated string, to see that each text of the window goes through tr() again on a language change.
class MarkingTranslator : public QTranslator
{
public:
    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        if (qstrncmp(context, "Q", 1) == 0 && qstrcmp(context, "QObject") != 0) {
            return {}; // leave Qt's own strings alone
        }
        return QStringLiteral("⟦") + QString::fromUtf8(sourceText) + QStringLiteral("⟧");
    }
    bool isEmpty() const override { return false; }
};

// What crochet_fr.ts must say for the strings these tests check (the lead fills the catalogue).
const char* const FrenchTestButton = "Envoyer une notification de test";

bool isTranslated(const char* context, const char* source)
{
    return QCoreApplication::translate(context, source) != QLatin1String(source);
}

} // namespace

// The window as a whole: tabs, menus, language, status bar, remembered state, keyboard and accessibility.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void hasTheAdministrationAreas();
    void frenchInterfaceLoads();
    void languageMenuSwitchesLive();
    void everyTextIsRetranslated();
    void statusBarShowsDeliveryCounts();
    void rememberesGeometryAndTab();
    void aboutShowsVersionLicenceAndQt();
    void fieldsHaveLabelsAndAccessibleNames();
    void summaryAndStatusBarAgree();
    void aboutQtIsInFrench();
    void oneDateFormatEverywhere();

private:
    std::unique_ptr<MainWindow> openWindow();

    std::unique_ptr<GuiTest::TempDatabase> m_database;
    std::unique_ptr<DeliveryService> m_deliveries;
};

void TestMainWindow::initTestCase()
{
    GuiTest::initApplication();
}

void TestMainWindow::init()
{
    QSettings().clear();
    Translations::install(QStringLiteral("en"));
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
    m_deliveries = std::make_unique<DeliveryService>(m_database->get());
}

void TestMainWindow::cleanup()
{
    Translations::install(QStringLiteral("en"));
    m_deliveries.reset();
    m_database.reset();
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow()
{
    auto window = std::make_unique<MainWindow>(m_database->get(), m_deliveries.get());
    window->show();
    return window;
}

void TestMainWindow::hasTheAdministrationAreas()
{
    auto window = openWindow();
    QCOMPARE(window->windowTitle(), QStringLiteral("Crochet — Administration"));
    QVERIFY(!window->windowIcon().pixmap(32).isNull());
    auto* tabs = child<QTabWidget>(window.get(), "mainTabs");
    QCOMPARE(tabs->count(), 3);
    QCOMPARE(tabs->widget(0), child<QWidget>(window.get(), "usersTab"));
    QCOMPARE(tabs->widget(1), child<QWidget>(window.get(), "deliveriesTab"));
    QCOMPARE(tabs->widget(2), child<QWidget>(window.get(), "settingsTab"));
    QVERIFY(window->usersPage());
    QVERIFY(window->deliveriesPage());
    QCOMPARE(window->deliveriesPage()->parentWidget(), child<QWidget>(window.get(), "deliveriesTab"));
    auto* settingsTabs = child<QTabWidget>(window.get(), "settingsTabs");
    QCOMPARE(settingsTabs->count(), 3);
    QCOMPARE(settingsTabs->tabText(0), QStringLiteral("&General"));
    QCOMPARE(settingsTabs->tabText(1), QStringLiteral("&Webhooks"));
    QCOMPARE(settingsTabs->widget(1), child<QWidget>(window.get(), "webhooksTab"));
    QCOMPARE(settingsTabs->tabText(2), QStringLiteral("&Network"));
    QCOMPARE(child<QAction>(window.get(), "actionQuit")->shortcut(), QKeySequence(QStringLiteral("Ctrl+Q")));
}

void TestMainWindow::frenchInterfaceLoads()
{
    // What `crochet --lang fr` does before it opens the window.
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    auto window = openWindow();
    // Qt's own catalogue: standard buttons and dialogs are French.
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Annuler"));

    auto* test = child<QPushButton>(window.get(), "testButton");
    if (!isTranslated("GeneralSettingsWidget", "Send test notific&ation")) {
        QEXPECT_FAIL("", "translations/crochet_fr.ts does not translate the window yet", Continue);
    }
    QCOMPARE(QString(test->text()).remove(QLatin1Char('&')), QString::fromUtf8(FrenchTestButton));
}

void TestMainWindow::languageMenuSwitchesLive()
{
    auto window = openWindow();
    auto* french = child<QAction>(window.get(), "actionLanguageFrench");
    auto* english = child<QAction>(window.get(), "actionLanguageEnglish");
    auto* system = child<QAction>(window.get(), "actionLanguageSystem");
    QVERIFY(system->isChecked());
    QVERIFY(french->actionGroup() && french->actionGroup()->isExclusive());

    french->trigger();
    QCOMPARE(Translations::current(), QStringLiteral("fr"));
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("fr"));
    QVERIFY(french->isChecked());
    QVERIFY(!system->isChecked());
    // QApplication posts the language change to each window.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    auto* test = child<QPushButton>(window.get(), "testButton");
    if (!isTranslated("GeneralSettingsWidget", "Send test notific&ation")) {
        QEXPECT_FAIL("", "translations/crochet_fr.ts does not translate the window yet", Continue);
    }
    QCOMPARE(QString(test->text()).remove(QLatin1Char('&')), QString::fromUtf8(FrenchTestButton));

    english->trigger();
    QCOMPARE(Translations::current(), QStringLiteral("en"));
    QTRY_COMPARE(test->text(), QStringLiteral("Send test notific&ation"));
    QCOMPARE(window->windowTitle(), QStringLiteral("Crochet — Administration"));
    QVERIFY(english->isChecked());

    // Remembered for the next start.
    QCOMPARE(MainWindow::savedLanguage(), QStringLiteral("en"));
    system->trigger();
    QCOMPARE(MainWindow::savedLanguage(), QString());
    QCOMPARE(Translations::current(), Translations::systemLanguage());
    auto second = openWindow();
    QVERIFY(child<QAction>(second.get(), "actionLanguageSystem")->isChecked());
}

void TestMainWindow::everyTextIsRetranslated()
{
    auto window = openWindow();
    MarkingTranslator translator;
    QCoreApplication::installTranslator(&translator);
    const auto removeTranslator = qScopeGuard([&translator] { QCoreApplication::removeTranslator(&translator); });

    const auto marked = [](const QString& text) {
        return text.startsWith(QStringLiteral("⟦"));
    };
    // QApplication posts the language change to each window.
    QTRY_VERIFY(marked(window->windowTitle()));
    QVERIFY(marked(child<QPushButton>(window.get(), "testButton")->text()));
    QVERIFY(marked(child<QPushButton>(window.get(), "createButton")->text()));
    QVERIFY(marked(child<QTabWidget>(window.get(), "mainTabs")->tabText(0)));
    QVERIFY(marked(child<QTabWidget>(window.get(), "settingsTabs")->tabText(0)));
    QVERIFY(marked(child<QMenu>(window.get(), "menuLanguage")->title()));
    QVERIFY(marked(child<QAction>(window.get(), "actionLanguageSystem")->text()));
    // Texts filled in code, not by the forms.
    QVERIFY(marked(child<QLabel>(window.get(), "deliveryCountsLabel")->text()));
    QVERIFY(marked(child<QLabel>(window.get(), "storeLabel")->toolTip()));
    QVERIFY(marked(child<QComboBox>(window.get(), "hostPolicyCombo")->itemText(0)));
    QVERIFY(marked(child<QSpinBox>(window.get(), "timeoutSpin")->suffix()));
    QVERIFY(marked(child<QLabel>(window.get(), "urlMessageLabel")->text()));
    QVERIFY(marked(child<QLabel>(window.get(), "autoFormatLabel")->text()));
    // The Webhooks page's rows are filled in code too.
    auto* endpoints = child<QTableWidget>(window.get(), "endpointsTable");
    QVERIFY(marked(endpoints->item(0, WebhooksSettingsWidget::StateColumn)->text()));
    QVERIFY(marked(endpoints->horizontalHeaderItem(WebhooksSettingsWidget::NameColumn)->text()));
    auto* users = child<QTableView>(window.get(), "usersView");
    QVERIFY(marked(users->model()->headerData(0, Qt::Horizontal).toString()));

    QCoreApplication::removeTranslator(&translator);
    QTRY_COMPARE(child<QPushButton>(window.get(), "testButton")->text(), QStringLiteral("Send test notific&ation"));
    QCOMPARE(child<QLabel>(window.get(), "deliveryCountsLabel")->text(), QStringLiteral("0 pending, 0 failed"));
}

void TestMainWindow::statusBarShowsDeliveryCounts()
{
    auto window = openWindow();
    auto* counts = child<QLabel>(window.get(), "deliveryCountsLabel");
    QCOMPARE(counts->text(), QStringLiteral("0 pending, 0 failed"));
    QVERIFY(counts->isVisible());
    emit m_deliveries->countsChanged(3, 1);
    QCOMPARE(counts->text(), QStringLiteral("3 pending, 1 failed"));

    auto* warning = child<QLabel>(window.get(), "webhookWarningLabel");
    QVERIFY(!warning->isVisible());
    // The worker records the 410 in the database, then signals it.
    const auto url = QStringLiteral("https://discord.com/api/webhooks/1/secret-abcd");
    QVERIFY(TestFixtures::setWebhookUrl(m_database->get(), url));
    EndpointStore endpoints(m_database->get());
    QVERIFY(endpoints.markGone(endpoints.main().id, url, QDateTime::currentDateTimeUtc()));
    emit m_deliveries->endpointGone(endpoints.main().id, endpoints.main().name);
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(endpoints.main().name));
    QVERIFY(!warning->text().contains(QStringLiteral("secret")));
    QCOMPARE(warning->property("feedback").toString(), QStringLiteral("error"));
    // Still said at the next start.
    window.reset();
    window = openWindow();
    QVERIFY(child<QLabel>(window.get(), "webhookWarningLabel")->isVisible());
}

// The Deliveries summary and the status bar show the same counts, whichever of them counted last.
void TestMainWindow::summaryAndStatusBarAgree()
{
    auto window = openWindow();
    auto* counts = child<QLabel>(window.get(), "deliveryCountsLabel");
    auto* summary = child<QLabel>(window.get(), "summaryLabel");
    emit m_deliveries->countsChanged(7, 2);
    QCOMPARE(counts->text(), QStringLiteral("7 pending, 2 failed"));
    QVERIFY2(summary->text().endsWith(QStringLiteral("Pending: 7 · Failed: 2")), qPrintable(summary->text()));

    // The page counts the database itself when it refreshes: the status bar follows.
    QVERIFY(TestFixtures::setWebhookUrl(m_database->get(), QStringLiteral("http://127.0.0.1:9/hook")));
    NewUser user;
    user.name = QStringLiteral("Ann");
    user.email = QStringLiteral("ann@example.com");
    QVERIFY(UserStore(m_database->get()).create(user, {}).ok);
    window->deliveriesPage()->model()->refresh();
    QCOMPARE(summary->text(), QStringLiteral("Total: 1 · Pending: 1 · Failed: 0"));
    QCOMPARE(counts->text(), QStringLiteral("1 pending, 0 failed"));
}

// The About Qt box follows the interface language. Qt's own box (QMessageBox::aboutQt) stayed half English: the
// catalogue Debian ships (qtbase_fr) no longer matches its text.
void TestMainWindow::aboutQtIsInFrench()
{
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    auto window = openWindow();
    child<QAction>(window.get(), "actionAboutQt")->trigger();
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox*>(QStringLiteral("aboutQtDialog"))) != nullptr);
    QCOMPARE(box->windowTitle(), QStringLiteral("À propos de Qt"));
    QVERIFY(box->text().contains(
        QStringLiteral("Ce programme utilise la version %1 de Qt").arg(QString::fromLatin1(qVersion()))));
    QCOMPARE(box->text(), MainWindow::aboutQtText());
    QVERIFY(box->informativeText().isEmpty());
    QVERIFY(!box->iconPixmap().isNull());
    QVERIFY(!box->text().contains(QStringLiteral("Qt is a C++ toolkit")));
    box->close();
}

void TestMainWindow::rememberesGeometryAndTab()
{
    QSize size;
    QPoint position;
    {
        auto window = openWindow();
        window->resize(900, 640);
        window->move(40, 30);
        QTest::qWait(0);
        size = window->size();
        position = window->pos();
        child<QTabWidget>(window.get(), "mainTabs")->setCurrentIndex(2);
        QVERIFY(window->close());
    }
    auto window = openWindow();
    QCOMPARE(window->size(), size);
    QCOMPARE(window->pos(), position);
    QCOMPARE(child<QTabWidget>(window.get(), "mainTabs")->currentIndex(), 2);
}

void TestMainWindow::aboutShowsVersionLicenceAndQt()
{
    auto window = openWindow();
    child<QAction>(window.get(), "actionAbout")->trigger();
    QMessageBox* about = nullptr;
    QTRY_VERIFY((about = window->findChild<QMessageBox*>(QStringLiteral("aboutDialog"))) != nullptr);
    QVERIFY(about->text().contains(QStringLiteral(CROCHET_VERSION)));
    QVERIFY(about->text().contains(QStringLiteral("GPL-3.0-or-later")));
    QVERIFY(about->text().contains(QString::fromLatin1(qVersion())));
    QVERIFY(about->text().contains(QStringLiteral("href=")));
    QVERIFY(!about->iconPixmap().isNull());
    // The store it works on: here an SQLite file (a PostgreSQL one shows host, port and database, never a password).
    QVERIFY(about->text().contains(
        QStringLiteral("Store: the SQLite file %1.").arg(m_database->get()->describe()).toHtmlEscaped()));
    about->close();
    QCOMPARE(child<QLabel>(window.get(), "storeLabel")->text(), QStringLiteral("crochet.sqlite"));
    QCOMPARE(child<QLabel>(window.get(), "storeLabel")->toolTip(),
             QStringLiteral("SQLite file %1").arg(m_database->get()->describe()));
    QVERIFY(child<QLabel>(window.get(), "sharedSettingsLabel")->isHidden());
}

void TestMainWindow::fieldsHaveLabelsAndAccessibleNames()
{
    auto window = openWindow();
    QList<QWidget*> fields;
    for (QWidget* page : std::initializer_list<QWidget*> { window->usersPage(), window->settingsPage() }) {
        for (auto* widget : page->findChildren<QWidget*>()) {
            const bool input = qobject_cast<QLineEdit*>(widget) || qobject_cast<QComboBox*>(widget)
                || qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QAbstractItemView*>(widget);
            if (!input || qobject_cast<QHeaderView*>(widget)) {
                continue;
            }
            // Skip the parts of composite widgets: a spin box's line edit, a combo box's list.
            bool part = false;
            for (auto* ancestor = widget->parentWidget(); ancestor && ancestor != page;
                 ancestor = ancestor->parentWidget()) {
                part = part || qobject_cast<QComboBox*>(ancestor) || qobject_cast<QAbstractSpinBox*>(ancestor)
                    || qobject_cast<QAbstractItemView*>(ancestor);
            }
            if (!part) {
                fields << widget;
            }
        }
    }
    QVERIFY(fields.size() >= 15);
    QList<QWidget*> buddies;
    const auto labels = window->findChildren<QLabel*>();
    for (auto* label : labels) {
        if (label->buddy()) {
            buddies << label->buddy();
        }
    }
    for (auto* field : std::as_const(fields)) {
        QVERIFY2(!field->accessibleName().isEmpty(), qPrintable(field->objectName()));
        if (field->objectName() == QLatin1String("importReportView")) {
            continue; // its summary label above says what it lists
        }
        QVERIFY2(buddies.contains(field), qPrintable(field->objectName() + QStringLiteral(" has no label")));
    }
}

// Every date the window shows follows the interface language's short format, in local time, through one helper.
void TestMainWindow::oneDateFormatEverywhere()
{
    const auto instant = QDateTime(QDate(2026, 11, 26), QTime(9, 30, 5), Qt::UTC);
    QCOMPARE(TimeFormat::dateTime(QDateTime()), QString());
    QCOMPARE(Translations::install(QStringLiteral("fr")), QStringLiteral("fr"));
    const auto french = TimeFormat::dateTime(instant);
    QCOMPARE(french, QLocale(QStringLiteral("fr")).toString(instant.toLocalTime(), QLocale::ShortFormat));
    Translations::install(QStringLiteral("en"));
    QCOMPARE(TimeFormat::dateTime(instant),
             QLocale(QStringLiteral("en")).toString(instant.toLocalTime(), QLocale::ShortFormat));
    QVERIFY(TimeFormat::dateTime(instant) != french);

    Translations::install(QStringLiteral("fr"));
    QVERIFY(TestFixtures::setWebhookUrl(m_database->get(), QStringLiteral("http://127.0.0.1:9/hook")));
    NewUser user;
    user.name = QStringLiteral("Ann");
    user.email = QStringLiteral("ann@example.com");
    const auto created = UserStore(m_database->get()).create(user, {});
    QVERIFY(created.ok && created.notifications.size() == 1);
    auto window = openWindow();
    auto* users = child<QTableView>(window.get(), "usersView");
    QCOMPARE(users->model()->index(0, UsersModel::CreatedColumn).data().toString(),
             TimeFormat::dateTime(created.user.createdAt));
    auto* deliveries = window->deliveriesPage()->model();
    const auto row = Outbox(m_database->get()).find(created.notifications.constFirst().id);
    QVERIFY(row.has_value());
    QCOMPARE(deliveries->index(0, DeliveriesModel::CreatedColumn).data().toString(),
             TimeFormat::dateTime(row->createdAt));
    QCOMPARE(deliveries->index(0, DeliveriesModel::NextAttemptColumn).data().toString(),
             TimeFormat::dateTime(row->nextAttemptAt));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
