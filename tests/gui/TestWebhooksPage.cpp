#include "DeliveriesModel.h"
#include "DeliveriesPage.h"
#include "EndpointDialog.h"
#include "GeneralSettingsWidget.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "SettingsPage.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "UserListWidget.h"
#include "UsersPage.h"
#include "WebhooksSettingsWidget.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "webhooks/Endpoint.h"
#include "webhooks/MessageTemplate.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

using GuiTest::child;

// Settings → Webhooks and its endpoint editor, driven through the real window by object name.
class TestWebhooksPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void addsTwoEndpointsWithTheirEventsAndFormats();
    void urlIsCheckedAsOneTypes();
    void digestFollowsTheFormatUntilChosen();
    void previewFollowsTheFormat();
    void previewShowsTheDefaultMessageWhenEmpty();
    void unknownPlaceholderIsRefused();
    void duplicateNameIsRefusedAndNothingIsSaved();
    void disableAndEnable();
    void deleteAsksAndRemoves();
    void mainAndEnvironmentEndpointsCannotBeDeleted();
    void pendingCountAndLastResultAreShown();
    void testAnswered410ShowsTheReasonOnTheRow();
    void deliveryAnswered410ShowsTheReasonOnTheRow();
    void duplicateCopiesEverythingButTheName();
    void generatingSecretRotatesThePreviousOne();
    void customHeadersAreMaskedAndSent();
    void editingTheMainEndpointShowsOnGeneral();
    void mnemonicsAreUnique();
    void accountEventsReachTheirEndpoints();

private:
    // The mnemonics of what is shown in root (tabs, menus, buttons, labels with a buddy), with what carries each.
    static QMultiHash<QKeySequence, QString> mnemonics(const QWidget* root);
    std::unique_ptr<MainWindow> openWindow(DeliveryService* deliveries = nullptr);
    WebhooksSettingsWidget* page(MainWindow* window) const;
    EndpointDialog* click(MainWindow* window, const char* button);
    void selectEndpoint(MainWindow* window, const QString& name);
    QString cellText(MainWindow* window, const QString& name, int column);
    qint64 addStored(Endpoint endpoint);
    static void setEvents(EndpointDialog* dialog, const QList<Event>& events);
    static void setFormat(EndpointDialog* dialog, PayloadFormat::Format format);
    static void save(EndpointDialog* dialog);

    std::unique_ptr<GuiTest::TempDatabase> m_database;
};

void TestWebhooksPage::initTestCase()
{
    GuiTest::initApplication();
}

void TestWebhooksPage::init()
{
    QSettings().clear();
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
}

void TestWebhooksPage::cleanup()
{
    qunsetenv("WEBHOOK_URL");
    m_database.reset();
}

std::unique_ptr<MainWindow> TestWebhooksPage::openWindow(DeliveryService* deliveries)
{
    auto window = std::make_unique<MainWindow>(m_database->get(), deliveries);
    window->show();
    // Active, so that keyboard shortcuts reach it.
    QApplication::setActiveWindow(window.get());
    if (!QTest::qWaitForWindowActive(window.get())) {
        qWarning("the window did not become active");
    }
    child<QTabWidget>(window.get(), "mainTabs")->setCurrentWidget(child<QWidget>(window.get(), "settingsTab"));
    child<QTabWidget>(window.get(), "settingsTabs")->setCurrentWidget(child<QWidget>(window.get(), "webhooksTab"));
    return window;
}

WebhooksSettingsWidget* TestWebhooksPage::page(MainWindow* window) const
{
    return child<WebhooksSettingsWidget>(window, "webhooksPage");
}

EndpointDialog* TestWebhooksPage::click(MainWindow* window, const char* button)
{
    QTest::mouseClick(child<QPushButton>(window, button), Qt::LeftButton);
    auto* dialog = page(window)->openDialog();
    if (dialog && !dialog->isVisible()) {
        qWarning("the endpoint dialog is not shown");
    }
    return dialog;
}

void TestWebhooksPage::selectEndpoint(MainWindow* window, const QString& name)
{
    auto* table = child<QTableWidget>(window, "endpointsTable");
    const auto found = table->findItems(name, Qt::MatchExactly);
    for (auto* item : found) {
        if (item->column() == WebhooksSettingsWidget::NameColumn) {
            table->setCurrentCell(item->row(), WebhooksSettingsWidget::NameColumn);
            table->selectRow(item->row());
            return;
        }
    }
    qWarning("no endpoint row named %s", qPrintable(name));
}

QString TestWebhooksPage::cellText(MainWindow* window, const QString& name, int column)
{
    auto* table = child<QTableWidget>(window, "endpointsTable");
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, WebhooksSettingsWidget::NameColumn)->text() == name) {
            auto* item = table->item(row, column);
            return item ? item->text() : QString();
        }
    }
    return QStringLiteral("<no row named %1>").arg(name);
}

qint64 TestWebhooksPage::addStored(Endpoint endpoint)
{
    EndpointStore store(m_database->get());
    QString error;
    if (!store.add(endpoint, &error)) {
        qWarning("cannot add the endpoint: %s", qPrintable(error));
    }
    return endpoint.id;
}

void TestWebhooksPage::setEvents(EndpointDialog* dialog, const QList<Event>& events)
{
    const auto all = Events::subscribable();
    for (const auto event : all) {
        auto key = Events::key(event);
        key.replace(QLatin1Char('.'), QLatin1Char('_'));
        const QString name = QStringLiteral("eventCheck_") + key;
        auto* check = dialog->findChild<QCheckBox*>(name);
        QVERIFY2(check, qPrintable(name));
        QCOMPARE(check->text(), Events::displayName(event));
        check->setChecked(events.contains(event));
    }
}

