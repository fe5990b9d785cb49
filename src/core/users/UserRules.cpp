#include "users/UserRules.h"

#include "text/InputEcho.h"
#include "text/SafeText.h"

#include <QUrl>

#include <algorithm>

namespace {

bool hasControlCharacters(const QString& text)
{
    for (const auto ch : text) {
        if (ch.category() == QChar::Other_Control || ch == QChar::LineSeparator || ch == QChar::ParagraphSeparator) {
            return true;
        }
    }
    return false;
}

qsizetype codePoints(const QString& text)
{
    return text.toUcs4().size();
}

} // namespace

QString UserRules::unknownRoleMessage(const QString& typed)
{
    return tr("Unknown role \"%1\": use user, admin or pending.").arg(InputEcho::capped(typed.trimmed()));
}

QString UserRules::emailKey(const QString& email)
{
    // Unicode's canonical caseless match: é typed precomposed or as e and a combining accent, in any case, is one key.
    return email.trimmed()
        .normalized(QString::NormalizationForm_D)
        .toCaseFolded()
        .normalized(QString::NormalizationForm_C);
}

QString UserRules::duplicateEmailMessage(const QString& email)
{
    return tr("The email address %1 is already used by another account.")
        .arg(InputEcho::capped(SafeText::normalized(email)));
}

bool UserRules::isValidEmail(const QString& email)
{
    const auto at = email.lastIndexOf(QLatin1Char('@'));
    if (at <= 0 || at == email.size() - 1 || email.size() > 254) {
        return false;
    }
    const auto local = email.left(at);
    const auto domain = email.mid(at + 1);
    if (!QStringView(email).isValidUtf16() || !SafeText::firstInvisible(email).isEmpty()) {
        return false;
    }
    for (const auto ch : email) {
        if (ch.isSpace() || ch.category() == QChar::Other_Control) {
            return false;
        }
    }
    if (local.size() > 64 || local.contains(QLatin1Char('@')) || local.startsWith(QLatin1Char('.'))
        || local.endsWith(QLatin1Char('.')) || local.contains(QLatin1String(".."))) {
        return false;
    }
    // The domain must be a host name QUrl accepts, with at least one dot and no empty label.
    QUrl url;
    url.setScheme(QStringLiteral("mailto"));
    url.setHost(domain, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() && domain.contains(QLatin1Char('.'))
        && !domain.startsWith(QLatin1Char('.')) && !domain.endsWith(QLatin1Char('.'))
        && !domain.contains(QLatin1String(".."));
}

QList<UserRules::Problem> UserRules::validate(const NewUser& user, bool allowEmptyPassword)
{
    QList<Problem> problems;
    if (const auto problem = nameProblem(user.name)) {
        problems.append({ Field::Name, *problem });
    }
    if (const auto problem = emailProblem(user.email)) {
        problems.append({ Field::Email, *problem });
    }
    if (user.roleText && !Roles::fromKey(*user.roleText)) {
        problems.append({ Field::Role, unknownRoleMessage(*user.roleText) });
    }
    if (user.password.isEmpty()) {
        if (!allowEmptyPassword) {
            problems.append({ Field::Password, tr("Enter a password.") });
        } else if (user.effectiveRole() != Role::Pending) {
            problems.append({ Field::Password, withoutPasswordMessage() });
        }
    } else {
        problems.append(validatePassword(user.password, user.confirmation));
    }
    return problems;
}

QList<UserRules::Problem> UserRules::validate(const UserChanges& changes, const UserRecord& current)
{
    QList<Problem> problems;
    if (const auto problem = changes.name ? nameProblem(*changes.name) : std::nullopt) {
        problems.append({ Field::Name, *problem });
    }
    if (const auto problem = changes.email ? emailProblem(*changes.email) : std::nullopt) {
        problems.append({ Field::Email, *problem });
    }
    if (changes.role && *changes.role != Role::Pending && !current.hasPassword) {
        problems.append({ Field::Role, withoutPasswordMessage() });
    }
    return problems;
}

QList<UserRules::Problem> UserRules::validatePassword(const QString& password, const QString& confirmation)
{
    if (password.isEmpty()) {
        return { { Field::Password, tr("Enter a password.") } };
    }
    if (!QStringView(password).isValidUtf16()) {
        return { { Field::Password,
                   tr("The password contains a character that is not valid Unicode; type it again.") } };
    }
    if (codePoints(password) < MinimumPasswordLength) {
        return { { Field::Password, tr("The password must have at least %1 characters.").arg(MinimumPasswordLength) } };
    }
    if (password != confirmation) {
        return { { Field::Confirmation, tr("The two passwords do not match.") } };
    }
    return {};
}

std::optional<QString> UserRules::nameProblem(const QString& typed)
{
    // What is checked is what gets stored: trimmed and in NFC.
    const auto name = SafeText::normalized(typed);
    if (name.isEmpty()) {
        return tr("Enter a name.");
    }
    if (!QStringView(name).isValidUtf16()) {
        return tr("The name contains a character that is not valid Unicode; type it again.");
    }
    if (codePoints(name) > MaximumNameLength) {
        return tr("The name is too long (%1 characters at most).").arg(MaximumNameLength);
    }
    if (hasControlCharacters(name)) {
        return tr("The name must not contain line breaks or control characters.");
    }
    return std::nullopt;
}

std::optional<QString> UserRules::emailProblem(const QString& typed)
{
    const auto email = SafeText::normalized(typed);
    if (email.isEmpty()) {
        return tr("Enter an email address.");
    }
    if (!QStringView(email).isValidUtf16()) {
        return tr("The email address contains a character that is not valid Unicode; type it again.");
    }
    if (const auto invisible = SafeText::firstInvisible(email); !invisible.isEmpty()) {
        //: %1 is a Unicode code point such as U+202E
        return tr("The email address must not contain invisible or text-direction characters (%1).").arg(invisible);
    }
    if (!isValidEmail(email)) {
        return tr("\"%1\" is not a valid email address.").arg(InputEcho::capped(email));
    }
    return std::nullopt;
}

QString UserRules::withoutPasswordMessage()
{
    return tr("An account without a password must have the pending role.");
}

QString UserRules::searchFold(const QString& text)
{
    // Decomposed, every combining mark dropped: "é" is "e", "ﬁ" is "fi"; then case-folded.
    const auto decomposed = text.trimmed().normalized(QString::NormalizationForm_KD);
    QString folded;
    folded.reserve(decomposed.size());
    for (const auto ch : decomposed) {
        if (ch.category() != QChar::Mark_NonSpacing) {
            folded += ch;
        }
    }
    return folded.toCaseFolded();
}

QString UserRules::searchKey(const QString& name, const QString& email)
{
    return searchFold(name) + QLatin1Char('\n') + searchFold(email);
}
