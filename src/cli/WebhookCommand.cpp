#include "WebhookCommand.h"

#include "CliContext.h"
#include "outbox/DeliveryHold.h"
#include "storage/Settings.h"
#include "text/InputEcho.h"
#include "text/SafeText.h"
#include "webhooks/PayloadFormat.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"
#include "webhooks/WebhookUrl.h"

#include <QNetworkAccessManager>

namespace {

const QString FormatOption = QStringLiteral("format");
const QString TimeoutOption = QStringLiteral("timeout");
const QString RevealOption = QStringLiteral("reveal");
const QString UrlStdinOption = QStringLiteral("url-stdin");
const QString ValueStdinOption = QStringLiteral("value-stdin");

constexpr int MinimumTimeout = 1;
constexpr int MaximumTimeout = 300;
constexpr qint64 SecretOverlapSeconds = 24 * 3600;

QStringList formatKeys()
{
    QStringList keys;
    for (const auto format : PayloadFormat::all()) {
        keys << PayloadFormat::key(format);
    }
    return keys;
}

} // namespace

QString WebhookCommand::description() const
{
    return tr("Configure the webhook that is notified when an account is created, and test it.");
}

QList<CliCommand::Action> WebhookCommand::actions() const
{
    const QCommandLineOption format(
        FormatOption,
        tr("Payload format: %1 (Auto picks one from the URL's host).").arg(formatKeys().join(QLatin1Char('|'))),
        tr("format"));
    const QCommandLineOption timeout(
        TimeoutOption,
        tr("Seconds to wait for the receiver's answer (%1 to %2).").arg(MinimumTimeout).arg(MaximumTimeout),
        tr("seconds"));
    const QCommandLineOption reveal(RevealOption,
                                    tr("Show the URL, the signing secrets and the header values in full."));
    const QCommandLineOption urlStdin(
        UrlStdinOption,
        tr("Read the URL from the first line of standard input instead, so that its token stays out of the process "
           "list and the shell history."));
    const QCommandLineOption valueStdin(
        ValueStdinOption,
        tr("Read the value from the first line of standard input instead, so that it stays out of the process list "
           "and the shell history."));
    const Argument url { tr("URL"), tr("The webhook's address, http:// or https://; or --%1.").arg(UrlStdinOption),
                         true };
    const Argument headerName { tr("NAME"), tr("The header's name, for example Authorization.") };
    const Argument headerValue { tr("VALUE"), tr("The header's value, kept secret; or --%1.").arg(ValueStdinOption),
                                 true };
    return {
        { { QStringLiteral("show") },
          tr("Show the effective URL and where it comes from, the format, the timeout, signing and custom headers."),
          {},
          { reveal } },
        { { QStringLiteral("set") },
          tr("Check and save the webhook URL; nothing is saved when something is refused."),
          { url },
          { urlStdin, format, timeout } },
        { { QStringLiteral("clear") }, tr("Forget the saved webhook URL."), {}, {} },
        { { QStringLiteral("test") },
          tr("Send a test notification to the effective URL and show the outcome."),
          {},
          {} },
        { { QStringLiteral("secret"), QStringLiteral("generate") },
          tr("Sign requests with a new secret (Standard Webhooks); a previous secret keeps signing for 24 hours."),
          {},
          {} },
        { { QStringLiteral("secret"), QStringLiteral("set") },
          tr("Sign requests with a secret read from the first line of standard input (whsec_ and Base64, as the "
             "receiver gave it); a previous secret keeps signing for 24 hours."),
          {},
          {} },
        { { QStringLiteral("secret"), QStringLiteral("clear") }, tr("Stop signing requests."), {}, {} },
        { { QStringLiteral("header"), QStringLiteral("set") },
          tr("Add a header to every request, or replace it. Hop-by-hop and framing headers (Connection, Host, "
             "Content-Length, Transfer-Encoding…) and control characters in the value are refused."),
          { headerName, headerValue },
          { valueStdin } },
        { { QStringLiteral("header"), QStringLiteral("remove") },
          tr("Stop sending a custom header."),
          { headerName },
          {} },
    };
}

int WebhookCommand::run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional)
{
    const auto key = action.join(QLatin1Char(' '));
    const bool writes = key != QLatin1String("show") && key != QLatin1String("test");
    if ((writes && !m_context->requireWritable()) || !m_context->settings()) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("show")) {
        return show(parser.isSet(RevealOption));
    }
    if (key == QLatin1String("set")) {
        const auto url = argumentOrInput(action, parser, UrlStdinOption, positional.value(0));
        return url ? set(parser, *url) : CliContext::UsageError;
    }
    if (key == QLatin1String("clear")) {
        return clear();
    }
    if (key == QLatin1String("test")) {
        return test();
    }
    if (key == QLatin1String("secret generate")) {
        return generateSecret();
    }
    if (key == QLatin1String("secret set")) {
        return setSecret();
    }
    if (key == QLatin1String("secret clear")) {
        return clearSecret();
    }
    if (key == QLatin1String("header set")) {
        const auto value = argumentOrInput(action, parser, ValueStdinOption, positional.value(1));
        return value ? setHeader(positional.at(0), *value) : CliContext::UsageError;
    }
    return removeHeader(positional.at(0));
}

