#include "GuiTestSupport.h"
#include "PasswordResetDialog.h"
#include "TestFixtures.h"
#include "TestReceiver.h"
#include "UserActions.h"
#include "UserEditDialog.h"
#include "outbox/DeliveryService.h"
#include "users/PasswordHasher.h"
#include "users/UserStore.h"
#include "webhooks/Endpoint.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTableView>
#include <QThreadPool>
#include <QVBoxLayout>

using GuiTest::child;

// UserActions on a list of accounts built here (the Users page wires the same actions): what each action applies to,
// editing through its dialog, a password reset off the GUI thread, deleting after a confirmation, and the
// notifications each change writes.
class TestUserActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void actionsFollowTheSelection();
    void editThroughTheDialog();
    void editShowsMessagesUnderTheFields();
    void resetPasswordOffTheGuiThread();
    void closingTheResetDialogCancelsIt();
    void disableSeveral();
    void deleteAfterConfirmation();
    void notificationsReachTheSubscribedEndpoints();

private:
    UserRecord addAccount(const QString& name, const QString& email);
    void reload();
    void select(const QList<int>& rows);
    int count(const QString& sql) const;
    QStringList events() const;

    std::unique_ptr<GuiTest::TempDatabase> m_database;
    std::unique_ptr<DeliveryService> m_deliveries;
    std::unique_ptr<QWidget> m_window;
    QTableView* m_view = nullptr;
    QStandardItemModel* m_model = nullptr;
    UserActions* m_actions = nullptr;
    QList<UserRecord> m_users;
};

void TestUserActions::initTestCase()
{
    GuiTest::initApplication();
}

void TestUserActions::init()
{
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
    QVERIFY(TestFixtures::changeMainEndpoint(m_database->get(), [](Endpoint& endpoint) {
        endpoint.url = QStringLiteral("http://127.0.0.1:9/hook");
        endpoint.format = PayloadFormat::Json;
        endpoint.events = Events::subscribable();
    }));
    m_window = std::make_unique<QWidget>();
    m_view = new QTableView(m_window.get());
    m_view->setObjectName(QStringLiteral("usersView"));
    m_model = new QStandardItemModel(m_view);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* layout = new QVBoxLayout(m_window.get());
    layout->addWidget(m_view);
    m_deliveries = std::make_unique<DeliveryService>(m_database->get());
    m_actions = new UserActions(m_database->get(), m_deliveries.get(), m_window.get(), m_window.get());
    for (auto* action : m_actions->actions()) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_view->addAction(action);
    }
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, m_actions, [this] {
        QList<UserRecord> selected;
        for (const auto& index : m_view->selectionModel()->selectedRows()) {
            selected << m_users.at(index.row());
        }
        m_actions->setSelection(selected);
    });
    connect(m_actions, &UserActions::changed, this, &TestUserActions::reload);
    addAccount(QStringLiteral("Ada"), QStringLiteral("ada@example.com"));
    addAccount(QStringLiteral("Grace"), QStringLiteral("grace@example.com"));
    addAccount(QStringLiteral("Linus"), QStringLiteral("linus@example.com"));
    reload();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_view->setFocus();
}

void TestUserActions::cleanup()
{
    m_window.reset();
    m_deliveries.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_database.reset();
}

UserRecord TestUserActions::addAccount(const QString& name, const QString& email)
{
    NewUser user;
    user.name = name;
    user.email = email;
    return UserStore(m_database->get()).create(user, QByteArrayLiteral("$argon2id$v=19$stand-in")).user;
}

void TestUserActions::reload()
{
    m_users = UserStore(m_database->get()).list();
    m_model->clear();
    for (const auto& user : std::as_const(m_users)) {
        m_model->appendRow({ new QStandardItem(user.name), new QStandardItem(user.email),
                             new QStandardItem(Roles::displayName(user.role)) });
    }
    m_actions->setSelection({});
}

