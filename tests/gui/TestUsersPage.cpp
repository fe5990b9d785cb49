#include "DeliveriesModel.h"
#include "DeliveriesPage.h"
#include "GeneralSettingsWidget.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SettingsPage.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "UsersModel.h"
#include "UsersPage.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Settings.h"
#include "users/UserRules.h"
#include "users/UserStore.h"

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using GuiTest::child;

namespace {

QSet<QByteArray> deliveredIds(const TestReceiver& receiver)
{
    QSet<QByteArray> ids;
    for (const auto& request : receiver.requests()) {
        ids.insert(request.header("webhook-id"));
    }
    return ids;
}

} // namespace

// The Users tab of the real window: the creation form, its delivery result, and CSV import.
class TestUsersPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void createdUserIsNotified();
    void withoutWebhookNoNotificationIsSent();
    void failedDeliveryIsShown();
    void validationErrorsAreShownUnderTheirField_data();
    void validationErrorsAreShownUnderTheirField();
    void duplicateEmailIsRefused();
    void escapeClearsTheForm();
    void importShowsProgressAndKeepsTheLoopTurning();
    void importReportsRefusedLines();
    void cancelledImportKeepsCommittedAccountsWithNotifications();
    void webhookNoticeLeadsToTheSettings();
    void afterGoneNewAccountSaysWhyItsNotificationWaits();
    void importReportCanBeClosed();
    void enterPressesTheFocusedButton();

private:
    void openWindow();
    void fillForm(const QString& name, const QString& email, const QString& password, const QString& confirmation);
    void setWebhook(const QUrl& url);
    QString writeCsv(const QString& name, const QStringList& rows);

    std::unique_ptr<GuiTest::TempDatabase> m_database;
    std::unique_ptr<DeliveryService> m_deliveries;
    std::unique_ptr<MainWindow> m_window;
};

void TestUsersPage::initTestCase()
{
    GuiTest::initApplication();
}

void TestUsersPage::init()
{
    QSettings().clear();
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
}

void TestUsersPage::cleanup()
{
    m_window.reset();
    m_deliveries.reset();
    m_database.reset();
}

void TestUsersPage::openWindow()
{
    m_deliveries = std::make_unique<DeliveryService>(m_database->get());
    m_deliveries->start();
    m_window = std::make_unique<MainWindow>(m_database->get(), m_deliveries.get());
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    child<QTabWidget>(m_window.get(), "mainTabs")->setCurrentWidget(child<QWidget>(m_window.get(), "usersTab"));
}

void TestUsersPage::setWebhook(const QUrl& url)
{
    QVERIFY(TestFixtures::setWebhookUrl(m_database->get(), url.toString()));
}