void TestWebhooksPage::setFormat(EndpointDialog* dialog, PayloadFormat::Format format)
{
    auto* combo = child<QComboBox>(dialog, "endpointFormatCombo");
    const int index = combo->findData(PayloadFormat::key(format));
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

void TestWebhooksPage::save(EndpointDialog* dialog)
{
    QTest::mouseClick(child<QPushButton>(dialog, "endpointSaveButton"), Qt::LeftButton);
}

void TestWebhooksPage::addsTwoEndpointsWithTheirEventsAndFormats()
{
    auto window = openWindow();
    auto* table = child<QTableWidget>(window.get(), "endpointsTable");
    // The main endpoint is always listed, with no URL yet.
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(cellText(window.get(), QStringLiteral("Main"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("No URL"));

    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Add an endpoint"));
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Alerts"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://discord.com/api/webhooks/1/token"));
    QCOMPARE(child<QLabel>(dialog, "endpointAutoFormatLabel")->text(),
             QStringLiteral("Auto uses the Discord format for this URL."));
    setEvents(dialog, { Event::UserDeleted, Event::UserDisabled });
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());

    dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Audit"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://audit.example.org/hooks/crochet"));
    setFormat(dialog, PayloadFormat::Json);
    QVERIFY(!child<QLabel>(dialog, "endpointAutoFormatLabel")->isVisible());
    child<QSpinBox>(dialog, "endpointTimeoutSpin")->setValue(30);
    setEvents(dialog, { Event::UserCreated, Event::UserUpdated });
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());

    // The main endpoint first, then by name.
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, WebhooksSettingsWidget::NameColumn)->text(), QStringLiteral("Main"));
    QCOMPARE(table->item(1, WebhooksSettingsWidget::NameColumn)->text(), QStringLiteral("Alerts"));
    QCOMPARE(table->item(2, WebhooksSettingsWidget::NameColumn)->text(), QStringLiteral("Audit"));
    QCOMPARE(cellText(window.get(), QStringLiteral("Alerts"), WebhooksSettingsWidget::HostColumn),
             QStringLiteral("discord.com"));
    QCOMPARE(cellText(window.get(), QStringLiteral("Alerts"), WebhooksSettingsWidget::FormatColumn),
             QStringLiteral("Auto (Discord)"));
    QCOMPARE(cellText(window.get(), QStringLiteral("Alerts"), WebhooksSettingsWidget::EventsColumn),
             QStringLiteral("Account disabled, Account deleted"));
    QCOMPARE(cellText(window.get(), QStringLiteral("Alerts"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("Active"));
    QCOMPARE(cellText(window.get(), QStringLiteral("Audit"), WebhooksSettingsWidget::HostColumn),
             QStringLiteral("audit.example.org"));
    QCOMPARE(cellText(window.get(), QStringLiteral("Audit"), WebhooksSettingsWidget::FormatColumn),
             QStringLiteral("JSON"));
    QCOMPARE(cellText(window.get(), QStringLiteral("Audit"), WebhooksSettingsWidget::EventsColumn),
             QStringLiteral("Account created, Account updated"));
    QTRY_COMPARE(cellText(window.get(), QStringLiteral("Audit"), WebhooksSettingsWidget::PendingColumn),
                 QStringLiteral("0"));
    QCOMPARE(cellText(window.get(), QStringLiteral("Audit"), WebhooksSettingsWidget::LastResultColumn),
             QStringLiteral("Nothing sent yet"));
    // The one just added is selected.
    QCOMPARE(page(window.get())->currentId(), EndpointStore(m_database->get()).findByName(QStringLiteral("Audit"))->id);

    const EndpointStore store(m_database->get());
    const auto alerts = store.findByName(QStringLiteral("Alerts"));
    QVERIFY(alerts);
    QCOMPARE(alerts->url, QStringLiteral("https://discord.com/api/webhooks/1/token"));
    QCOMPARE(alerts->format, PayloadFormat::Auto);
    QCOMPARE(alerts->events, (QList<Event> { Event::UserDisabled, Event::UserDeleted }));
    QCOMPARE(alerts->timeoutSeconds, Endpoint::DefaultTimeoutSeconds);
    QVERIFY(alerts->enabled);
    QVERIFY(alerts->templates.isEmpty());
    const auto audit = store.findByName(QStringLiteral("Audit"));
    QVERIFY(audit);
    QCOMPARE(audit->format, PayloadFormat::Json);
    QCOMPARE(audit->events, (QList<Event> { Event::UserCreated, Event::UserUpdated }));
    QCOMPARE(audit->timeoutSeconds, 30);

    // Each is notified of its own events only.
    QCOMPARE(EndpointStore::subscribers(m_database->get()->connection(), Event::UserDeleted).size(), 1);
    QCOMPARE(EndpointStore::subscribers(m_database->get()->connection(), Event::UserDeleted).first().name,
             QStringLiteral("Alerts"));
    QCOMPARE(EndpointStore::subscribers(m_database->get()->connection(), Event::UserUpdated).first().name,
             QStringLiteral("Audit"));
}

void TestWebhooksPage::digestFollowsTheFormatUntilChosen()
{
    auto window = openWindow();
    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    auto* check = child<QCheckBox>(dialog, "endpointDigestCheck");
    auto* spin = child<QSpinBox>(dialog, "endpointDigestWindowSpin");
    auto* hint = child<QLabel>(dialog, "endpointDigestHintLabel");
    auto* url = child<QLineEdit>(dialog, "endpointUrlEdit");
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Chat"));
    url->setText(QStringLiteral("https://discord.com/api/webhooks/1/token"));
    QVERIFY(check->isChecked());
    QVERIFY(spin->isEnabled());
    QCOMPARE(spin->value(), Endpoint::DefaultDigestWindowSeconds);
    QCOMPARE(spin->minimum(), Endpoint::MinimumDigestWindowSeconds);
    QCOMPARE(spin->maximum(), Endpoint::MaximumDigestWindowSeconds);
    QVERIFY2(hint->text().contains(QLatin1String("one message listing the accounts")), qPrintable(hint->text()));
    QVERIFY(hint->text().contains(QLatin1String("The default for chat services")));
    // Auto on another host is JSON: one request per event.
    url->setText(QStringLiteral("https://audit.example.org/hook"));
    QVERIFY(!check->isChecked());
    QVERIFY(!spin->isEnabled());
    QVERIFY(hint->text().startsWith(QLatin1String("One message per notification.")));
    setFormat(dialog, PayloadFormat::Slack);
    QVERIFY(check->isChecked());
    // The administrator's click is a choice the format no longer changes.
    check->click();
    QVERIFY(!check->isChecked());
    setFormat(dialog, PayloadFormat::Discord);
    QVERIFY(!check->isChecked());
    QVERIFY(!hint->text().contains(QLatin1String("default")));
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    const EndpointStore store(m_database->get());
    QCOMPARE(store.findByName(QStringLiteral("Chat"))->digest, std::optional<bool>(false));

    dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Audit"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://audit.example.org/hook"));
    child<QCheckBox>(dialog, "endpointDigestCheck")->click();
    child<QSpinBox>(dialog, "endpointDigestWindowSpin")->setValue(3);
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    const auto audit = store.findByName(QStringLiteral("Audit"));
    QCOMPARE(audit->digest, std::optional<bool>(true));
    QCOMPARE(audit->digestWindowSeconds, 3);
    QVERIFY(audit->digests());
    // A new Discord endpoint left alone keeps the format's default.
    dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Team"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://hooks.slack.com/services/T/B/x"));
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(store.findByName(QStringLiteral("Team"))->digest, std::optional<bool>());
    QVERIFY(store.findByName(QStringLiteral("Team"))->digests());
}

