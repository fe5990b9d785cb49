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

QStringList UserRules::roles()
{
    return { QStringLiteral("user"), QStringLiteral("admin"), QStringLiteral("pending") };
}

QString UserRules::canonicalRole(const QString& role)
{
    const auto trimmed = role.trimmed();
    const auto known = roles();
    const auto found = std::find_if(known.cbegin(), known.cend(), [&trimmed](const QString& key) {
        return key.compare(trimmed, Qt::CaseInsensitive) == 0;
    });
    return found != known.cend() ? *found : trimmed;
}

QString UserRules::roleDisplayName(const QString& role)
{
    if (role == QLatin1String("admin")) {
        return tr("Administrator");
    }
    if (role == QLatin1String("pending")) {
        return tr("Pending");
    }
    return tr("User");
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
    // What is checked is what gets stored: trimmed and in NFC.
    const auto name = SafeText::normalized(user.name);
    if (name.isEmpty()) {
        problems.append({ Field::Name, tr("Enter a name.") });
    } else if (!QStringView(name).isValidUtf16()) {
        problems.append({ Field::Name, tr("The name contains a character that is not valid Unicode; type it again.") });
    } else if (codePoints(name) > MaximumNameLength) {
        problems.append({ Field::Name, tr("The name is too long (%1 characters at most).").arg(MaximumNameLength) });
    } else if (hasControlCharacters(name)) {
        problems.append({ Field::Name, tr("The name must not contain line breaks or control characters.") });
    }

    const auto email = SafeText::normalized(user.email);
    if (email.isEmpty()) {
        problems.append({ Field::Email, tr("Enter an email address.") });
    } else if (!QStringView(email).isValidUtf16()) {
        problems.append(
            { Field::Email, tr("The email address contains a character that is not valid Unicode; type it again.") });
    } else if (const auto invisible = SafeText::firstInvisible(email); !invisible.isEmpty()) {
        //: %1 is a Unicode code point such as U+202E
        problems.append(
            { Field::Email,
              tr("The email address must not contain invisible or text-direction characters (%1).").arg(invisible) });
    } else if (!isValidEmail(email)) {
        problems.append({ Field::Email, tr("\"%1\" is not a valid email address.").arg(InputEcho::capped(email)) });
    }

    const auto role = canonicalRole(user.role);
    if (!roles().contains(role)) {
        problems.append(
            { Field::Role, tr("Unknown role \"%1\": use user, admin or pending.").arg(InputEcho::capped(role)) });
    }

    if (user.password.isEmpty()) {
        if (!allowEmptyPassword) {
            problems.append({ Field::Password, tr("Enter a password.") });
        } else if (role != QLatin1String("pending")) {
            problems.append({ Field::Password, tr("An account without a password must have the pending role.") });
        }
    } else if (!QStringView(user.password).isValidUtf16()) {
        problems.append(
            { Field::Password, tr("The password contains a character that is not valid Unicode; type it again.") });
    } else if (codePoints(user.password) < MinimumPasswordLength) {
        problems.append(
            { Field::Password, tr("The password must have at least %1 characters.").arg(MinimumPasswordLength) });
    } else if (user.password != user.confirmation) {
        problems.append({ Field::Confirmation, tr("The two passwords do not match.") });
    }
    return problems;
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