void TestUsersPage::fillForm(const QString& name, const QString& email, const QString& password,
                             const QString& confirmation)
{
    for (const auto& [field, text] :
         { std::pair { "nameEdit", name }, std::pair { "emailEdit", email }, std::pair { "passwordEdit", password },
           std::pair { "confirmEdit", confirmation } }) {
        auto* edit = child<QLineEdit>(m_window.get(), field);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
}

QString TestUsersPage::writeCsv(const QString& name, const QStringList& rows)
{
    const auto path = m_database->path(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return {};
    }
    file.write("name,email,password,role\n");
    for (const auto& row : rows) {
        file.write(row.toUtf8() + '\n');
    }
    return path;
}

void TestUsersPage::createdUserIsNotified()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    setWebhook(receiver.url());
    openWindow();

    auto* page = m_window->usersPage();
    QSignalSpy created(page, &UsersPage::userCreated);
    auto* role = child<QComboBox>(m_window.get(), "roleCombo");
    QCOMPARE(role->count(), Roles::all().size());
    QCOMPARE(role->currentData().toInt(), int(Role::User));
    role->setCurrentIndex(role->findData(int(Role::Admin)));
    QCOMPARE(role->currentText(), Roles::displayName(Role::Admin));
    fillForm(QStringLiteral("Alice Martin"), QStringLiteral("alice@example.com"), QStringLiteral("correct horse"),
             QStringLiteral("correct horse"));
    // Enter in a field creates the account.
    QTest::keyClick(child<QLineEdit>(m_window.get(), "confirmEdit"), Qt::Key_Return);
    QVERIFY(!child<QPushButton>(m_window.get(), "createButton")->isEnabled());

    QVERIFY(created.wait(30000));
    const auto result = created.first().first().value<UserStore::Created>();
    QVERIFY(result.ok);
    QCOMPARE(result.notifications.size(), 1);

    QTRY_COMPARE(receiver.count(), 1);
    const auto request = receiver.requests().first();
    QCOMPARE(request.header("webhook-id"), result.notifications.constFirst().id.toUtf8());
    const auto body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("user.created"));
    const auto user = body.value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Martin"));
    QCOMPARE(user.value(QStringLiteral("role")).toString(), QStringLiteral("admin"));
    QVERIFY(!request.body.contains("correct horse"));

    auto* label = child<QLabel>(m_window.get(), "creationResultLabel");
    const QRegularExpression expected(
        QStringLiteral("^Account “Alice Martin” created\\. Notification: Delivered: HTTP 204 in \\d+ ms\\.$"));
    QTRY_VERIFY2(expected.match(label->text()).hasMatch(), qPrintable(label->text()));
    QCOMPARE(label->property("feedback").toString(), QStringLiteral("success"));

    QVERIFY(child<QPushButton>(m_window.get(), "createButton")->isEnabled());
    QCOMPARE(child<QLineEdit>(m_window.get(), "passwordEdit")->text(), QString());
    QCOMPARE(child<QLineEdit>(m_window.get(), "confirmEdit")->text(), QString());
    auto* view = child<QTableView>(m_window.get(), "usersView");
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, UsersModel::NameColumn).data().toString(), QStringLiteral("Alice Martin"));
    QCOMPARE(view->model()->index(0, UsersModel::EmailColumn).data().toString(), QStringLiteral("alice@example.com"));
    QCOMPARE(view->model()->index(0, UsersModel::RoleColumn).data().toString(), Roles::displayName(Role::Admin));
}

void TestUsersPage::withoutWebhookNoNotificationIsSent()
{
    openWindow();
    QSignalSpy created(m_window->usersPage(), &UsersPage::userCreated);
    fillForm(QStringLiteral("Bob"), QStringLiteral("bob@example.com"), QStringLiteral("password1"),
             QStringLiteral("password1"));
    QTest::mouseClick(child<QPushButton>(m_window.get(), "createButton"), Qt::LeftButton);
    QVERIFY(created.wait(30000));
    auto* label = child<QLabel>(m_window.get(), "creationResultLabel");
    QVERIFY(label->text().startsWith(
        QStringLiteral("Account “Bob” created. No webhook is configured, so no notification was sent. <a href=")));
    // A warning that leads to the settings, not a success.
    QCOMPARE(label->property("feedback").toString(), QStringLiteral("warning"));
    QCOMPARE(Outbox(m_database->get()).count(std::nullopt), 0);
    QCOMPARE(UserStore(m_database->get()).count(), 1);
}

void TestUsersPage::failedDeliveryIsShown()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(404);
    setWebhook(receiver.url());
    openWindow();
    fillForm(QStringLiteral("Carol"), QStringLiteral("carol@example.com"), QStringLiteral("password1"),
             QStringLiteral("password1"));
    QTest::mouseClick(child<QPushButton>(m_window.get(), "createButton"), Qt::LeftButton);

    const auto expected =
        QStringLiteral("Account “Carol” created. Notification: %1").arg(DeliveryResult::fromHttpStatus(404).summary());
    auto* label = child<QLabel>(m_window.get(), "creationResultLabel");
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), expected, 30000);
    QCOMPARE(label->property("feedback").toString(), QStringLiteral("error"));
    QCOMPARE(receiver.count(), 1);
}