void TestWebhooksPage::urlIsCheckedAsOneTypes()
{
    auto window = openWindow();
    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    auto* url = child<QLineEdit>(dialog, "endpointUrlEdit");
    auto* message = child<QLabel>(dialog, "endpointUrlMessageLabel");
    QTest::keyClicks(url, QStringLiteral("discord.com/api/webhooks/1/x"));
    QCOMPARE(message->text(),
             QStringLiteral(
                 "The URL must start with https:// or http://: did you mean https://discord.com/api/webhooks/1/x?"));
    QCOMPARE(message->property("feedback").toString(), QStringLiteral("error"));
    url->clear();
    QTest::keyClicks(url, QStringLiteral("https://discord.com/api/webhooks/1/x"));
    QVERIFY(!message->isVisible());

    // Refused on save with the same sentence, and nothing is written.
    url->setText(QStringLiteral("ftp://example.org/hook"));
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Files"));
    save(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(child<QLabel>(dialog, "endpointErrorLabel")->text(),
             QStringLiteral("Only http and https URLs are supported, not \"ftp\"."));
    QCOMPARE(EndpointStore(m_database->get()).list().size(), 1);
}

void TestWebhooksPage::previewFollowsTheFormat()
{
    auto window = openWindow();
    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://discord.com/api/webhooks/1/token"));
    QCOMPARE(dialog->templateEvent(), Event::UserCreated);
    auto* edit = child<QPlainTextEdit>(dialog, "templateEdit");
    edit->setPlainText(QStringLiteral("Welcome *{name}* <{email}>"));
    auto* preview = child<QPlainTextEdit>(dialog, "previewEdit");
    auto* caption = child<QLabel>(dialog, "previewShapeLabel");

    // Auto picks Discord for this URL: the values are escaped for Discord, the template is not.
    QCOMPARE(caption->text(),
             QStringLiteral("The body posted in the Discord format (application/json), with a sample account:"));
    QCOMPARE(preview->toPlainText(),
             QStringLiteral("{\n"
                            "    \"allowed_mentions\": {\n"
                            "        \"parse\": [\n"
                            "        ]\n"
                            "    },\n"
                            "    \"content\": \"Welcome *Ada Lovelace* <ada@example.org>\"\n"
                            "}"));

    setFormat(dialog, PayloadFormat::Slack);
    QCOMPARE(caption->text(),
             QStringLiteral("The body posted in the Slack format (application/json), with a sample account:"));
    QCOMPARE(preview->toPlainText(),
             QStringLiteral("{\n"
                            "    \"mrkdwn\": false,\n"
                            "    \"text\": \"Welcome *Ada Lovelace* <ada@example.org>\"\n"
                            "}"));

    setFormat(dialog, PayloadFormat::Json);
    QCOMPARE(preview->toPlainText(),
             QStringLiteral("{\n"
                            "    \"action\": \"signup\",\n"
                            "    \"event\": \"user.created\",\n"
                            "    \"message\": \"Welcome *Ada Lovelace* <ada@example.org>\",\n"
                            "    \"user\": {\n"
                            "        \"created_at\": \"2026-11-26T09:30:00Z\",\n"
                            "        \"email\": \"ada@example.org\",\n"
                            "        \"id\": \"0b9f3c1e-7d2a-4e5b-9c8d-1a2b3c4d5e6f\",\n"
                            "        \"name\": \"Ada Lovelace\",\n"
                            "        \"role\": \"user\"\n"
                            "    }\n"
                            "}"));

    setFormat(dialog, PayloadFormat::PlainText);
    QCOMPARE(caption->text(),
             QStringLiteral("The body posted in the Plain text format (text/plain; charset=utf-8), "
                            "with a sample account:"));
    QCOMPARE(preview->toPlainText(), QStringLiteral("Welcome *Ada Lovelace* <ada@example.org>"));

    // Another event shows its own message and payload.
    auto* events = child<QComboBox>(dialog, "templateEventCombo");
    events->setCurrentIndex(events->findData(QStringLiteral("user.deleted")));
    QCOMPARE(edit->toPlainText(), QString());
    QCOMPARE(edit->placeholderText(), MessageTemplate::defaultText(Event::UserDeleted));
    edit->setPlainText(QStringLiteral("{event}: {name}"));
    QCOMPARE(preview->toPlainText(), QStringLiteral("Account deleted: Ada Lovelace"));
    // The first event kept its message.
    events->setCurrentIndex(events->findData(QStringLiteral("user.created")));
    QCOMPARE(edit->toPlainText(), QStringLiteral("Welcome *{name}* <{email}>"));
}

void TestWebhooksPage::previewShowsTheDefaultMessageWhenEmpty()
{
    auto window = openWindow();
    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://hooks.slack.com/services/T/B/x"));
    auto* edit = child<QPlainTextEdit>(dialog, "templateEdit");
    QCOMPARE(edit->toPlainText(), QString());
    QCOMPARE(edit->placeholderText(), QStringLiteral("New user signed up: {name}"));
    QCOMPARE(child<QLabel>(dialog, "templateMessageLabel")->text(),
             QStringLiteral("Empty: the default message, shown in grey, is sent."));
    QCOMPARE(child<QPlainTextEdit>(dialog, "previewEdit")->toPlainText(),
             QStringLiteral("{\n    \"mrkdwn\": false,\n    \"text\": \"New user signed up: Ada Lovelace\"\n}"));
    QVERIFY(child<QLabel>(dialog, "placeholdersLabel")
                ->text()
                .contains(MessageTemplate::placeholders().join(QStringLiteral(", "))));
}

void TestWebhooksPage::unknownPlaceholderIsRefused()
{
    auto window = openWindow();
    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Typo"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://example.org/hook"));
    auto* events = child<QComboBox>(dialog, "templateEventCombo");
    events->setCurrentIndex(events->findData(QStringLiteral("user.updated")));
    child<QPlainTextEdit>(dialog, "templateEdit")->setPlainText(QStringLiteral("Changed: {nickname}"));
    const auto problem = QStringLiteral("Unknown placeholder {nickname}: use {name}, {email}, {role}, {id}, "
                                        "{created_at}, {changes}, {event}, or {{ and }} for braces of their own.");
    auto* message = child<QLabel>(dialog, "templateMessageLabel");
    QCOMPARE(message->text(), problem);
    QCOMPARE(message->property("feedback").toString(), QStringLiteral("error"));

    // Saving from another tab and another event goes back to the message in error.
    events->setCurrentIndex(events->findData(QStringLiteral("user.created")));
    auto* tabs = child<QTabWidget>(dialog, "endpointTabs");
    tabs->setCurrentIndex(0);
    save(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(tabs->currentWidget(), child<QWidget>(dialog, "messagesTab"));
    QCOMPARE(dialog->templateEvent(), Event::UserUpdated);
    QCOMPARE(child<QLabel>(dialog, "endpointErrorLabel")->text(),
             QStringLiteral("The message for \"Account updated\": ") + problem);
    QVERIFY(!EndpointStore(m_database->get()).findByName(QStringLiteral("Typo")));

    // An unbalanced brace too.
    child<QPlainTextEdit>(dialog, "templateEdit")->setPlainText(QStringLiteral("Changed: {name"));
    QCOMPARE(message->text(),
             QStringLiteral("The brace at position 10 (\"{name\") is never closed: write {{ for a brace of its own."));

    child<QPlainTextEdit>(dialog, "templateEdit")->setPlainText(QStringLiteral("Changed: {name} ({changes})"));
    QVERIFY(!message->isVisible());
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    const auto saved = EndpointStore(m_database->get()).findByName(QStringLiteral("Typo"));
    QVERIFY(saved);
    QCOMPARE(saved->templates.value(Event::UserUpdated), QStringLiteral("Changed: {name} ({changes})"));
    QVERIFY(!saved->templates.contains(Event::UserCreated));
}

