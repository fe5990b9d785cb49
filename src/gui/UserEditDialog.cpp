#include "UserEditDialog.h"

#include "Feedback.h"
#include "text/SafeText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {

QLabel* errorLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->hide();
    return label;
}

} // namespace

UserEditDialog::UserEditDialog(Database* database, const UserRecord& user, QWidget* parent)
    : QDialog(parent)
    , m_database(database)
    , m_user(user)
    , m_nameEdit(new QLineEdit(user.name, this))
    , m_emailEdit(new QLineEdit(user.email, this))
    , m_roleCombo(new QComboBox(this))
    , m_nameErrorLabel(errorLabel(QStringLiteral("nameErrorLabel"), this))
    , m_emailErrorLabel(errorLabel(QStringLiteral("emailErrorLabel"), this))
    , m_roleErrorLabel(errorLabel(QStringLiteral("roleErrorLabel"), this))
    , m_resultLabel(errorLabel(QStringLiteral("resultLabel"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("userEditDialog"));
    //: Title of the dialog that edits an account; %1 is its name
    setWindowTitle(tr("Edit %1").arg(SafeText::printable(user.name)));
    m_nameEdit->setObjectName(QStringLiteral("nameEdit"));
    m_emailEdit->setObjectName(QStringLiteral("emailEdit"));
    m_roleCombo->setObjectName(QStringLiteral("roleCombo"));
    m_nameEdit->setMaxLength(UserRules::MaximumNameLength * 2);
    for (const auto role : Roles::all()) {
        m_roleCombo->addItem(Roles::displayName(role), static_cast<int>(role));
    }
    m_roleCombo->setCurrentIndex(m_roleCombo->findData(static_cast<int>(user.role)));
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));

    auto* form = new QFormLayout;
    auto* nameColumn = new QVBoxLayout;
    nameColumn->addWidget(m_nameEdit);
    nameColumn->addWidget(m_nameErrorLabel);
    form->addRow(tr("&Name:"), nameColumn);
    auto* emailColumn = new QVBoxLayout;
    emailColumn->addWidget(m_emailEdit);
    emailColumn->addWidget(m_emailErrorLabel);
    form->addRow(tr("&Email:"), emailColumn);
    auto* roleColumn = new QVBoxLayout;
    roleColumn->addWidget(m_roleCombo);
    roleColumn->addWidget(m_roleErrorLabel);
    form->addRow(tr("&Role:"), roleColumn);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_resultLabel);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &UserEditDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_nameEdit, &QLineEdit::textEdited, this, [this] { Feedback::clear(m_nameErrorLabel); });
    connect(m_emailEdit, &QLineEdit::textEdited, this, [this] { Feedback::clear(m_emailErrorLabel); });
    connect(m_roleCombo, &QComboBox::currentIndexChanged, this, [this] { Feedback::clear(m_roleErrorLabel); });
    connect(&m_saving, &QFutureWatcher<UserStore::Changed>::finished, this, &UserEditDialog::onSaved);
}

UserChanges UserEditDialog::changes() const
{
    UserChanges changes;
    changes.name = m_nameEdit->text();
    changes.email = m_emailEdit->text();
    changes.role = static_cast<Role>(m_roleCombo->currentData().toInt());
    return changes;
}

void UserEditDialog::save()
{
    if (m_saving.isRunning()) {
        return;
    }
    Feedback::clear(m_resultLabel);
    const auto edit = changes();
    // The fields checked as they would be stored, before anything leaves the GUI thread.
    const auto problems = UserRules::validate(edit.differingFrom(m_user), m_user);
    showProblems(problems);
    if (!problems.isEmpty()) {
        return;
    }
    setBusy(true);
    m_saving.setFuture(QtConcurrent::run(
        [database = m_database, id = m_user.id, edit] { return UserStore(database).update(id, edit); }));
}

void UserEditDialog::onSaved()
{
    const auto changed = m_saving.result();
    setBusy(false);
    if (!changed.ok && !changed.unchanged) {
        showProblems(changed.problems);
        if (changed.problems.isEmpty()) {
            Feedback::show(m_resultLabel, changed.error, Feedback::Kind::Error);
        }
        return;
    }
    emit saved(changed);
    accept();
}

void UserEditDialog::showProblems(const QList<UserRules::Problem>& problems)
{
    QHash<UserRules::Field, QStringList> messages;
    for (const auto& problem : problems) {
        messages[problem.field] << problem.message;
    }
    const std::pair<UserRules::Field, QLabel*> labels[] = {
        { UserRules::Field::Name, m_nameErrorLabel },
        { UserRules::Field::Email, m_emailErrorLabel },
        { UserRules::Field::Role, m_roleErrorLabel },
    };
    QWidget* first = nullptr;
    for (const auto& [field, label] : labels) {
        const auto text = messages.value(field).join(QLatin1Char('\n'));
        Feedback::show(label, text, text.isEmpty() ? Feedback::Kind::None : Feedback::Kind::Error);
        if (!text.isEmpty() && !first) {
            first = field == UserRules::Field::Name ? static_cast<QWidget*>(m_nameEdit)
                : field == UserRules::Field::Email  ? static_cast<QWidget*>(m_emailEdit)
                                                    : static_cast<QWidget*>(m_roleCombo);
        }
    }
    if (first) {
        first->setFocus();
    }
}

void UserEditDialog::setBusy(bool busy)
{
    for (QWidget* widget : { static_cast<QWidget*>(m_nameEdit), static_cast<QWidget*>(m_emailEdit),
                             static_cast<QWidget*>(m_roleCombo) }) {
        widget->setEnabled(!busy);
    }
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    if (busy) {
        Feedback::show(m_resultLabel, tr("Saving…"), Feedback::Kind::Info);
    } else {
        Feedback::clear(m_resultLabel);
    }
}