void TestUsersPage::validationErrorsAreShownUnderTheirField_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("confirmation");
    QTest::addColumn<QString>("errorLabel");
    QTest::addColumn<int>("field");

    const auto name = static_cast<int>(UserRules::Field::Name);
    const auto email = static_cast<int>(UserRules::Field::Email);
    const auto password = static_cast<int>(UserRules::Field::Password);
    const auto confirmation = static_cast<int>(UserRules::Field::Confirmation);
    QTest::newRow("empty name") << QString() << "dan@example.com"
                                << "password1"
                                << "password1"
                                << "nameErrorLabel" << name;
    QTest::newRow("blank name") << "   "
                                << "dan@example.com"
                                << "password1"
                                << "password1"
                                << "nameErrorLabel" << name;
    QTest::newRow("malformed email") << "Dan"
                                     << "dan.example.com"
                                     << "password1"
                                     << "password1"
                                     << "emailErrorLabel" << email;
    QTest::newRow("short password") << "Dan"
                                    << "dan@example.com"
                                    << "short"
                                    << "short"
                                    << "passwordErrorLabel" << password;
    QTest::newRow("mismatch") << "Dan"
                              << "dan@example.com"
                              << "password1"
                              << "password2"
                              << "confirmErrorLabel" << confirmation;
}

void TestUsersPage::validationErrorsAreShownUnderTheirField()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, confirmation);
    QFETCH(QString, errorLabel);
    QFETCH(int, field);

    openWindow();
    fillForm(name, email, password, confirmation);
    QTest::mouseClick(child<QPushButton>(m_window.get(), "createButton"), Qt::LeftButton);

    NewUser user;
    user.name = name.trimmed();
    user.email = email;
    user.password = password;
    user.confirmation = confirmation;
    QStringList messages;
    const auto problems = UserRules::validate(user);
    for (const auto& problem : problems) {
        if (static_cast<int>(problem.field) == field) {
            messages << problem.message;
        }
    }
    QVERIFY(!messages.isEmpty());
    auto* label = child<QLabel>(m_window.get(), errorLabel.toLatin1().constData());
    QCOMPARE(label->text(), messages.join(QLatin1Char('\n')));
    QVERIFY(label->isVisible());
    for (const char* other : { "nameErrorLabel", "emailErrorLabel", "passwordErrorLabel", "confirmErrorLabel" }) {
        if (errorLabel != QLatin1String(other)) {
            QCOMPARE(child<QLabel>(m_window.get(), other)->text(), QString());
        }
    }
    QVERIFY(child<QPushButton>(m_window.get(), "createButton")->isEnabled());
    QVERIFY(!m_window->usersPage()->isCreating());
    QCOMPARE(UserStore(m_database->get()).count(), 0);

    // Editing the field takes its error away.
    const QHash<int, const char*> edits = { { static_cast<int>(UserRules::Field::Name), "nameEdit" },
                                            { static_cast<int>(UserRules::Field::Email), "emailEdit" },
                                            { static_cast<int>(UserRules::Field::Password), "passwordEdit" },
                                            { static_cast<int>(UserRules::Field::Confirmation), "confirmEdit" } };
    auto* edit = child<QLineEdit>(m_window.get(), edits.value(field));
    QCOMPARE(QApplication::focusWidget(), edit);
    QTest::keyClick(edit, Qt::Key_X);
    QCOMPARE(label->text(), QString());
}

void TestUsersPage::duplicateEmailIsRefused()
{
    NewUser existing;
    existing.name = QStringLiteral("Erin");
    existing.email = QStringLiteral("erin@example.com");
    QVERIFY(UserStore(m_database->get()).create(existing, {}).ok);

    openWindow();
    QSignalSpy created(m_window->usersPage(), &UsersPage::userCreated);
    fillForm(QStringLiteral("Erin Again"), QStringLiteral("ERIN@Example.COM"), QStringLiteral("password1"),
             QStringLiteral("password1"));
    QTest::mouseClick(child<QPushButton>(m_window.get(), "createButton"), Qt::LeftButton);
    QVERIFY(created.wait(30000));
    QVERIFY(!created.first().first().value<UserStore::Created>().ok);

    auto* label = child<QLabel>(m_window.get(), "emailErrorLabel");
    QCOMPARE(label->text(), UserRules::duplicateEmailMessage(QStringLiteral("ERIN@Example.COM")));
    QVERIFY(label->isVisible());
    QCOMPARE(child<QLabel>(m_window.get(), "creationResultLabel")->text(), QString());
    QCOMPARE(UserStore(m_database->get()).count(), 1);
    // The form keeps what was typed, so the email can be corrected.
    QCOMPARE(child<QLineEdit>(m_window.get(), "nameEdit")->text(), QStringLiteral("Erin Again"));
}