void TestWebhooksPage::duplicateNameIsRefusedAndNothingIsSaved()
{
    Endpoint existing;
    existing.name = QStringLiteral("Ops");
    existing.url = QStringLiteral("https://example.org/ops");
    QVERIFY(addStored(existing) > 0);
    auto window = openWindow();
    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("ops"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://example.org/other"));
    save(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(child<QLabel>(dialog, "endpointErrorLabel")->text(),
             QStringLiteral("An endpoint named \"ops\" already exists."));
    QCOMPARE(EndpointStore(m_database->get()).list().size(), 2);

    // Cancel leaves everything as it was.
    QTest::mouseClick(child<QPushButton>(dialog, "endpointCancelButton"), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(child<QTableWidget>(window.get(), "endpointsTable")->rowCount(), 2);
}

void TestWebhooksPage::disableAndEnable()
{
    Endpoint endpoint;
    endpoint.name = QStringLiteral("Ops");
    endpoint.url = QStringLiteral("https://example.org/ops");
    const auto id = addStored(endpoint);
    auto window = openWindow();
    selectEndpoint(window.get(), QStringLiteral("Ops"));
    auto* toggle = child<QPushButton>(window.get(), "toggleEndpointButton");
    QCOMPARE(toggle->text(), QStringLiteral("Disa&ble"));

    QTest::mouseClick(toggle, Qt::LeftButton);
    QCOMPARE(cellText(window.get(), QStringLiteral("Ops"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("Disabled"));
    QVERIFY(!EndpointStore(m_database->get()).find(id)->enabled);
    QCOMPARE(toggle->text(), QStringLiteral("Ena&ble"));
    QCOMPARE(page(window.get())->currentId(), id);
    // Nothing is written for a disabled endpoint.
    QVERIFY(EndpointStore::subscribers(m_database->get()->connection(), Event::UserCreated).isEmpty());

    QTest::mouseClick(toggle, Qt::LeftButton);
    QCOMPARE(cellText(window.get(), QStringLiteral("Ops"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("Active"));
    QVERIFY(EndpointStore(m_database->get()).find(id)->enabled);
    QCOMPARE(toggle->text(), QStringLiteral("Disa&ble"));
}

void TestWebhooksPage::deleteAsksAndRemoves()
{
    Endpoint endpoint;
    endpoint.name = QStringLiteral("Old");
    endpoint.url = QStringLiteral("https://example.org/old");
    const auto id = addStored(endpoint);
    QVERIFY(!TestFixtures::createNotifiedUser(m_database->get(), QStringLiteral("a@example.org")).isEmpty());
    QVERIFY(!TestFixtures::createNotifiedUser(m_database->get(), QStringLiteral("b@example.org")).isEmpty());
    auto window = openWindow();
    QTRY_COMPARE(cellText(window.get(), QStringLiteral("Old"), WebhooksSettingsWidget::PendingColumn),
                 QStringLiteral("2"));
    selectEndpoint(window.get(), QStringLiteral("Old"));
    auto* remove = child<QPushButton>(window.get(), "deleteEndpointButton");
    QVERIFY(remove->isEnabled());

    // The Delete key asks; Cancel keeps it.
    auto* table = child<QTableWidget>(window.get(), "endpointsTable");
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    auto* box = window->findChild<QMessageBox*>(QStringLiteral("deleteEndpointDialog"));
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Delete the endpoint \"Old\"?"));
    QCOMPARE(box->informativeText(),
             QStringLiteral("Notifications to it still pending: 2. They will not be sent: they "
                            "are marked failed. Its delivery history stays."));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!window->findChild<QMessageBox*>(QStringLiteral("deleteEndpointDialog")));
    QVERIFY(EndpointStore(m_database->get()).find(id));
    QCOMPARE(table->rowCount(), 2);

    // The button asks too; confirming removes it.
    QTest::mouseClick(remove, Qt::LeftButton);
    box = window->findChild<QMessageBox*>(QStringLiteral("deleteEndpointDialog"));
    QVERIFY(box);
    QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("confirmDeleteButton")), Qt::LeftButton);
    QTRY_COMPARE(child<QTableWidget>(window.get(), "endpointsTable")->rowCount(), 1);
    QVERIFY(!EndpointStore(m_database->get()).find(id));
    QCOMPARE(child<QLabel>(window.get(), "webhooksMessageLabel")->text(), QStringLiteral("Endpoint \"Old\" deleted."));
    const Outbox outbox(m_database->get());
    QCOMPARE(outbox.count(Outbox::State::Pending), 0);
    QCOMPARE(outbox.count(Outbox::State::Failed), 2);
}

void TestWebhooksPage::mainAndEnvironmentEndpointsCannotBeDeleted()
{
    qputenv("WEBHOOK_URL", "https://env.example.org/hook");
    auto window = openWindow();
    auto* table = child<QTableWidget>(window.get(), "endpointsTable");
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(1, WebhooksSettingsWidget::NameColumn)->text(), QStringLiteral("WEBHOOK_URL"));
    QCOMPARE(cellText(window.get(), QStringLiteral("WEBHOOK_URL"), WebhooksSettingsWidget::HostColumn),
             QStringLiteral("env.example.org"));
    QCOMPARE(cellText(window.get(), QStringLiteral("WEBHOOK_URL"), WebhooksSettingsWidget::EventsColumn),
             QStringLiteral("Account created"));
    auto* remove = child<QPushButton>(window.get(), "deleteEndpointButton");

    selectEndpoint(window.get(), QStringLiteral("Main"));
    QVERIFY(!remove->isEnabled());
    QCOMPARE(
        remove->toolTip(),
        QStringLiteral("The main endpoint cannot be deleted: clear its URL in Settings → General, or disable it."));
    QVERIFY(child<QPushButton>(window.get(), "editEndpointButton")->isEnabled());

    selectEndpoint(window.get(), QStringLiteral("WEBHOOK_URL"));
    QVERIFY(!remove->isEnabled());
    QCOMPARE(remove->toolTip(),
             QStringLiteral("This endpoint comes from the environment variable WEBHOOK_URL: unset "
                            "the variable to remove it."));
    QVERIFY(!child<QPushButton>(window.get(), "editEndpointButton")->isEnabled());
    QVERIFY(!child<QPushButton>(window.get(), "toggleEndpointButton")->isEnabled());
    QVERIFY(child<QPushButton>(window.get(), "duplicateEndpointButton")->isEnabled());
    QVERIFY(child<QPushButton>(window.get(), "testEndpointButton")->isEnabled());
    // The Delete key does nothing either.
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Delete);
    QVERIFY(!window->findChild<QMessageBox*>(QStringLiteral("deleteEndpointDialog")));
}