int WebhookCommand::show(bool reveal)
{
    const auto& settings = *m_context->settings();
    const auto config = WebhookConfig::load(settings);
    const auto& url = config.url.url;
    const bool configured = config.url.source != WebhookUrl::Source::None;

    m_context->print(
        tr("URL: %1").arg(configured ? SafeText::printable(reveal ? url : WebhookUrl::mask(url)) : tr("none")));
    m_context->print(tr("Source: %1").arg(WebhookUrl::sourceName(config.url.source)));
    if (const auto check = WebhookUrl::validate(url); configured && !check.isValid()) {
        m_context->print(tr("Not valid, nothing can be sent: %1").arg(check.message));
    }
    const auto saved = settings.string(Settings::Key::WebhookUrl);
    if (config.url.source == WebhookUrl::Source::Environment && !saved.isEmpty()) {
        m_context->print(tr("Saved URL, unused while %1 is set: %2")
                             .arg(QLatin1String(WebhookUrl::EnvironmentVariable),
                                  SafeText::printable(reveal ? saved : WebhookUrl::mask(saved))));
    }

    const auto formatName = PayloadFormat::displayName(config.format);
    if (config.format == PayloadFormat::Auto && configured) {
        const auto picked = PayloadFormat::detect(QUrl(url));
        m_context->print(
            tr("Format: %1, which picks %2 for this URL").arg(formatName, PayloadFormat::displayName(picked)));
    } else {
        m_context->print(tr("Format: %1").arg(formatName));
    }
    m_context->print(tr("Timeout: %1 s").arg(config.timeoutSeconds));

    m_context->print(config.isSigning() ? tr("Signing: on") : tr("Signing: off"));
    if (config.isSigning() && reveal) {
        m_context->print(tr("Signing secret: %1").arg(config.signingSecret));
    }
    const auto now = QDateTime::currentDateTimeUtc();
    if (!config.previousSigningSecret.isEmpty() && config.previousSecretExpiresAt.isValid()
        && now < config.previousSecretExpiresAt) {
        m_context->print(
            tr("The previous secret also signs until %1").arg(CliContext::formatTime(config.previousSecretExpiresAt)));
        if (reveal) {
            m_context->print(tr("Previous signing secret: %1").arg(config.previousSigningSecret));
        }
    }

    if (config.customHeaders.isEmpty()) {
        m_context->print(tr("Custom headers: none"));
    } else {
        m_context->print(tr("Custom headers:"));
        for (const auto& [name, value] : config.customHeaders) {
            const auto shown = reveal ? value : WebhookConfig::maskValue(name, value);
            m_context->print(QStringLiteral("  ") + SafeText::printable(QString::fromLatin1(name))
                             + QStringLiteral(": ") + SafeText::printable(QString::fromUtf8(shown)));
        }
    }
    return CliContext::Success;
}

int WebhookCommand::set(const QCommandLineParser& parser, const QString& url)
{
    const auto check = WebhookUrl::validate(url);
    if (!check.isValid()) {
        m_context->error(check.message);
        return CliContext::UsageError;
    }
    std::optional<PayloadFormat::Format> format;
    if (parser.isSet(FormatOption)) {
        format = PayloadFormat::fromKey(parser.value(FormatOption));
        if (!format) {
            m_context->error(
                tr("Unknown format \"%1\": use one of %2.")
                    .arg(InputEcho::capped(parser.value(FormatOption)), formatKeys().join(QStringLiteral(", "))));
            return CliContext::UsageError;
        }
    }
    std::optional<int> timeout;
    if (parser.isSet(TimeoutOption)) {
        bool isNumber = false;
        timeout = parser.value(TimeoutOption).toInt(&isNumber);
        if (!isNumber || *timeout < MinimumTimeout || *timeout > MaximumTimeout) {
            m_context->error(tr("The timeout must be a whole number of seconds from %1 to %2.")
                                 .arg(MinimumTimeout)
                                 .arg(MaximumTimeout));
            return CliContext::UsageError;
        }
    }

    Settings::Batch changes;
    changes.set(Settings::Key::WebhookUrl, url);
    if (format) {
        changes.set(Settings::Key::PayloadFormat, PayloadFormat::key(*format));
    }
    if (timeout) {
        changes.set(Settings::Key::TimeoutSeconds, *timeout);
    }
    if (!m_context->settings()->apply(changes)) {
        m_context->error(tr("Cannot save the settings in the database; nothing was changed."));
        return CliContext::Failure;
    }
    m_context->print(tr("Webhook URL saved: %1").arg(WebhookUrl::mask(url)));
    if (format) {
        m_context->print(tr("Format: %1").arg(PayloadFormat::displayName(*format)));
    }
    if (timeout) {
        m_context->print(tr("Timeout: %1 s").arg(*timeout));
    }
    warnIfEnvironmentOverrides();
    return CliContext::Success;
}