void TestUsersPage::escapeClearsTheForm()
{
    openWindow();
    fillForm(QStringLiteral("Frank"), QStringLiteral("frank"), QStringLiteral("x"), QStringLiteral("y"));
    QTest::mouseClick(child<QPushButton>(m_window.get(), "createButton"), Qt::LeftButton);
    QVERIFY(!child<QLabel>(m_window.get(), "emailErrorLabel")->text().isEmpty());
    QTest::keyClick(child<QLineEdit>(m_window.get(), "emailEdit"), Qt::Key_Escape);
    for (const char* name : { "nameEdit", "emailEdit", "passwordEdit", "confirmEdit" }) {
        QCOMPARE(child<QLineEdit>(m_window.get(), name)->text(), QString());
    }
    QCOMPARE(child<QLabel>(m_window.get(), "emailErrorLabel")->text(), QString());
}

void TestUsersPage::importShowsProgressAndKeepsTheLoopTurning()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    setWebhook(receiver.url());

    // 1,000 rows in 5 batches; a password per batch gives argon2id something to do off the GUI thread.
    QStringList rows;
    for (int i = 0; i < 1000; ++i) {
        rows << QStringLiteral("User %1,user%1@example.com,%2,")
                    .arg(i)
                    .arg(i % 200 == 0 ? QStringLiteral("password%1").arg(i) : QString());
    }
    const auto csv = writeCsv(QStringLiteral("users.csv"), rows);
    QVERIFY(!csv.isEmpty());

    openWindow();
    auto* page = m_window->usersPage();
    auto* progress = child<QProgressBar>(m_window.get(), "importProgress");
    GuiTest::EventLoopProbe probe;
    QList<int> values;
    connect(progress, &QProgressBar::valueChanged, this, [&values](int value) {
        if (value > 0) {
            values << value;
        }
    });
    QSignalSpy finished(page, &UsersPage::importFinished);
    probe.start();
    QVERIFY(page->importFile(csv));
    QVERIFY(page->isImporting());
    QVERIFY(!child<QPushButton>(m_window.get(), "importButton")->isEnabled());
    QVERIFY(child<QPushButton>(m_window.get(), "importCancelButton")->isVisible());
    QVERIFY(progress->isVisible());
    QVERIFY(finished.wait(120000));
    probe.stop();

    const auto summary = finished.first().first().value<UserImporter::Summary>();
    QCOMPARE(summary.error, QString());
    QCOMPARE(summary.created, 1000);
    QCOMPARE(summary.refused.size(), 0);
    QVERIFY(!summary.cancelled);
    QCOMPARE(progress->maximum(), 1000);
    QCOMPARE(progress->value(), 1000);
    QCOMPARE(values, (QList<int> { 200, 400, 600, 800, 1000 }));
    // The work is off the GUI thread: the 10 ms timer kept firing while it ran. The gap bound is loose because
    // the test machine may be busy; tests/benchmarks measures it precisely.
    qInfo("event loop: %d ticks, longest gap %lld ms", probe.ticks(), probe.longestGapMs());
    QVERIFY2(probe.ticks() >= 5, qPrintable(QString::number(probe.ticks())));
    QVERIFY2(probe.longestGapMs() < 1000, qPrintable(QString::number(probe.longestGapMs())));

    QCOMPARE(child<QLabel>(m_window.get(), "importSummaryLabel")->text(),
             QStringLiteral("Accounts created: %1. Their notifications are being delivered (see Deliveries).")
                 .arg(QLocale().toString(1000)));
    QVERIFY(!child<QTableWidget>(m_window.get(), "importReportView")->isVisible());
    // The list reads a page at a time, newest first.
    auto* users = child<QTableView>(m_window.get(), "usersView")->model();
    QCOMPARE(users->rowCount(), UsersModel::PageSize);
    QCOMPARE(users->index(0, UsersModel::NameColumn).data().toString(), QStringLiteral("User 999"));
    while (users->canFetchMore({})) {
        users->fetchMore({});
    }
    QCOMPARE(users->rowCount(), 1000);
    QVERIFY(child<QPushButton>(m_window.get(), "importButton")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(deliveredIds(receiver).size(), 1000, 120000);
}