void TestWebhooksPage::pendingCountAndLastResultAreShown()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(204);
    Endpoint endpoint;
    endpoint.name = QStringLiteral("Hook");
    endpoint.url = receiver.url().toString();
    addStored(endpoint);
    QVERIFY(!TestFixtures::createNotifiedUser(m_database->get(), QStringLiteral("a@example.org")).isEmpty());

    DeliveryService deliveries(m_database->get());
    auto window = openWindow(&deliveries);
    QTRY_COMPARE(cellText(window.get(), QStringLiteral("Hook"), WebhooksSettingsWidget::PendingColumn),
                 QStringLiteral("1"));
    deliveries.start();
    QTRY_COMPARE_WITH_TIMEOUT(receiver.count(), 1, 30000);
    // The worker's report refreshes the row.
    QTRY_COMPARE(cellText(window.get(), QStringLiteral("Hook"), WebhooksSettingsWidget::PendingColumn),
                 QStringLiteral("0"));
    QTRY_VERIFY2(cellText(window.get(), QStringLiteral("Hook"), WebhooksSettingsWidget::LastResultColumn)
                     .startsWith(QStringLiteral("Delivered: HTTP 204 in ")),
                 qPrintable(cellText(window.get(), QStringLiteral("Hook"), WebhooksSettingsWidget::LastResultColumn)));
    deliveries.stop();
}