void TestUserActions::select(const QList<int>& rows)
{
    m_view->clearSelection();
    for (const auto row : rows) {
        m_view->selectionModel()->select(m_model->index(row, 0),
                                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

int TestUserActions::count(const QString& sql) const
{
    QSqlQuery query(m_database->get()->connection());
    return query.exec(sql) && query.next() ? query.value(0).toInt() : -1;
}

QStringList TestUserActions::events() const
{
    QSqlQuery query(m_database->get()->connection());
    query.exec(QStringLiteral("SELECT event FROM notifications WHERE event <> 'user.created' ORDER BY rowid"));
    QStringList list;
    while (query.next()) {
        list << query.value(0).toString();
    }
    return list;
}

void TestUserActions::actionsFollowTheSelection()
{
    auto* edit = child<QAction>(m_actions, "editUserAction");
    auto* reset = child<QAction>(m_actions, "resetPasswordAction");
    auto* disable = child<QAction>(m_actions, "disableUserAction");
    auto* enable = child<QAction>(m_actions, "enableUserAction");
    auto* remove = child<QAction>(m_actions, "deleteUserAction");
    QCOMPARE(edit->shortcut(), QKeySequence(Qt::Key_F2));
    QCOMPARE(remove->shortcut(), QKeySequence(QKeySequence::Delete));
    const auto states = [&] {
        return QList<bool> { edit->isEnabled(), reset->isEnabled(), disable->isEnabled(), enable->isEnabled(),
                             remove->isEnabled() };
    };
    QCOMPARE(states(), (QList<bool> { false, false, false, false, false }));
    select({ 0 });
    QCOMPARE(states(), (QList<bool> { true, true, true, false, true }));
    select({ 0, 1 });
    QCOMPARE(states(), (QList<bool> { false, false, true, false, true }));
    QVERIFY(UserStore(m_database->get()).setDisabled(m_users.at(1).id, true).ok);
    reload();
    select({ 1 });
    QCOMPARE(states(), (QList<bool> { true, true, false, true, true }));
    select({ 0, 1 });
    QCOMPARE(states(), (QList<bool> { false, false, true, true, true }));
}

void TestUserActions::editThroughTheDialog()
{
    select({ 0 });
    QSignalSpy changed(m_actions, &UserActions::changed);
    QTest::keyClick(m_view, Qt::Key_F2);
    auto* dialog = child<UserEditDialog>(m_window.get(), "userEditDialog");
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto* name = child<QLineEdit>(dialog, "nameEdit");
    auto* role = child<QComboBox>(dialog, "roleCombo");
    QCOMPARE(name->text(), QStringLiteral("Ada"));
    QCOMPARE(role->currentText(), QStringLiteral("User"));
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Ada Lovelace"));
    role->setCurrentIndex(role->findText(QStringLiteral("Administrator")));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY(changed.wait());
    QCOMPARE(changed.at(0).at(0).toString(),
             QStringLiteral("Account updated: Ada Lovelace <ada@example.com>; name: Ada → Ada Lovelace, role: User → "
                            "Administrator"));
    QTRY_VERIFY(!m_window->findChild<UserEditDialog*>());

    const auto stored = *UserStore(m_database->get()).find(QStringLiteral("ada@example.com"));
    QCOMPARE(stored.name, QStringLiteral("Ada Lovelace"));
    QCOMPARE(stored.role, Role::Admin);
    QCOMPARE(m_model->item(0, 0)->text(), QStringLiteral("Ada Lovelace"));
    QCOMPARE(events(), QStringList { QStringLiteral("user.updated") });
    QSqlQuery query(m_database->get()->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT body FROM notifications WHERE event = 'user.updated'")) && query.next());
    const auto body = QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object();
    QCOMPARE(body.value(QStringLiteral("changes")).toObject().value(QStringLiteral("role")).toObject(),
             (QJsonObject { { QStringLiteral("from"), QStringLiteral("user") },
                            { QStringLiteral("to"), QStringLiteral("admin") } }));
}

void TestUserActions::editShowsMessagesUnderTheFields()
{
    select({ 0 });
    child<QAction>(m_actions, "editUserAction")->trigger();
    auto* dialog = child<UserEditDialog>(m_window.get(), "userEditDialog");
    QVERIFY(dialog);
    auto* name = child<QLineEdit>(dialog, "nameEdit");
    auto* email = child<QLineEdit>(dialog, "emailEdit");
    auto* save = child<QPushButton>(dialog, "saveButton");
    name->clear();
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(child<QLabel>(dialog, "nameErrorLabel")->text(), QStringLiteral("Enter a name."));
    QVERIFY(child<QLabel>(dialog, "nameErrorLabel")->isVisible());

    // A duplicate address is found by the database, off the GUI thread, and shown under its field.
    name->setText(QStringLiteral("Ada"));
    email->setText(QStringLiteral("GRACE@example.com"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(child<QLabel>(dialog, "emailErrorLabel")->text(),
                 QStringLiteral("The email address GRACE@example.com is already used by another account."));
    QVERIFY(dialog->isVisible());
    QVERIFY(save->isEnabled());
    QCOMPARE(events(), QStringList());
    QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<UserEditDialog*>());
    QVERIFY(child<QAction>(m_actions, "editUserAction")->isEnabled());
}

void TestUserActions::resetPasswordOffTheGuiThread()
{
    select({ 1 });
    QSignalSpy changed(m_actions, &UserActions::changed);
    child<QAction>(m_actions, "resetPasswordAction")->trigger();
    auto* dialog = child<PasswordResetDialog>(m_window.get(), "passwordResetDialog");
    QVERIFY(dialog);
    auto* password = child<QLineEdit>(dialog, "passwordEdit");
    auto* confirm = child<QLineEdit>(dialog, "confirmEdit");
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QTest::keyClicks(password, QStringLiteral("a brand new secret"));
    QTest::keyClicks(confirm, QStringLiteral("a brand new secreT"));
    auto* save = child<QPushButton>(dialog, "saveButton");
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(child<QLabel>(dialog, "confirmErrorLabel")->text(), QStringLiteral("The two passwords do not match."));

    confirm->setText(password->text());
    QTest::mouseClick(save, Qt::LeftButton);
    // Argon2id runs on the thread pool: the dialog is busy meanwhile, and the event loop keeps turning.
    QVERIFY(dialog->isBusy());
    QVERIFY(child<QProgressBar>(dialog, "busyBar")->isVisible());
    QVERIFY(!save->isEnabled());
    QVERIFY(changed.wait(20000));
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("Password changed: Grace <grace@example.com>"));
    QVERIFY(PasswordHasher::verify(UserStore(m_database->get()).passwordHash(m_users.at(1).id),
                                   QStringLiteral("a brand new secret")));
    QCOMPARE(events(), QStringList { QStringLiteral("user.password_reset") });
    QSqlQuery query(m_database->get()->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT payload || body FROM notifications")));
    while (query.next()) {
        QVERIFY(!query.value(0).toString().contains(QStringLiteral("a brand new secret")));
        QVERIFY(!query.value(0).toString().contains(QStringLiteral("argon2")));
    }
}

void TestUserActions::closingTheResetDialogCancelsIt()
{
    select({ 1 });
    QSignalSpy changed(m_actions, &UserActions::changed);
    child<QAction>(m_actions, "resetPasswordAction")->trigger();
    auto* dialog = child<PasswordResetDialog>(m_window.get(), "passwordResetDialog");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "passwordEdit")->setText(QStringLiteral("never to be stored"));
    child<QLineEdit>(dialog, "confirmEdit")->setText(QStringLiteral("never to be stored"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QVERIFY(dialog->isBusy());
    QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<PasswordResetDialog*>());
    // The hashing finishes on the thread pool and writes nothing.
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    QCOMPARE(changed.count(), 0);
    QCOMPARE(UserStore(m_database->get()).passwordHash(m_users.at(1).id), QByteArrayLiteral("$argon2id$v=19$stand-in"));
    QCOMPARE(events(), QStringList());
    QVERIFY(child<QAction>(m_actions, "resetPasswordAction")->isEnabled());
}

void TestUserActions::disableSeveral()
{
    select({ 0, 2 });
    QSignalSpy changed(m_actions, &UserActions::changed);
    child<QAction>(m_actions, "disableUserAction")->trigger();
    QVERIFY(changed.wait());
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("2 accounts disabled."));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL")), 2);
    QVERIFY(!UserStore(m_database->get()).find(QStringLiteral("grace@example.com"))->disabled);
    QCOMPARE(events(), (QStringList { QStringLiteral("user.disabled"), QStringLiteral("user.disabled") }));

    select({ 0, 1 });
    child<QAction>(m_actions, "enableUserAction")->trigger();
    QVERIFY(changed.wait());
    QCOMPARE(changed.at(1).at(0).toString(), QStringLiteral("Account enabled: Ada <ada@example.com>"));
    QCOMPARE(events().constLast(), QStringLiteral("user.enabled"));
}

void TestUserActions::deleteAfterConfirmation()
{
    select({ 0, 1 });
    QSignalSpy changed(m_actions, &UserActions::changed);
    QTest::keyClick(m_view, Qt::Key_Delete);
    auto* box = child<QMessageBox>(m_window.get(), "deleteConfirmation");
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Delete these 2 accounts?"));
    QTest::mouseClick(child<QPushButton>(box, "cancelDeleteButton"), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<QMessageBox*>());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users")), 3);
    QCOMPARE(changed.count(), 0);
    QVERIFY(child<QAction>(m_actions, "deleteUserAction")->isEnabled());

    // The shortcut goes to the active window again once the confirmation has closed.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_view->setFocus();
    QTest::keyClick(m_view, Qt::Key_Delete);
    box = child<QMessageBox>(m_window.get(), "deleteConfirmation");
    QVERIFY(box);
    QTest::mouseClick(child<QPushButton>(box, "confirmDeleteButton"), Qt::LeftButton);
    QVERIFY(changed.wait());
    QCOMPARE(changed.at(0).at(0).toString(), QStringLiteral("2 accounts deleted."));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM users")), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->item(0, 1)->text(), QStringLiteral("linus@example.com"));
    QSqlQuery query(m_database->get()->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT body FROM notifications WHERE event = 'user.deleted' ORDER BY rowid")));
    QStringList deleted;
    while (query.next()) {
        deleted << QJsonDocument::fromJson(query.value(0).toString().toUtf8())
                       .object()
                       .value(QStringLiteral("user"))
                       .toObject()
                       .value(QStringLiteral("email"))
                       .toString();
    }
    QCOMPARE(deleted, (QStringList { QStringLiteral("ada@example.com"), QStringLiteral("grace@example.com") }));
}

void TestUserActions::notificationsReachTheSubscribedEndpoints()
{
    // Two loopback receivers: the main endpoint hears every account event, "Audit" only deletions.
    TestReceiver everything;
    TestReceiver deletions;
    QVERIFY(everything.listen());
    QVERIFY(deletions.listen());
    QVERIFY(TestFixtures::changeMainEndpoint(
        m_database->get(), [&everything](Endpoint& endpoint) { endpoint.url = everything.url().toString(); }));
    Endpoint audit;
    audit.name = QStringLiteral("Audit");
    audit.url = deletions.url().toString();
    audit.format = PayloadFormat::Json;
    audit.events = { Event::UserDeleted };
    QString error;
    QVERIFY2(EndpointStore(m_database->get()).add(audit, &error), qPrintable(error));
    // The accounts' user.created notifications, written before the receivers existed, are not this test's concern.
    QSqlQuery forget(m_database->get()->connection());
    QVERIFY(forget.exec(QStringLiteral("DELETE FROM notifications")));
    m_deliveries->start();
    const auto eventsOf = [](const TestReceiver& receiver) {
        QStringList received;
        for (const auto& request : receiver.requests()) {
            received << QJsonDocument::fromJson(request.body).object().value(QStringLiteral("event")).toString();
        }
        return received;
    };

    select({ 2 });
    child<QAction>(m_actions, "editUserAction")->trigger();
    auto* dialog = child<UserEditDialog>(m_window.get(), "userEditDialog");
    QVERIFY(dialog);
    child<QLineEdit>(dialog, "emailEdit")->setText(QStringLiteral("torvalds@example.com"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
    QTRY_COMPARE(everything.count(), 1);
    QCOMPARE(eventsOf(everything).constLast(), QStringLiteral("user.updated"));

    select({ 2 });
    child<QAction>(m_actions, "deleteUserAction")->trigger();
    QTest::mouseClick(
        child<QPushButton>(child<QMessageBox>(m_window.get(), "deleteConfirmation"), "confirmDeleteButton"),
        Qt::LeftButton);
    QTRY_COMPARE(deletions.count(), 1);
    QTRY_COMPARE(everything.count(), 2);
    QCOMPARE(eventsOf(everything), (QStringList { QStringLiteral("user.updated"), QStringLiteral("user.deleted") }));
    QCOMPARE(eventsOf(deletions), QStringList { QStringLiteral("user.deleted") });
    const auto user = QJsonDocument::fromJson(deletions.requests().constFirst().body)
                          .object()
                          .value(QStringLiteral("user"))
                          .toObject();
    QCOMPARE(user.value(QStringLiteral("email")).toString(), QStringLiteral("torvalds@example.com"));
    QCOMPARE(user.value(QStringLiteral("name")).toString(), QStringLiteral("Linus"));
}

QTEST_MAIN(TestUserActions)
#include "TestUserActions.moc"
