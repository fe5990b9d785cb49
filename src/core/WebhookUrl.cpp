#include "WebhookUrl.h"

#include "InputEcho.h"
#include "Settings.h"

#include <QHostAddress>

WebhookUrl::Check WebhookUrl::validate(const QString& text)
{
    Check check;
    if (text.isEmpty()) {
        check.verdict = Verdict::Empty;
        check.message = tr("Enter the webhook URL, for example https://discord.com/api/webhooks/…");
        return check;
    }
    check.verdict = Verdict::Invalid;
    for (const auto ch : text) {
        // Control characters first: a trailing carriage return is one, not a space.
        if (ch.category() == QChar::Other_Control || ch.category() == QChar::Other_Format) {
            check.message = tr("The URL must not contain control characters.");
            return check;
        }
        if (ch.isSpace()) {
            check.message = tr("The URL must not contain spaces.");
            return check;
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
            const QString suggestion =
                ((local || plainPort) ? QStringLiteral("http://") : QStringLiteral("https://")) + text;
            check.message =
                tr("The URL must start with https:// or http://: did you mean %1?").arg(InputEcho::capped(suggestion));
            return check;
        }
    }
    const QUrl url(text, QUrl::StrictMode);
    if (url.scheme().isEmpty() || url.isRelative()) {
        check.message = tr("The URL must start with https:// or http://.");
        return check;
    }
    if (!url.isValid()) {
        check.message = tr("This is not a valid URL; check its characters and its format.");
        return check;
    }
    const auto scheme = url.scheme();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        check.message = tr("Only http and https URLs are supported, not \"%1\".").arg(InputEcho::capped(scheme));
        return check;
    }
    if (url.host().isEmpty()) {
        check.message = tr("The URL must name a host, as in https://example.com/hook.");
        return check;
    }
    // Qt would answer an authentication challenge with them by sending the request again, unrecorded.
    if (!url.userInfo().isEmpty()) {
        check.message = tr("The URL must not contain a user name or password; send credentials in a custom header "
                           "such as Authorization (Security settings).");
        return check;
    }
    check.verdict = Verdict::Valid;
    check.url = url;
    return check;
}

QString WebhookUrl::environmentValue()
{
    return qEnvironmentVariable(EnvironmentVariable);
}

WebhookUrl::Effective WebhookUrl::effective(const Settings& settings)
{
    const auto fromEnvironment = environmentValue();
    if (!fromEnvironment.isEmpty()) {
        return { fromEnvironment, Source::Environment };
    }
    const auto saved = settings.string(Settings::Key::WebhookUrl);
    if (!saved.isEmpty()) {
        return { saved, Source::Settings };
    }
    return {};
}

QString WebhookUrl::sourceName(Source source)
{
    switch (source) {
    case Source::Environment:
        return tr("environment variable %1").arg(QLatin1String(EnvironmentVariable));
    case Source::Settings:
        return tr("settings");
    case Source::None:
        break;
    }
    return tr("none");
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
