#include "webhooks/MessageTemplate.h"

#include "text/InputEcho.h"

namespace {

// How much of the template a problem quotes.
constexpr qsizetype FragmentLength = 20;

const QStringList& knownPlaceholders()
{
    static const QStringList names = { QStringLiteral("name"), QStringLiteral("email"),      QStringLiteral("role"),
                                       QStringLiteral("id"),   QStringLiteral("created_at"), QStringLiteral("changes"),
                                       QStringLiteral("event") };
    return names;
}

// Walks text, calling literal for plain runs and placeholder for each {name}; "{{" and "}}" stand for braces.
// Returns the problem, translated, or empty.
template<typename Literal, typename Placeholder>
QString scan(const QString& text, Literal literal, Placeholder placeholder)
{
    qsizetype i = 0;
    while (i < text.size()) {
        const auto ch = text.at(i);
        if (ch == QLatin1Char('{') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('{')) {
            literal(QStringView(text).mid(i, 1));
            i += 2;
        } else if (ch == QLatin1Char('}') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('}')) {
            literal(QStringView(text).mid(i, 1));
            i += 2;
        } else if (ch == QLatin1Char('{')) {
            const auto close = text.indexOf(QLatin1Char('}'), i + 1);
            const auto nextOpen = text.indexOf(QLatin1Char('{'), i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                //: %1 is the position (counted from 1) of a "{" that no "}" closes in a message template, %2 the text
                //: from there
                return MessageTemplate::tr(
                           "The brace at position %1 (\"%2\") is never closed: write {{ for a brace of its own.")
                    .arg(i + 1)
                    .arg(InputEcho::capped(text.mid(i, nextOpen >= 0 ? nextOpen - i : -1), FragmentLength));
            }
            const auto name = text.mid(i + 1, close - i - 1);
            if (!knownPlaceholders().contains(name)) {
                //: %1 is what a message template has between braces, %2 the list of placeholders
                return MessageTemplate::tr("Unknown placeholder {%1}: use %2, or {{ and }} for braces of their own.")
                    .arg(InputEcho::capped(name, FragmentLength),
                         MessageTemplate::placeholders().join(QStringLiteral(", ")));
            }
            placeholder(name);
            i = close + 1;
        } else if (ch == QLatin1Char('}')) {
            //: %1 is the position (counted from 1) of a "}" that opens nothing in a message template, %2 the text
            //: up to it
            return MessageTemplate::tr(
                       "The brace at position %1 (\"%2\") closes nothing: write }} for a brace of its own.")
                .arg(i + 1)
                .arg(InputEcho::capped(
                    text.mid(qMax<qsizetype>(0, i + 1 - FragmentLength), qMin<qsizetype>(i + 1, FragmentLength)),
                    FragmentLength));
        } else {
            const auto next = [&] {
                qsizetype j = i;
                while (j < text.size() && text.at(j) != QLatin1Char('{') && text.at(j) != QLatin1Char('}')) {
                    ++j;
                }
                return j;
            }();
            literal(QStringView(text).mid(i, next - i));
            i = next;
        }
    }
    return {};
}

} // namespace

QStringList MessageTemplate::placeholders()
{
    QStringList list;
    for (const auto& name : knownPlaceholders()) {
        list << QLatin1Char('{') + name + QLatin1Char('}');
    }
    return list;
}

QString MessageTemplate::defaultText(Event event)
{
    switch (event) {
    case Event::UserCreated:
        //: The default message posted when an account is created: Open WebUI's wording. Keep {name} as it is.
        return tr("New user signed up: {name}");
    case Event::UserUpdated:
        //: The default message posted when an account changes. Keep {name} and {changes} as they are.
        return tr("Account updated: {name} ({changes})");
    case Event::UserPasswordReset:
        //: The default message posted when an account's password is reset. Keep {name} as it is.
        return tr("Password reset: {name}");
    case Event::UserDisabled:
        //: The default message posted when an account is disabled. Keep {name} as it is.
        return tr("Account disabled: {name}");
    case Event::UserEnabled:
        //: The default message posted when an account is enabled again. Keep {name} as it is.
        return tr("Account enabled: {name}");
    case Event::UserDeleted:
        //: The default message posted when an account is deleted. Keep {name} as it is.
        return tr("Account deleted: {name}");
    case Event::WebhookTest:
        return tr("Test notification from Crochet: the webhook works.");
    }
    return {};
}

QString MessageTemplate::problem(const QString& text)
{
    if (text.size() > MaximumLength) {
        return tr("The message is too long: %1 characters at most.").arg(MaximumLength);
    }
    return scan(
        text, [](QStringView) {}, [](const QString&) {});
}

QString MessageTemplate::render(const QString& text, const Values& values, QString (*escape)(const QString&))
{
    QString out;
    out.reserve(text.size() + 32);
    const auto problem = scan(
        text, [&](QStringView part) { out += part; },
        [&](const QString& name) {
            const auto value = values.value(name);
            out += escape ? escape(value) : value;
        });
    return problem.isEmpty() ? out : text;
}