void TestUsersPage::importReportsRefusedLines()
{
    NewUser existing;
    existing.name = QStringLiteral("Gina");
    existing.email = QStringLiteral("gina@example.com");
    QVERIFY(UserStore(m_database->get()).create(existing, {}).ok);
    const auto csv =
        writeCsv(QStringLiteral("mixed.csv"),
                 { QStringLiteral("Hugo,hugo@example.com,,pending"), QStringLiteral(",nameless@example.com,,"),
                   QStringLiteral("Ivy,not-an-email,,"), QStringLiteral("Gina Bis,GINA@example.com,,"),
                   QStringLiteral("Jon,jon@example.com,,") });
    openWindow();
    auto* page = m_window->usersPage();
    QSignalSpy finished(page, &UsersPage::importFinished);
    QVERIFY(page->importFile(csv));
    QVERIFY(finished.wait(30000));

    const auto summary = finished.first().first().value<UserImporter::Summary>();
    QCOMPARE(summary.created, 2);
    QCOMPARE(summary.refused.size(), 3);
    auto* report = child<QTableWidget>(m_window.get(), "importReportView");
    QVERIFY(report->isVisible());
    QCOMPARE(report->rowCount(), 3);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(report->item(row, 0)->data(Qt::DisplayRole).toInt(), summary.refused.at(row).line);
        QCOMPARE(report->item(row, 1)->text(), summary.refused.at(row).reason);
    }
    QCOMPARE(report->item(0, 0)->data(Qt::DisplayRole).toInt(), 3);
    QCOMPARE(report->item(1, 0)->data(Qt::DisplayRole).toInt(), 4);
    QCOMPARE(report->item(2, 0)->data(Qt::DisplayRole).toInt(), 5);
    QCOMPARE(child<QLabel>(m_window.get(), "importSummaryLabel")->text(),
             QStringLiteral("Accounts created: 2. Lines refused: 3, listed below. No webhook is configured, so no "
                            "notification was sent."));
    QCOMPARE(child<QTableView>(m_window.get(), "usersView")->model()->rowCount(), 3);
}

void TestUsersPage::cancelledImportKeepsCommittedAccountsWithNotifications()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    setWebhook(receiver.url());

    // The first batch of 200 has no passwords and commits at once; the next ones hash for many seconds.
    constexpr int Batch = 200;
    constexpr int Total = 2000;
    QStringList rows;
    for (int i = 0; i < Total; ++i) {
        rows << QStringLiteral("Member %1,member%1@example.com,%2,")
                    .arg(i)
                    .arg(i < Batch ? QString() : QStringLiteral("password%1").arg(i));
    }
    const auto csv = writeCsv(QStringLiteral("slow.csv"), rows);
    openWindow();
    auto* page = m_window->usersPage();
    QSignalSpy finished(page, &UsersPage::importFinished);
    auto* progress = child<QProgressBar>(m_window.get(), "importProgress");
    auto* cancel = child<QPushButton>(m_window.get(), "importCancelButton");
    // Cancel as soon as the first batch is reported, however busy the machine: polling could miss that moment.
    int cancelledAt = -1;
    connect(progress, &QProgressBar::valueChanged, this, [&cancelledAt, cancel](int value) {
        if (cancelledAt < 0 && value >= Batch) {
            cancelledAt = value;
            QTest::mouseClick(cancel, Qt::LeftButton);
        }
    });
    QVERIFY(page->importFile(csv));
    QVERIFY(finished.wait(120000));
    QVERIFY(cancelledAt >= Batch);

    const auto summary = finished.first().first().value<UserImporter::Summary>();
    QVERIFY(summary.cancelled);
    // Whole batches only: what was committed before the cancel is kept, nothing after it.
    QVERIFY2(summary.created >= Batch && summary.created < Total && summary.created % Batch == 0,
             qPrintable(QString::number(summary.created)));
    QCOMPARE(UserStore(m_database->get()).count(), summary.created);
    // The list reads a page at a time: its first page is full.
    QCOMPARE(child<QTableView>(m_window.get(), "usersView")->model()->rowCount(),
             qMin(summary.created, UsersModel::PageSize));
    QVERIFY(child<QLabel>(m_window.get(), "importSummaryLabel")
                ->text()
                .startsWith(QStringLiteral("Import cancelled; the accounts already created are kept. Accounts "
                                           "created: %1.")
                                .arg(summary.created)));

    // Every committed account has its notification, and each one reaches the receiver.
    const Outbox outbox(m_database->get());
    QCOMPARE(outbox.count(std::nullopt), summary.created);
    QSet<QString> notified;
    const auto notifications = outbox.list(std::nullopt, 1000);
    for (const auto& row : notifications) {
        QCOMPARE(row.event, QStringLiteral("user.created"));
        notified.insert(row.userName);
    }
    QSet<QString> accounts;
    const auto users = UserStore(m_database->get()).list();
    for (const auto& user : users) {
        accounts.insert(user.name);
    }
    QCOMPARE(notified, accounts);
    QSet<QByteArray> expectedIds;
    for (const auto& row : notifications) {
        expectedIds.insert(row.id.toUtf8());
    }
    // At least once: a retry after a timeout on a busy machine may repeat a notification, never skip one.
    QTRY_COMPARE_WITH_TIMEOUT(deliveredIds(receiver), expectedIds, 120000);
}

