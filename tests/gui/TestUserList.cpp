#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "UserListWidget.h"
#include "UsersModel.h"
#include "UsersPage.h"
#include "users/UserStore.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolBar>

using GuiTest::child;

namespace {

// Types text key by key, accented letters included (QTest::keyClicks takes ASCII only).
void type(QWidget* widget, const QString& text)
{
    for (const auto ch : text) {
        QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(ch), Qt::NoModifier);
    }
}

} // namespace

// The accounts list of the real window: search as one types, counts, sorting by a header click in SQL, several rows
// selected, and the places where account actions go.
class TestUserList : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void searchFiltersAsOneTypes();
    void headerClickSortsInSql();
    void severalRowsCanBeSelected();
    void actionsGoToTheContextMenuAndToolbar();
    void stateColumnShowsDisabledAccounts();
    void scrollingReadsTheNextPage();

private:
    void add(const QString& name, const QString& email);
    void openWindow();
    QTableView* view() const { return child<QTableView>(m_window.get(), "usersView"); }
    UsersModel* model() const { return m_window->usersPage()->model(); }
    QStringList shownNames() const;
    void clickHeader(int column);

    std::unique_ptr<GuiTest::TempDatabase> m_database;
    std::unique_ptr<MainWindow> m_window;
};

void TestUserList::initTestCase()
{
    GuiTest::initApplication();
}

void TestUserList::init()
{
    m_database = std::make_unique<GuiTest::TempDatabase>();
    QVERIFY(m_database->open());
    // 250 "User n" accounts, then three that a search tells apart.
    auto db = m_database->get()->connection();
    {
        Transaction transaction(*m_database->get(), db);
        UserStore::Writer writer(db);
        for (int i = 0; i < 250; ++i) {
            NewUser user;
            user.name = QStringLiteral("User %1").arg(i, 3, 10, QLatin1Char('0'));
            user.email = QStringLiteral("user%1@example.com").arg(i);
            user.role = Role::Pending;
            QVERIFY(writer.insert(user, {}).ok);
        }
        QVERIFY(transaction.commit());
    }
    add(QStringLiteral("Élodie Martin"), QStringLiteral("em@example.org"));
    add(QStringLiteral("ELODIE ROUX"), QStringLiteral("er@example.org"));
    add(QStringLiteral("Zoé"), QStringLiteral("zoe@example.org"));
}

void TestUserList::cleanup()
{
    m_window.reset();
    m_database.reset();
}

void TestUserList::add(const QString& name, const QString& email)
{
    NewUser user;
    user.name = name;
    user.email = email;
    user.role = Role::Pending;
    const auto created = UserStore(m_database->get()).create(user, {});
    QVERIFY2(created.ok, qPrintable(created.error));
}

