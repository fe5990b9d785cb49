#include "webhooks/WebhookUrl.h"

#include "text/InputEcho.h"

#include <QHostAddress>

namespace {

struct ProblemName
{
    WebhookUrl::Problem problem;
    const char* key;
};

constexpr ProblemName ProblemNames[] = {
    { WebhookUrl::Problem::Empty, "empty" },       { WebhookUrl::Problem::ControlCharacter, "control-character" },
    { WebhookUrl::Problem::Space, "space" },       { WebhookUrl::Problem::MissingScheme, "missing-scheme" },
    { WebhookUrl::Problem::NotAUrl, "not-a-url" }, { WebhookUrl::Problem::UnsupportedScheme, "unsupported-scheme" },
    { WebhookUrl::Problem::NoHost, "no-host" },    { WebhookUrl::Problem::UserInfo, "user-info" },
};

} // namespace

QString WebhookUrl::problemKey(Problem problem)
{
    for (const auto& name : ProblemNames) {
        if (name.problem == problem) {
            return QString::fromLatin1(name.key);
        }
    }
    return {};
}

WebhookUrl::Problem WebhookUrl::problemFromKey(const QString& key)
{
    for (const auto& name : ProblemNames) {
        if (key == QLatin1String(name.key)) {
            return name.problem;
        }
    }
    return Problem::None;
}

QString WebhookUrl::problemText(Problem problem, const QString& argument, const QString& text)
{
    switch (problem) {
    case Problem::None:
        break;
    case Problem::Empty:
        return tr("Enter the webhook URL, for example https://discord.com/api/webhooks/…");
    case Problem::ControlCharacter:
        return tr("The URL must not contain control characters.");
    case Problem::Space:
        return tr("The URL must not contain spaces.");
    case Problem::MissingScheme:
        if (argument.isEmpty()) {
            return tr("The URL must start with https:// or http://.");
        }
        if (text.isEmpty()) {
            //: %1 is "http://" or "https://".
            return tr("The URL must start with https:// or http://: write %1 in front of the host.").arg(argument);
        }
        return tr("The URL must start with https:// or http://: did you mean %1?")
            .arg(InputEcho::capped(argument + text));
    case Problem::NotAUrl:
        return tr("This is not a valid URL; check its characters and its format.");
    case Problem::UnsupportedScheme:
        return tr("Only http and https URLs are supported, not \"%1\".").arg(argument);
    case Problem::NoHost:
        return tr("The URL must name a host, as in https://example.com/hook.");
    case Problem::UserInfo:
        return tr("The URL must not contain a user name or password; send credentials in a custom header "
                  "such as Authorization (Settings → Webhooks, the endpoint's Security tab).");
    }
    return {};
}

WebhookUrl::Check WebhookUrl::validate(const QString& text)
{
    Check check;
    const auto fail = [&check, &text](Verdict verdict, Problem problem, const QString& argument = {}) {
        check.verdict = verdict;
        check.problem = problem;
        check.argument = argument;
        check.message = problemText(problem, argument, text);
        return check;
    };
    if (text.isEmpty()) {
        return fail(Verdict::Empty, Problem::Empty);
    }
    for (const auto ch : text) {
        // Control characters first: a trailing carriage return is one, not a space.
        if (ch.category() == QChar::Other_Control || ch.category() == QChar::Other_Format) {
            return fail(Verdict::Invalid, Problem::ControlCharacter);
        }
        if (ch.isSpace()) {
            return fail(Verdict::Invalid, Problem::Space);
        }
    }
    if (!text.contains(QLatin1String("://"))) {
        // "localhost:18001" parses as the scheme "localhost": say what was probably meant.
        const QUrl guess(QStringLiteral("http://") + text, QUrl::StrictMode);
        const bool local = guess.host() == QLatin1String("localhost") || !QHostAddress(guess.host()).isNull();
        // Not while "https:" is being typed: a host with a dot, localhost, an address, or a port.
        if (guess.isValid() && guess.userInfo().isEmpty()
            && (local || guess.port() > 0 || guess.host().contains(QLatin1Char('.')))) {
            const bool plainPort = guess.port() > 0 && guess.port() != 443;
            return fail(Verdict::Invalid, Problem::MissingScheme,
                        (local || plainPort) ? QStringLiteral("http://") : QStringLiteral("https://"));
        }
    }
    const QUrl url(text, QUrl::StrictMode);
    if (url.scheme().isEmpty() || url.isRelative()) {
        return fail(Verdict::Invalid, Problem::MissingScheme);
    }
    if (!url.isValid()) {
        return fail(Verdict::Invalid, Problem::NotAUrl);
    }
    const auto scheme = url.scheme();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        return fail(Verdict::Invalid, Problem::UnsupportedScheme, InputEcho::capped(scheme));
    }
    if (url.host().isEmpty()) {
        return fail(Verdict::Invalid, Problem::NoHost);
    }
    // Qt would answer an authentication challenge with them by sending the request again, unrecorded.
    if (!url.userInfo().isEmpty()) {
        return fail(Verdict::Invalid, Problem::UserInfo);
    }
    check.verdict = Verdict::Valid;
    check.problem = Problem::None;
    check.url = url;
    return check;
}

QString WebhookUrl::environmentValue()
{
    return qEnvironmentVariable(EnvironmentVariable);
}

QString WebhookUrl::mask(const QString& text)
{
    const QUrl url(text);
    if (!url.isValid() || url.host().isEmpty()) {
        return text.isEmpty() ? QString() : QStringLiteral("…");
    }
    auto visible = url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                | QUrl::StripTrailingSlash);
    const auto rest = url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (rest.isEmpty() || rest == QLatin1String("/")) {
        return visible;
    }
    return visible + QStringLiteral("/…") + rest.right(4);
}