// First start: no webhook. The Users page says so and its button opens Settings → General with the focus in the
// URL field; the "no notification was sent" message after a creation links there too.
void TestUsersPage::webhookNoticeLeadsToTheSettings()
{
    openWindow();
    auto* notice = child<QLabel>(m_window.get(), "webhookNoticeLabel");
    QVERIFY(notice->isVisible());
    QCOMPARE(notice->property("feedback").toString(), QStringLiteral("warning"));
    auto* tabs = child<QTabWidget>(m_window.get(), "mainTabs");
    auto* settingsTabs = child<QTabWidget>(m_window.get(), "settingsTabs");
    auto* url = child<QLineEdit>(m_window.get(), "webhookUrlEdit");
    settingsTabs->setCurrentWidget(child<QWidget>(m_window.get(), "networkTab"));

    QTest::mouseClick(child<QPushButton>(m_window.get(), "webhookSettingsButton"), Qt::LeftButton);
    QCOMPARE(tabs->currentWidget(), child<QWidget>(m_window.get(), "settingsTab"));
    QCOMPARE(settingsTabs->currentWidget(), child<QWidget>(m_window.get(), "generalTab"));
    QTRY_COMPARE(QApplication::focusWidget(), url);

    // Once a URL is saved, the notice goes.
    QTest::keyClicks(url, QStringLiteral("https://hooks.example.org/abc"));
    QVERIFY(m_window->settingsPage()->general()->saveSettings());
    tabs->setCurrentWidget(child<QWidget>(m_window.get(), "usersTab"));
    QVERIFY(!notice->isVisible());

    // The link in the creation result does the same.
    QVERIFY(TestFixtures::setWebhookUrl(m_database->get(), QString()));
    m_window->settingsPage()->general()->loadSettings();
    tabs->setCurrentWidget(child<QWidget>(m_window.get(), "deliveriesTab"));
    tabs->setCurrentWidget(child<QWidget>(m_window.get(), "usersTab"));
    QVERIFY(notice->isVisible());
    QSignalSpy created(m_window->usersPage(), &UsersPage::userCreated);
    fillForm(QStringLiteral("Dora"), QStringLiteral("dora@example.com"), QStringLiteral("password1"),
             QStringLiteral("password1"));
    QTest::mouseClick(child<QPushButton>(m_window.get(), "createButton"), Qt::LeftButton);
    QVERIFY(created.wait(30000));
    auto* result = child<QLabel>(m_window.get(), "creationResultLabel");
    const QRegularExpression link(QStringLiteral("href=\"([^\"]+)\""));
    const auto match = link.match(result->text());
    QVERIFY(match.hasMatch());
    url->clearFocus();
    emit result->linkActivated(match.captured(1));
    QCOMPARE(tabs->currentWidget(), child<QWidget>(m_window.get(), "settingsTab"));
    QTRY_COMPARE(QApplication::focusWidget(), url);
}

