#include "UserListWidget.h"

#include "UsersModel.h"
#include "ui_UserListWidget.h"
#include "users/UserRules.h"

#include <QAction>
#include <QEvent>
#include <QLocale>
#include <QShortcut>
#include <QTimer>

#include <algorithm>

UserListWidget::UserListWidget(Database* database, QWidget* parent)
    : QWidget(parent)
    , m_ui(new Ui::UserListWidget)
    , m_model(new UsersModel(database, this))
    , m_searchDelay(new QTimer(this))
{
    m_ui->setupUi(this);
    auto* view = m_ui->usersView;
    // Newest first, as the model starts; a click on a header sorts by that column in SQL.
    view->horizontalHeader()->setSortIndicator(UsersModel::CreatedColumn, Qt::DescendingOrder);
    view->setModel(m_model);
    // Role, state and date are short and never cut; name and email share the rest and are elided.
    auto* header = view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Fitted to the rows on screen: measuring a thousand rows on every insertion stalls the window during an import.
    header->setResizeContentsPrecision(0);
    header->setSectionResizeMode(UsersModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(UsersModel::EmailColumn, QHeaderView::Stretch);
    // The toolbar shows once someone puts actions in it.
    m_ui->userToolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_ui->userToolBar->hide();

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearch(m_ui->userSearchEdit->text()); });
    connect(m_ui->userSearchEdit, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    // Enter searches at once.
    connect(m_ui->userSearchEdit, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        m_model->setSearch(m_ui->userSearchEdit->text());
    });
    new QShortcut(QKeySequence::Find, this, this, [this] {
        m_ui->userSearchEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->userSearchEdit->selectAll();
    });

    connect(m_model, &UsersModel::loaded, this, &UserListWidget::updateCountLabel);
    connect(m_model, &UsersModel::modelReset, this, &UserListWidget::selectionChanged);
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &UserListWidget::selectionChanged);
    updateCountLabel();
}

UserListWidget::~UserListWidget() = default;

QTableView* UserListWidget::view() const
{
    return m_ui->usersView;
}

QList<UserRecord> UserListWidget::selectedUsers() const
{
    auto rows = m_ui->usersView->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<UserRecord> users;
    users.reserve(rows.size());
    for (const auto& row : std::as_const(rows)) {
        users.append(m_model->user(row.row()));
    }
    return users;
}

void UserListWidget::addActions(const QList<QAction*>& actions)
{
    // The view's context menu lists its actions (Qt::ActionsContextMenu); their shortcuts work while it has the focus.
    m_ui->usersView->addActions(actions);
    m_ui->userToolBar->addActions(actions);
    m_ui->userToolBar->setVisible(!m_ui->userToolBar->actions().isEmpty());
}

void UserListWidget::refresh()
{
    m_model->refresh();
}

void UserListWidget::updateCountLabel()
{
    const auto total = m_model->totalCount();
    const QLocale locale;
    QString text;
    if (UserRules::searchFold(m_model->search()).isEmpty()) {
        //: Users page: how many accounts there are; %1 is a number of two or more, or 0
        text = total == 1 ? tr("1 account") : tr("%1 accounts").arg(locale.toString(total));
    } else {
        //: Users page: %1 accounts found by the search, out of %2 accounts in all
        text = total == 1
            ? tr("%1 of 1 account").arg(locale.toString(m_model->matchingCount()))
            : tr("%1 of %2 accounts").arg(locale.toString(m_model->matchingCount()), locale.toString(total));
    }
    m_ui->userCountLabel->setText(text);
}

void UserListWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        m_model->retranslate();
        updateCountLabel();
    }
    QWidget::changeEvent(event);
}