void TestUserList::openWindow()
{
    m_window = std::make_unique<MainWindow>(m_database->get(), nullptr);
    m_window->resize(1000, 700);
    m_window->show();
    QApplication::setActiveWindow(m_window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    child<QTabWidget>(m_window.get(), "mainTabs")->setCurrentWidget(child<QWidget>(m_window.get(), "usersTab"));
}

QStringList TestUserList::shownNames() const
{
    QStringList names;
    for (int row = 0; row < model()->rowCount(); ++row) {
        names << model()->index(row, UsersModel::NameColumn).data().toString();
    }
    return names;
}

void TestUserList::clickHeader(int column)
{
    auto* header = view()->horizontalHeader();
    const QPoint middle(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, middle);
}

void TestUserList::searchFiltersAsOneTypes()
{
    openWindow();
    auto* count = child<QLabel>(m_window.get(), "userCountLabel");
    QCOMPARE(count->text(), QStringLiteral("253 accounts"));
    QCOMPARE(model()->rowCount(), UsersModel::PageSize);
    // Newest first.
    QCOMPARE(shownNames().mid(0, 2), (QStringList { QStringLiteral("Zoé"), QStringLiteral("ELODIE ROUX") }));

    auto* search = child<QLineEdit>(m_window.get(), "userSearchEdit");
    QSignalSpy loaded(model(), &UsersModel::loaded);
    // Ctrl+F goes to the search field from anywhere on the page.
    view()->setFocus();
    QTest::keyClick(view(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    type(search, QStringLiteral("élodie"));
    QTRY_COMPARE(count->text(), QStringLiteral("2 of 253 accounts"));
    QCOMPARE(shownNames(), (QStringList { QStringLiteral("ELODIE ROUX"), QStringLiteral("Élodie Martin") }));
    // Typing quickly reads once, after the pause, not once a key.
    QCOMPARE(loaded.count(), 1);

    search->selectAll();
    type(search, QStringLiteral("ZOE@"));
    QTRY_COMPARE(count->text(), QStringLiteral("1 of 253 accounts"));
    QCOMPARE(shownNames(), QStringList { QStringLiteral("Zoé") });

    search->selectAll();
    type(search, QStringLiteral("nobody"));
    QTRY_COMPARE(count->text(), QStringLiteral("0 of 253 accounts"));
    QCOMPARE(model()->rowCount(), 0);

    search->clear();
    QTRY_COMPARE(count->text(), QStringLiteral("253 accounts"));
    QCOMPARE(model()->rowCount(), UsersModel::PageSize);
}

void TestUserList::headerClickSortsInSql()
{
    openWindow();
    auto* header = view()->horizontalHeader();
    QCOMPARE(header->sortIndicatorSection(), int(UsersModel::CreatedColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);

    clickHeader(UsersModel::NameColumn);
    QCOMPARE(model()->query().column, UserStore::SortColumn::Name);
    QCOMPARE(model()->query().order, Qt::AscendingOrder);
    // Without case or accents: "elodie martin", "elodie roux", "user 000"…, "zoe" on the last page.
    QCOMPARE(
        shownNames().mid(0, 3),
        (QStringList { QStringLiteral("Élodie Martin"), QStringLiteral("ELODIE ROUX"), QStringLiteral("User 000") }));

    clickHeader(UsersModel::NameColumn);
    QCOMPARE(model()->query().order, Qt::DescendingOrder);
    QCOMPARE(shownNames().mid(0, 2), (QStringList { QStringLiteral("Zoé"), QStringLiteral("User 249") }));

    // The order holds while searching.
    type(child<QLineEdit>(m_window.get(), "userSearchEdit"), QStringLiteral("ELODIE"));
    QTRY_COMPARE(model()->rowCount(), 2);
    QCOMPARE(shownNames(), (QStringList { QStringLiteral("ELODIE ROUX"), QStringLiteral("Élodie Martin") }));
    clickHeader(UsersModel::EmailColumn);
    QTRY_COMPARE(shownNames(), (QStringList { QStringLiteral("Élodie Martin"), QStringLiteral("ELODIE ROUX") }));
    QCOMPARE(model()->query().column, UserStore::SortColumn::Email);
}

void TestUserList::severalRowsCanBeSelected()
{
    openWindow();
    auto* list = m_window->usersPage()->userList();
    QSignalSpy changed(list, &UserListWidget::selectionChanged);
    QCOMPARE(view()->selectionMode(), QAbstractItemView::ExtendedSelection);
    const auto rowPoint = [this](int row) {
        return view()->visualRect(model()->index(row, UsersModel::EmailColumn)).center();
    };
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, rowPoint(0));
    QTest::mouseClick(view()->viewport(), Qt::LeftButton, Qt::ControlModifier, rowPoint(2));
    auto selected = list->selectedUsers();
    QCOMPARE(selected.size(), 2);
    QCOMPARE(selected.at(0).name, QStringLiteral("Zoé"));
    QCOMPARE(selected.at(1).name, QStringLiteral("Élodie Martin"));
    QVERIFY(changed.count() >= 2);

    QTest::mouseClick(view()->viewport(), Qt::LeftButton, Qt::ShiftModifier, rowPoint(4));
    // Rows 2 to 4 join the first one.
    selected = list->selectedUsers();
    QCOMPARE(selected.size(), 4);
    QCOMPARE(selected.at(0).name, QStringLiteral("Zoé"));
    QCOMPARE(selected.at(3).name, QStringLiteral("User 248"));

    // Reading the rows again empties the selection, and says so.
    changed.clear();
    list->refresh();
    QCOMPARE(list->selectedUsers().size(), 0);
    QVERIFY(changed.count() >= 1);
}

void TestUserList::actionsGoToTheContextMenuAndToolbar()
{
    openWindow();
    auto* list = m_window->usersPage()->userList();
    auto* toolbar = child<QToolBar>(m_window.get(), "userToolBar");
    // The Users page's own actions (UserActions, and its deliveries) are there already.
    QVERIFY(toolbar->isVisible());
    const auto before = toolbar->actions();
    QCOMPARE(before.size(), 6);
    QCOMPARE(list->view()->actions(), before);
    QAction disable(QStringLiteral("Disable"));
    QAction remove(QStringLiteral("Delete"));
    list->addActions({ &disable, &remove });
    QCOMPARE(toolbar->actions(), (before + QList<QAction*> { &disable, &remove }));
    QCOMPARE(list->view()->actions(), (before + QList<QAction*> { &disable, &remove }));
    QCOMPARE(list->view()->contextMenuPolicy(), Qt::ActionsContextMenu);
    QCOMPARE(list->view(), view());
}

void TestUserList::stateColumnShowsDisabledAccounts()
{
    QSqlQuery disable(m_database->get()->connection());
    QVERIFY(disable.exec(QStringLiteral("UPDATE users SET disabled_at = 1700000000000 WHERE name = 'Zoé'")));
    openWindow();
    QCOMPARE(model()->headerData(UsersModel::StateColumn, Qt::Horizontal).toString(), QStringLiteral("State"));
    QCOMPARE(model()->index(0, UsersModel::NameColumn).data().toString(), QStringLiteral("Zoé"));
    QCOMPARE(model()->index(0, UsersModel::StateColumn).data().toString(), QStringLiteral("Disabled"));
    QCOMPARE(model()->index(1, UsersModel::StateColumn).data().toString(), QStringLiteral("Active"));
    QCOMPARE(m_window->usersPage()->userList()->selectedUsers().size(), 0);
    // Sorted by state: the active accounts first, the disabled one last.
    clickHeader(UsersModel::StateColumn);
    QCOMPARE(model()->query().column, UserStore::SortColumn::State);
    QCOMPARE(model()->index(0, UsersModel::StateColumn).data().toString(), QStringLiteral("Active"));
    clickHeader(UsersModel::StateColumn);
    QCOMPARE(model()->index(0, UsersModel::NameColumn).data().toString(), QStringLiteral("Zoé"));
}

void TestUserList::scrollingReadsTheNextPage()
{
    openWindow();
    QCOMPARE(model()->rowCount(), UsersModel::PageSize);
    view()->scrollToBottom();
    QTRY_COMPARE(model()->rowCount(), 253);
    QCOMPARE(model()->index(252, UsersModel::NameColumn).data().toString(), QStringLiteral("User 000"));

    // In a search, the next page is read on the thread pool.
    view()->scrollToTop();
    type(child<QLineEdit>(m_window.get(), "userSearchEdit"), QStringLiteral("USER"));
    QTRY_COMPARE(child<QLabel>(m_window.get(), "userCountLabel")->text(), QStringLiteral("250 of 253 accounts"));
    QCOMPARE(model()->rowCount(), UsersModel::PageSize);
    view()->scrollToBottom();
    QTRY_COMPARE(model()->rowCount(), 250);
    QVERIFY(!model()->isLoading());
    QCOMPARE(model()->index(249, UsersModel::NameColumn).data().toString(), QStringLiteral("User 000"));
}

QTEST_MAIN(TestUserList)
#include "TestUserList.moc"