void TestWebhooksPage::testAnswered410ShowsTheReasonOnTheRow()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(410);
    Endpoint endpoint;
    endpoint.name = QStringLiteral("Removed");
    endpoint.url = receiver.url().toString();
    const auto id = addStored(endpoint);
    auto window = openWindow();
    selectEndpoint(window.get(), QStringLiteral("Removed"));
    auto* test = child<QPushButton>(window.get(), "testEndpointButton");
    QVERIFY(test->isEnabled());
    QSignalSpy finished(page(window.get()), &WebhooksSettingsWidget::testFinished);
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(!test->isEnabled());
    QVERIFY(finished.wait(30000));
    QCOMPARE(receiver.count(), 1);
    QCOMPARE(receiver.requests().first().header("content-type"), QByteArray("application/json"));

    const auto stored = EndpointStore(m_database->get()).find(id);
    QVERIFY(stored->goneAt.isValid());
    QCOMPARE(cellText(window.get(), QStringLiteral("Removed"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("Disabled after HTTP 410"));
    auto* table = child<QTableWidget>(window.get(), "endpointsTable");
    const int row = page(window.get())->rowOf(id);
    QCOMPARE(table->item(row, WebhooksSettingsWidget::StateColumn)->toolTip(), stored->holdReason());
    QCOMPARE(table->item(row, WebhooksSettingsWidget::LastResultColumn)->text(),
             QStringLiteral("Test: HTTP 410: this webhook was deleted on the service. Create a new webhook there and "
                            "use its URL."));
    auto* warning = child<QLabel>(window.get(), "webhooksWarningLabel");
    QVERIFY(warning->isVisible());
    QCOMPARE(warning->text(),
             QStringLiteral("Disabled after HTTP 410 (the webhook no longer exists on the service): "
                            "Removed. Edit it to set a new URL, or enable it again."));
    // The status bar says the same.
    QVERIFY(child<QLabel>(window.get(), "webhookWarningLabel")
                ->text()
                .endsWith(QStringLiteral(": Removed. Set a new URL in Settings.")));

    // The endpoint exists again: a delivered test lifts the mark.
    receiver.setStatus(204);
    QTest::mouseClick(test, Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY(!EndpointStore(m_database->get()).find(id)->goneAt.isValid());
    QCOMPARE(cellText(window.get(), QStringLiteral("Removed"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("Active"));
    QVERIFY(!warning->isVisible());
    QVERIFY(!child<QLabel>(window.get(), "webhookWarningLabel")->isVisible());
}

void TestWebhooksPage::deliveryAnswered410ShowsTheReasonOnTheRow()
{
    TestReceiver gone;
    QVERIFY(gone.listen());
    gone.setStatus(410);
    TestReceiver alive;
    QVERIFY(alive.listen());
    alive.setStatus(204);
    Endpoint first;
    first.name = QStringLiteral("Gone");
    first.url = gone.url().toString();
    const auto goneId = addStored(first);
    Endpoint second;
    second.name = QStringLiteral("Alive");
    second.url = alive.url().toString();
    addStored(second);

    DeliveryService deliveries(m_database->get());
    auto window = openWindow(&deliveries);
    deliveries.start();
    QVERIFY(!TestFixtures::createNotifiedUser(m_database->get(), QStringLiteral("a@example.org")).isEmpty());
    deliveries.wake();
    QTRY_COMPARE_WITH_TIMEOUT(cellText(window.get(), QStringLiteral("Gone"), WebhooksSettingsWidget::StateColumn),
                              QStringLiteral("Disabled after HTTP 410"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(alive.count(), 1, 30000);
    // Only that endpoint stops.
    QCOMPARE(cellText(window.get(), QStringLiteral("Alive"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("Active"));
    auto* table = child<QTableWidget>(window.get(), "endpointsTable");
    QCOMPARE(table->item(page(window.get())->rowOf(goneId), WebhooksSettingsWidget::StateColumn)->toolTip(),
             EndpointStore(m_database->get()).find(goneId)->holdReason());
    QVERIFY(child<QLabel>(window.get(), "webhooksWarningLabel")->text().contains(QStringLiteral("service): Gone.")));

    // Enabling it again is the administrator's answer.
    selectEndpoint(window.get(), QStringLiteral("Gone"));
    auto* toggle = child<QPushButton>(window.get(), "toggleEndpointButton");
    QCOMPARE(toggle->text(), QStringLiteral("Ena&ble"));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QCOMPARE(cellText(window.get(), QStringLiteral("Gone"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("Active"));
    QVERIFY(!EndpointStore(m_database->get()).find(goneId)->goneAt.isValid());
    deliveries.stop();
}

void TestWebhooksPage::duplicateCopiesEverythingButTheName()
{
    Endpoint source;
    source.name = QStringLiteral("Source");
    source.url = QStringLiteral("https://hooks.slack.com/services/T0/B0/secret");
    source.format = PayloadFormat::Slack;
    source.timeoutSeconds = 42;
    source.enabled = false;
    source.events = { Event::UserCreated, Event::UserDeleted };
    source.templates.insert(Event::UserDeleted, QStringLiteral("Gone: {name} ({email})"));
    source.rotateSecret();
    source.rotateSecret();
    source.headers = { { QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer s3cr3t") } };
    const auto sourceId = addStored(source);
    const auto stored = EndpointStore(m_database->get()).find(sourceId);
    QVERIFY(stored);

    auto window = openWindow();
    selectEndpoint(window.get(), QStringLiteral("Source"));
    auto* dialog = click(window.get(), "duplicateEndpointButton");
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Duplicate an endpoint"));
    auto* name = child<QLineEdit>(dialog, "endpointNameEdit");
    QCOMPARE(name->text(), QStringLiteral("Source (copy)"));
    QCOMPARE(child<QLineEdit>(dialog, "endpointUrlEdit")->text(), stored->url);
    QCOMPARE(child<QSpinBox>(dialog, "endpointTimeoutSpin")->value(), 42);
    QVERIFY(!child<QCheckBox>(dialog, "endpointEnabledCheck")->isChecked());
    QVERIFY(child<QCheckBox>(dialog, "eventCheck_user_deleted")->isChecked());
    QVERIFY(!child<QCheckBox>(dialog, "eventCheck_user_updated")->isChecked());
    QCOMPARE(child<QTableWidget>(dialog, "headersTable")->item(0, 1)->text(), QStringLiteral("••••"));
    name->setText(QStringLiteral("Copy"));
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());

    const auto copy = EndpointStore(m_database->get()).findByName(QStringLiteral("Copy"));
    QVERIFY(copy);
    QVERIFY(copy->id != sourceId);
    QVERIFY(!copy->main);
    QCOMPARE(copy->url, stored->url);
    QCOMPARE(copy->format, stored->format);
    QCOMPARE(copy->timeoutSeconds, stored->timeoutSeconds);
    QCOMPARE(copy->enabled, stored->enabled);
    QCOMPARE(copy->events, stored->events);
    QCOMPARE(copy->templates, stored->templates);
    QCOMPARE(copy->signingSecret, stored->signingSecret);
    QCOMPARE(copy->previousSigningSecret, stored->previousSigningSecret);
    QCOMPARE(copy->previousSecretExpiresAt, stored->previousSecretExpiresAt);
    QCOMPARE(copy->headers, stored->headers);
    // The source is untouched.
    QCOMPARE(EndpointStore(m_database->get()).find(sourceId)->name, QStringLiteral("Source"));
    QCOMPARE(child<QTableWidget>(window.get(), "endpointsTable")->rowCount(), 3);
}

void TestWebhooksPage::generatingSecretRotatesThePreviousOne()
{
    auto window = openWindow();
    selectEndpoint(window.get(), QStringLiteral("Main"));
    auto* dialog = click(window.get(), "editEndpointButton");
    QVERIFY(dialog);
    child<QTabWidget>(dialog, "endpointTabs")->setCurrentWidget(child<QWidget>(dialog, "endpointSecurityTab"));
    auto* edit = child<QLineEdit>(dialog, "signingSecretEdit");
    auto* generate = child<QPushButton>(dialog, "generateSecretButton");
    auto* status = child<QLabel>(dialog, "secretStatusLabel");
    QVERIFY(edit->isReadOnly());
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QVERIFY(!child<QPushButton>(dialog, "clearSecretButton")->isEnabled());
    QCOMPARE(status->text(), QStringLiteral("Requests are not signed."));
    QCOMPARE(generate->text(), QStringLiteral("Gene&rate a secret"));

    QTest::mouseClick(generate, Qt::LeftButton);
    const auto first = edit->text();
    QVERIFY(first.startsWith(QStringLiteral("whsec_")));
    // Nothing is written before Save.
    QCOMPARE(EndpointStore(m_database->get()).main().signingSecret, QString());
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(EndpointStore(m_database->get()).main().signingSecret, first);
    QCOMPARE(EndpointStore(m_database->get()).main().previousSigningSecret, QString());

    dialog = click(window.get(), "editEndpointButton");
    QVERIFY(dialog);
    generate = child<QPushButton>(dialog, "generateSecretButton");
    edit = child<QLineEdit>(dialog, "signingSecretEdit");
    QCOMPARE(edit->text(), first);
    QCOMPARE(generate->text(), QStringLiteral("Rotat&e the secret"));
    QTest::mouseClick(generate, Qt::LeftButton);
    const auto second = edit->text();
    QVERIFY(second.startsWith(QStringLiteral("whsec_")));
    QVERIFY(second != first);
    QVERIFY(child<QLabel>(dialog, "secretStatusLabel")
                ->text()
                .contains(QStringLiteral("The previous secret keeps signing alongside it until ")));
    auto* show = child<QPushButton>(dialog, "showSecretButton");
    QTest::mouseClick(show, Qt::LeftButton);
    QCOMPARE(edit->echoMode(), QLineEdit::Normal);
    QTest::mouseClick(show, Qt::LeftButton);
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    auto main = EndpointStore(m_database->get()).main();
    QCOMPARE(main.signingSecret, second);
    QCOMPARE(main.previousSigningSecret, first);
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(main.previousSecretExpiresAt)
                 - Endpoint::PreviousSecretHours * 3600)
            < 60);

    dialog = click(window.get(), "editEndpointButton");
    QVERIFY(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "clearSecretButton"), Qt::LeftButton);
    QCOMPARE(child<QLineEdit>(dialog, "signingSecretEdit")->text(), QString());
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    main = EndpointStore(m_database->get()).main();
    QCOMPARE(main.signingSecret, QString());
    QCOMPARE(main.previousSigningSecret, QString());
}

void TestWebhooksPage::customHeadersAreMaskedAndSent()
{
    TestReceiver receiver;
    QVERIFY(receiver.listen());
    receiver.setStatus(200);
    auto window = openWindow();
    selectEndpoint(window.get(), QStringLiteral("Main"));
    auto* dialog = click(window.get(), "editEndpointButton");
    QVERIFY(dialog);
    child<QTabWidget>(dialog, "endpointTabs")->setCurrentWidget(child<QWidget>(dialog, "endpointSecurityTab"));
    auto* table = child<QTableWidget>(dialog, "headersTable");
    QTest::mouseClick(child<QPushButton>(dialog, "addHeaderButton"), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 1);
    table->item(0, 0)->setText(QStringLiteral("Authorization"));
    table->item(0, 1)->setText(QStringLiteral("Bearer s3cr3t"));

    // A header Crochet sets itself is refused, and nothing is saved.
    QTest::mouseClick(child<QPushButton>(dialog, "addHeaderButton"), Qt::LeftButton);
    table->item(1, 0)->setText(QStringLiteral("webhook-id"));
    const auto problem = child<QLabel>(dialog, "headersMessageLabel")->text();
    QVERIFY(problem.startsWith(QStringLiteral("Line 2: ")));
    child<QTabWidget>(dialog, "endpointTabs")->setCurrentIndex(0);
    save(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(child<QTabWidget>(dialog, "endpointTabs")->currentWidget(), child<QWidget>(dialog, "endpointSecurityTab"));
    QCOMPARE(child<QLabel>(dialog, "endpointErrorLabel")->text(), problem);
    QVERIFY(EndpointStore(m_database->get()).main().headers.isEmpty());

    table->setCurrentCell(1, 0);
    QTest::mouseClick(child<QPushButton>(dialog, "removeHeaderButton"), Qt::LeftButton);
    QVERIFY(!child<QLabel>(dialog, "headersMessageLabel")->isVisible());
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    const auto headers = EndpointStore(m_database->get()).main().headers;
    QCOMPARE(headers.size(), 1);
    QCOMPARE(headers.first().first, QByteArray("Authorization"));
    QCOMPARE(headers.first().second, QByteArray("Bearer s3cr3t"));

    dialog = click(window.get(), "editEndpointButton");
    QVERIFY(dialog);
    table = child<QTableWidget>(dialog, "headersTable");
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Authorization"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("••••"));
    // Saving other changes keeps the masked value as it is stored.
    child<QSpinBox>(dialog, "endpointTimeoutSpin")->setValue(12);
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(EndpointStore(m_database->get()).main().headers.first().second, QByteArray("Bearer s3cr3t"));

    // The General page's test carries the saved header.
    child<QTabWidget>(window.get(), "settingsTabs")->setCurrentWidget(child<QWidget>(window.get(), "generalTab"));
    auto* url = child<QLineEdit>(window.get(), "webhookUrlEdit");
    url->setText(receiver.url().toString());
    QTest::mouseClick(child<QPushButton>(window.get(), "testButton"), Qt::LeftButton);
    QTRY_COMPARE(receiver.count(), 1);
    QCOMPARE(receiver.requests().first().header("authorization"), QByteArray("Bearer s3cr3t"));
}

void TestWebhooksPage::editingTheMainEndpointShowsOnGeneral()
{
    auto window = openWindow();
    auto* generalUrl = child<QLineEdit>(window.get(), "webhookUrlEdit");
    QCOMPARE(generalUrl->text(), QString());
    selectEndpoint(window.get(), QStringLiteral("Main"));
    auto* dialog = click(window.get(), "editEndpointButton");
    QVERIFY(dialog);
    QCOMPARE(child<QLineEdit>(dialog, "endpointNameEdit")->text(), QStringLiteral("Main"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(QStringLiteral("https://example.org/main"));
    setFormat(dialog, PayloadFormat::PlainText);
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(generalUrl->text(), QStringLiteral("https://example.org/main"));
    QCOMPARE(child<QComboBox>(window.get(), "formatCombo")->currentData().toString(), QStringLiteral("text"));
    QVERIFY(!window->settingsPage()->general()->hasUnsavedChanges());
    QCOMPARE(cellText(window.get(), QStringLiteral("Main"), WebhooksSettingsWidget::StateColumn),
             QStringLiteral("Active"));

    // And the other way round.
    child<QTabWidget>(window.get(), "settingsTabs")->setCurrentWidget(child<QWidget>(window.get(), "generalTab"));
    generalUrl->setText(QStringLiteral("https://other.example.org/hook"));
    QVERIFY(window->settingsPage()->general()->saveSettings());
    QCOMPARE(cellText(window.get(), QStringLiteral("Main"), WebhooksSettingsWidget::HostColumn),
             QStringLiteral("other.example.org"));
}

QMultiHash<QKeySequence, QString> TestWebhooksPage::mnemonics(const QWidget* root)
{
    QMultiHash<QKeySequence, QString> found;
    const auto add = [&found](const QString& text) {
        const auto key = QKeySequence::mnemonic(text);
        if (!key.isEmpty()) {
            found.insert(key, text);
        }
    };
    const auto tabWidgets = root->findChildren<QTabWidget*>();
    for (auto* tabs : tabWidgets) {
        if (tabs->isVisible()) {
            for (int i = 0; i < tabs->count(); ++i) {
                add(tabs->tabText(i));
            }
        }
    }
    const auto menus = root->findChildren<QMenu*>();
    for (auto* menu : menus) {
        add(menu->title());
    }
    const auto buttons = root->findChildren<QAbstractButton*>();
    for (auto* button : buttons) {
        if (button->isVisible()) {
            add(button->text());
        }
    }
    const auto labels = root->findChildren<QLabel*>();
    for (auto* label : labels) {
        if (label->isVisible() && label->buddy()) {
            add(label->text());
        }
    }
    return found;
}

// Every Alt+key of the Webhooks page, and of each tab of the editor, does one thing.
void TestWebhooksPage::mnemonicsAreUnique()
{
    auto window = openWindow();
    const auto check = [](const QMultiHash<QKeySequence, QString>& found) {
        for (const auto& key : found.uniqueKeys()) {
            const auto texts = found.values(key);
            QVERIFY2(texts.size() == 1, qPrintable(texts.join(QStringLiteral(" / "))));
        }
    };
    const auto onPage = mnemonics(window.get());
    QVERIFY(onPage.contains(QKeySequence(Qt::ALT | Qt::Key_A)));
    check(onPage);
    if (QTest::currentTestFailed()) {
        return;
    }
    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    auto* tabs = child<QTabWidget>(dialog, "endpointTabs");
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        const auto inDialog = mnemonics(dialog);
        QVERIFY(inDialog.size() >= 5);
        check(inDialog);
        if (QTest::currentTestFailed()) {
            return;
        }
    }
}

// Issue 9, end to end through the window: two endpoints added on the Webhooks page with different events; an account
// created with the form, edited and deleted from the Users list; each loopback receiver gets exactly the events its
// endpoint subscribed to, and nothing else.
void TestWebhooksPage::accountEventsReachTheirEndpoints()
{
    TestReceiver audit;
    QVERIFY(audit.listen());
    TestReceiver alerts;
    QVERIFY(alerts.listen());
    DeliveryService deliveries(m_database->get());
    deliveries.start();
    auto window = openWindow(&deliveries);

    auto* dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Audit"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(audit.url(QStringLiteral("/audit")).toString());
    setFormat(dialog, PayloadFormat::Json);
    setEvents(dialog, { Event::UserCreated, Event::UserUpdated });
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());
    dialog = click(window.get(), "addEndpointButton");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "endpointNameEdit")->setText(QStringLiteral("Alerts"));
    child<QLineEdit>(dialog, "endpointUrlEdit")->setText(alerts.url(QStringLiteral("/alerts")).toString());
    setFormat(dialog, PayloadFormat::Json);
    setEvents(dialog, { Event::UserDeleted });
    save(dialog);
    QTRY_VERIFY(!dialog->isVisible());

    // Created with the form.
    child<QTabWidget>(window.get(), "mainTabs")->setCurrentWidget(child<QWidget>(window.get(), "usersTab"));
    for (const auto& [field, text] : { std::pair { "nameEdit", QStringLiteral("Ada") },
                                       std::pair { "emailEdit", QStringLiteral("ada@example.org") },
                                       std::pair { "passwordEdit", QStringLiteral("correct horse") },
                                       std::pair { "confirmEdit", QStringLiteral("correct horse") } }) {
        QTest::keyClicks(child<QLineEdit>(window.get(), field), text);
    }
    QTest::mouseClick(child<QPushButton>(window.get(), "createButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(audit.count(), 1, 30000);

    const auto events = [](const TestReceiver& receiver) {
        QStringList list;
        for (const auto& request : receiver.requests()) {
            list << QJsonDocument::fromJson(request.body).object().value(QStringLiteral("event")).toString();
        }
        return list;
    };
    // Edited from the list's actions.
    auto* list = window->usersPage()->userList();
    QTRY_COMPARE(list->view()->model()->rowCount(), 1);
    list->view()->selectRow(0);
    QCOMPARE(list->selectedUsers().size(), 1);
    child<QAction>(window.get(), "editUserAction")->trigger();
    auto* edit = child<QDialog>(window.get(), "userEditDialog");
    QVERIFY(edit);
    child<QLineEdit>(edit, "nameEdit")->setText(QStringLiteral("Ada Lovelace"));
    QTest::mouseClick(child<QPushButton>(edit, "saveButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(audit.count(), 2, 30000);
    const auto update = QJsonDocument::fromJson(audit.requests().at(1).body).object();
    QCOMPARE(update.value(QStringLiteral("changes")).toObject().value(QStringLiteral("name")).toObject(),
             (QJsonObject { { QStringLiteral("from"), QStringLiteral("Ada") },
                            { QStringLiteral("to"), QStringLiteral("Ada Lovelace") } }));

    // Deleted after the confirmation.
    list->view()->selectRow(0);
    child<QAction>(window.get(), "deleteUserAction")->trigger();
    QTest::mouseClick(child<QPushButton>(child<QMessageBox>(window.get(), "deleteConfirmation"), "confirmDeleteButton"),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(alerts.count(), 1, 30000);
    QTRY_COMPARE(list->view()->model()->rowCount(), 0);
    QCOMPARE(events(audit), (QStringList { QStringLiteral("user.created"), QStringLiteral("user.updated") }));
    QCOMPARE(events(alerts), QStringList { QStringLiteral("user.deleted") });
    const auto deleted = QJsonDocument::fromJson(alerts.requests().constFirst().body).object();
    QCOMPARE(deleted.value(QStringLiteral("user")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Ada Lovelace"));
    // The Deliveries tab names each endpoint, in the event's words.
    auto* model = window->deliveriesPage()->model();
    model->refresh();
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row) {
        rows << model->index(row, DeliveriesModel::EventColumn).data().toString() + QStringLiteral(" → ")
                + model->index(row, DeliveriesModel::EndpointColumn).data().toString();
    }
    rows.sort();
    QCOMPARE(rows,
             (QStringList { QStringLiteral("Account created → Audit"), QStringLiteral("Account deleted → Alerts"),
                            QStringLiteral("Account updated → Audit") }));
}

QTEST_MAIN(TestWebhooksPage)
#include "TestWebhooksPage.moc"