int WebhookCommand::clear()
{
    if (!m_context->settings()->reset(Settings::Key::WebhookUrl)) {
        m_context->error(tr("Cannot save the settings in the database; nothing was changed."));
        return CliContext::Failure;
    }
    m_context->print(tr("Saved webhook URL cleared."));
    warnIfEnvironmentOverrides();
    return CliContext::Success;
}

void WebhookCommand::warnIfEnvironmentOverrides()
{
    if (!WebhookUrl::environmentValue().isEmpty()) {
        m_context->error(tr("Warning: the environment variable %1 is set; it overrides the saved URL while it is set.")
                             .arg(QLatin1String(WebhookUrl::EnvironmentVariable)));
    }
}

int WebhookCommand::test()
{
    const auto config = WebhookConfig::load(*m_context->settings());
    if (config.url.source == WebhookUrl::Source::None) {
        m_context->error(tr("No webhook URL is configured: save one with \"%1 webhook set URL\" or set %2.")
                             .arg(programName(), QLatin1String(WebhookUrl::EnvironmentVariable)));
        return CliContext::Failure;
    }
    const auto check = WebhookUrl::validate(config.url.url);
    if (!check.isValid()) {
        DeliveryResult invalid;
        invalid.outcome = DeliveryResult::Outcome::InvalidUrl;
        invalid.detail = check.message;
        m_context->error(SafeText::printable(invalid.summary()));
        return CliContext::Failure;
    }

    m_network = new QNetworkAccessManager(this);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    auto* sender = new WebhookSender(m_network, this);
    m_context->print(tr("Sending a test notification to %1 (%2)…")
                         .arg(WebhookUrl::mask(config.url.url), WebhookUrl::sourceName(config.url.source)));
    auto* pending = sender->send(config.request(Notification::test(), check.url));
    connect(pending, &PendingDelivery::finished, this, [this, url = config.url.url](DeliveryResult result) {
        result.isTest = true;
        // The summary may quote the receiver (a redirect's Location, an error text).
        const auto summary = SafeText::printable(result.summary());
        if (result.isSuccess()) {
            // The webhook answers again: whatever a 410 said before, it exists.
            DeliveryHold::clearGone(*m_context->settings(), url);
            m_context->print(summary);
            finish(CliContext::Success);
        } else {
            m_context->error(summary);
            finish(CliContext::Failure);
        }
    });
    return Running;
}

std::optional<QString> WebhookCommand::argumentOrInput(const QStringList& words, const QCommandLineParser& parser,
                                                       const QString& option, const QString& argument)
{
    const auto all = actions();
    const auto action = *std::find_if(all.cbegin(), all.cend(), [&words](const Action& a) { return a.words == words; });
    const bool fromInput = parser.isSet(option);
    if (fromInput == !argument.isNull()) {
        usageError(fromInput ? tr("Give either %1 or --%2, not both.").arg(action.arguments.constLast().name, option)
                             : tr("Missing argument %1 (or --%2).").arg(action.arguments.constLast().name, option),
                   action);
        return std::nullopt;
    }
    return fromInput ? m_context->readInputLine() : std::optional<QString>(argument);
}

int WebhookCommand::setSecret()
{
    const auto secret = m_context->readInputLine();
    if (!secret) {
        return CliContext::UsageError;
    }
    if (!Signature::isValidSecret(*secret)) {
        m_context->error(tr("This is not a signing secret: give whsec_ followed by Base64 (24 to 64 bytes), as the "
                            "receiver or \"%1 webhook secret generate\" gave it. Nothing was saved.")
                             .arg(programName()));
        return CliContext::UsageError;
    }
    QDateTime previousSignsUntil;
    if (!saveSecret(*secret, &previousSignsUntil)) {
        return CliContext::Failure;
    }
    m_context->print(tr("Signing secret saved: requests are signed with it from now on."));
    printPreviousSecret(previousSignsUntil);
    return CliContext::Success;
}