// After the webhook answered 410, a new account's notification is held: the form says why and what to do instead
// of "Sending the notification…" forever.
void TestUsersPage::afterGoneNewAccountSaysWhyItsNotificationWaits()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(410);
    setWebhook(receiver.url(QStringLiteral("/hooks/T0KEN-1234")));
    openWindow();
    auto* label = child<QLabel>(m_window.get(), "creationResultLabel");

    fillForm(QStringLiteral("Eve"), QStringLiteral("eve@example.com"), QStringLiteral("password1"),
             QStringLiteral("password1"));
    QTest::mouseClick(child<QPushButton>(m_window.get(), "createButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(label->text().contains(QStringLiteral("410")), 30000);
    QTRY_COMPARE(EndpointStore(m_database->get()).main().state(), Endpoint::State::Gone);

    QSignalSpy created(m_window->usersPage(), &UsersPage::userCreated);
    fillForm(QStringLiteral("Finn"), QStringLiteral("finn@example.com"), QStringLiteral("password1"),
             QStringLiteral("password1"));
    QTest::mouseClick(child<QPushButton>(m_window.get(), "createButton"), Qt::LeftButton);
    QVERIFY(created.wait(30000));
    const auto main = EndpointStore(m_database->get()).main();
    QVERIFY2(label->text().startsWith(QStringLiteral("Account “Finn” created. ") + main.holdReason().toHtmlEscaped()),
             qPrintable(label->text()));
    QVERIFY(!label->text().contains(QStringLiteral("T0KEN")));
    QCOMPARE(label->property("feedback").toString(), QStringLiteral("warning"));
    QCOMPARE(receiver.count(), 1);

    // The Deliveries page gives the same reason for that notification.
    auto* deliveries = m_window->deliveriesPage()->model();
    deliveries->refresh();
    const auto finn = Outbox(m_database->get()).list(std::nullopt, 1).constFirst();
    QCOMPARE(finn.userName, QStringLiteral("Finn"));
    const int row = deliveries->rowOf(finn.id);
    QVERIFY(row >= 0);
    QCOMPARE(deliveries->index(row, DeliveriesModel::LastResultColumn).data().toString(), main.holdReason());
    QCOMPARE(deliveries->index(row, DeliveriesModel::NextAttemptColumn).data().toString(), QStringLiteral("On hold"));
    // And the status bar names the deleted webhook.
    QTRY_VERIFY(child<QLabel>(m_window.get(), "webhookWarningLabel")->text().contains(QStringLiteral("410")));
}

void TestUsersPage::importReportCanBeClosed()
{
    const auto csv = writeCsv(QStringLiteral("bad.csv"),
                              { QStringLiteral("Ivy,not-an-email,,"), QStringLiteral("Jon,jon@example.com,,") });
    openWindow();
    auto* page = m_window->usersPage();
    QSignalSpy finished(page, &UsersPage::importFinished);
    QVERIFY(page->importFile(csv));
    QVERIFY(finished.wait(30000));
    auto* report = child<QTableWidget>(m_window.get(), "importReportView");
    auto* summary = child<QLabel>(m_window.get(), "importSummaryLabel");
    auto* close = child<QPushButton>(m_window.get(), "importReportCloseButton");
    QVERIFY(report->isVisible());
    QVERIFY(summary->isVisible());
    QVERIFY(close->isVisible());

    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(!report->isVisible());
    QVERIFY(!summary->isVisible());
    QVERIFY(!close->isVisible());
    QVERIFY(!child<QProgressBar>(m_window.get(), "importProgress")->isVisible());
    QCOMPARE(QApplication::focusWidget(), child<QPushButton>(m_window.get(), "importButton"));
}

void TestUsersPage::enterPressesTheFocusedButton()
{
    openWindow();
    auto* create = child<QPushButton>(m_window.get(), "createButton");
    auto* settings = child<QPushButton>(m_window.get(), "webhookSettingsButton");
    QSignalSpy createClicks(create, &QPushButton::clicked);
    QSignalSpy settingsClicks(settings, &QPushButton::clicked);
    create->setFocus();
    QTest::keyClick(create, Qt::Key_Return);
    QCOMPARE(createClicks.size(), 1);
    settings->setFocus();
    QTest::keyClick(settings, Qt::Key_Enter);
    QCOMPARE(settingsClicks.size(), 1);
    QCOMPARE(createClicks.size(), 1);
}

QTEST_MAIN(TestUsersPage)
#include "TestUsersPage.moc"