bool WebhookCommand::saveSecret(const QString& secret, QDateTime* previousSignsUntil)
{
    auto* settings = m_context->settings();
    const auto expiresAt = QDateTime::currentDateTimeUtc().addSecs(SecretOverlapSeconds);
    bool rotating = false;
    // The current secret is read in the transaction that replaces it.
    const bool saved = settings->update([&](Settings::Batch& changes) {
        const auto previous = settings->string(Settings::Key::SigningSecret);
        rotating = !previous.isEmpty() && previous != secret;
        if (rotating) {
            changes.set(Settings::Key::PreviousSigningSecret, previous)
                .set(Settings::Key::PreviousSecretExpiresAt, expiresAt.toString(Qt::ISODate));
        }
        changes.set(Settings::Key::SigningSecret, secret);
        return true;
    });
    if (!saved) {
        m_context->error(tr("Cannot save the settings in the database; nothing was changed."));
        return false;
    }
    *previousSignsUntil = rotating ? expiresAt : QDateTime();
    return true;
}

void WebhookCommand::printPreviousSecret(const QDateTime& previousSignsUntil)
{
    if (previousSignsUntil.isValid()) {
        m_context->print(tr("The previous secret keeps signing alongside it until %1.")
                             .arg(CliContext::formatTime(previousSignsUntil)));
    }
}

int WebhookCommand::generateSecret()
{
    const auto secret = Signature::generateSecret();
    if (secret.isEmpty()) {
        m_context->error(tr("Cannot generate a secret: the random number generator is unavailable."));
        return CliContext::Failure;
    }
    QDateTime previousSignsUntil;
    if (!saveSecret(secret, &previousSignsUntil)) {
        return CliContext::Failure;
    }
    m_context->print(
        tr("New signing secret, shown only this once; give it to the receiver so it can verify requests:"));
    m_context->print(secret);
    printPreviousSecret(previousSignsUntil);
    return CliContext::Success;
}

int WebhookCommand::clearSecret()
{
    auto* settings = m_context->settings();
    const bool wasSigning = !settings->string(Settings::Key::SigningSecret).isEmpty();
    if (!settings->apply(Settings::Batch()
                             .reset(Settings::Key::SigningSecret)
                             .reset(Settings::Key::PreviousSigningSecret)
                             .reset(Settings::Key::PreviousSecretExpiresAt))) {
        m_context->error(tr("Cannot save the settings in the database; nothing was changed."));
        return CliContext::Failure;
    }
    m_context->print(wasSigning ? tr("Signing turned off: requests are no longer signed.")
                                : tr("Signing was already off."));
    return CliContext::Success;
}

int WebhookCommand::setHeader(const QString& name, const QString& value)
{
    if (const auto problem = WebhookConfig::headerProblem(name, value); !problem.isEmpty()) {
        m_context->error(problem);
        return CliContext::UsageError;
    }
    auto* settings = m_context->settings();
    const auto nameBytes = name.toLatin1();
    const auto valueBytes = value.toUtf8();
    // Read and written in one transaction, so that a header another process adds meanwhile is not lost.
    const bool saved = settings->update([&](Settings::Batch& changes) {
        auto headers = WebhookConfig::parseHeaders(settings->string(Settings::Key::CustomHeaders));
        bool replaced = false;
        for (auto& header : headers) {
            if (header.first.compare(nameBytes, Qt::CaseInsensitive) == 0) {
                header = { nameBytes, valueBytes };
                replaced = true;
            }
        }
        if (!replaced) {
            headers.append({ nameBytes, valueBytes });
        }
        changes.set(Settings::Key::CustomHeaders, WebhookConfig::serializeHeaders(headers));
        return true;
    });
    if (!saved) {
        m_context->error(tr("Cannot save the settings in the database; nothing was changed."));
        return CliContext::Failure;
    }
    m_context->print(
        tr("Header saved: %1: %2").arg(name, QString::fromUtf8(WebhookConfig::maskValue(nameBytes, valueBytes))));
    return CliContext::Success;
}

int WebhookCommand::removeHeader(const QString& name)
{
    auto* settings = m_context->settings();
    std::optional<qsizetype> removed; // unset when the transaction could not start
    const bool saved = settings->update([&](Settings::Batch& changes) {
        auto headers = WebhookConfig::parseHeaders(settings->string(Settings::Key::CustomHeaders));
        removed = headers.removeIf([nameBytes = name.toLatin1()](const QPair<QByteArray, QByteArray>& header) {
            return header.first.compare(nameBytes, Qt::CaseInsensitive) == 0;
        });
        if (*removed > 0) {
            changes.set(Settings::Key::CustomHeaders, WebhookConfig::serializeHeaders(headers));
        }
        return *removed > 0;
    });
    if (removed == 0) {
        m_context->error(tr("There is no custom header named %1.").arg(InputEcho::capped(name)));
        return CliContext::Failure;
    }
    if (!saved) {
        m_context->error(tr("Cannot save the settings in the database; nothing was changed."));
        return CliContext::Failure;
    }
    m_context->print(tr("Header removed: %1").arg(name));
    return CliContext::Success;
}
