#include "WebhookCommand.h"

#include "CliContext.h"
#include "DeliveryHold.h"
#include "PayloadFormat.h"
#include "Settings.h"
#include "Signature.h"
#include "WebhookConfig.h"
#include "WebhookSender.h"
#include "WebhookUrl.h"

#include <QNetworkAccessManager>

namespace {

const QString FormatOption = QStringLiteral("format");
const QString TimeoutOption = QStringLiteral("timeout");
const QString RevealOption = QStringLiteral("reveal");

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
    const Argument url { tr("URL"), tr("The webhook's address, http:// or https://.") };
    const Argument headerName { tr("NAME"), tr("The header's name, for example Authorization.") };
    const Argument headerValue { tr("VALUE"), tr("The header's value, kept secret.") };
    return {
        { { QStringLiteral("show") },
          tr("Show the effective URL and where it comes from, the format, the timeout, signing and custom headers."),
          {},
          { reveal } },
        { { QStringLiteral("set") }, tr("Check and save the webhook URL."), { url }, { format, timeout } },
        { { QStringLiteral("clear") }, tr("Forget the saved webhook URL."), {}, {} },
        { { QStringLiteral("test") },
          tr("Send a test notification to the effective URL and show the outcome."),
          {},
          {} },
        { { QStringLiteral("secret"), QStringLiteral("generate") },
          tr("Sign requests with a new secret (Standard Webhooks); a previous secret keeps signing for 24 hours."),
          {},
          {} },
        { { QStringLiteral("secret"), QStringLiteral("clear") }, tr("Stop signing requests."), {}, {} },
        { { QStringLiteral("header"), QStringLiteral("set") },
          tr("Add a header to every request, or replace it."),
          { headerName, headerValue },
          {} },
        { { QStringLiteral("header"), QStringLiteral("remove") },
          tr("Stop sending a custom header."),
          { headerName },
          {} },
    };
}

int WebhookCommand::run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional)
{
    if (!m_context->settings()) {
        return CliContext::Failure;
    }
    const auto key = action.join(QLatin1Char(' '));
    if (key == QLatin1String("show")) {
        return show(parser.isSet(RevealOption));
    }
    if (key == QLatin1String("set")) {
        return set(parser, positional.at(0));
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
    if (key == QLatin1String("secret clear")) {
        return clearSecret();
    }
    if (key == QLatin1String("header set")) {
        return setHeader(positional.at(0), positional.at(1));
    }
    return removeHeader(positional.at(0));
}

int WebhookCommand::show(bool reveal)
{
    const auto& settings = *m_context->settings();
    const auto config = WebhookConfig::load(settings);
    const auto& url = config.url.url;
    const bool configured = config.url.source != WebhookUrl::Source::None;

    m_context->print(tr("URL: %1").arg(configured ? (reveal ? url : WebhookUrl::mask(url)) : tr("none")));
    m_context->print(tr("Source: %1").arg(WebhookUrl::sourceName(config.url.source)));
    const auto saved = settings.string(Settings::Key::WebhookUrl);
    if (config.url.source == WebhookUrl::Source::Environment && !saved.isEmpty()) {
        m_context->print(
            tr("Saved URL, unused while %1 is set: %2")
                .arg(QLatin1String(WebhookUrl::EnvironmentVariable), reveal ? saved : WebhookUrl::mask(saved)));
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
            m_context->print(QStringLiteral("  ") + QString::fromLatin1(name) + QStringLiteral(": ")
                             + QString::fromUtf8(shown));
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
            m_context->error(tr("Unknown format \"%1\": use one of %2.")
                                 .arg(parser.value(FormatOption), formatKeys().join(QStringLiteral(", "))));
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

    auto* settings = m_context->settings();
    if (!settings->set(Settings::Key::WebhookUrl, url)
        || (format && !settings->set(Settings::Key::PayloadFormat, PayloadFormat::key(*format)))
        || (timeout && !settings->set(Settings::Key::TimeoutSeconds, *timeout))) {
        m_context->error(tr("Cannot save the settings in the database."));
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
        m_context->error(tr("Cannot save the settings in the database."));
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
        m_context->error(invalid.summary());
        return CliContext::Failure;
    }

    m_network = new QNetworkAccessManager(this);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    auto* sender = new WebhookSender(m_network, this);
    m_context->print(tr("Sending a test notification to %1 (%2)…")
                         .arg(WebhookUrl::mask(config.url.url), WebhookUrl::sourceName(config.url.source)));
    auto* pending = sender->send(config.request(Notification::test(), check.url));
    connect(pending, &PendingDelivery::finished, this, [this, url = config.url.url](const DeliveryResult& result) {
        if (result.isSuccess()) {
            // The webhook answers again: whatever a 410 said before, it exists.
            DeliveryHold::clearGone(*m_context->settings(), url);
            m_context->print(result.summary());
            finish(CliContext::Success);
        } else {
            m_context->error(result.summary());
            finish(CliContext::Failure);
        }
    });
    return Running;
}

int WebhookCommand::generateSecret()
{
    auto* settings = m_context->settings();
    const auto previous = settings->string(Settings::Key::SigningSecret);
    const auto secret = Signature::generateSecret();
    if (secret.isEmpty()) {
        m_context->error(tr("Cannot generate a secret: the random number generator is unavailable."));
        return CliContext::Failure;
    }
    const auto expiresAt = QDateTime::currentDateTimeUtc().addSecs(SecretOverlapSeconds);
    bool saved = true;
    if (!previous.isEmpty()) {
        saved = settings->set(Settings::Key::PreviousSigningSecret, previous)
            && settings->set(Settings::Key::PreviousSecretExpiresAt, expiresAt.toString(Qt::ISODate));
    }
    saved = saved && settings->set(Settings::Key::SigningSecret, secret);
    if (!saved) {
        m_context->error(tr("Cannot save the settings in the database."));
        return CliContext::Failure;
    }
    m_context->print(
        tr("New signing secret, shown only this once; give it to the receiver so it can verify requests:"));
    m_context->print(secret);
    if (!previous.isEmpty()) {
        m_context->print(
            tr("The previous secret keeps signing alongside it until %1.").arg(CliContext::formatTime(expiresAt)));
    }
    return CliContext::Success;
}

int WebhookCommand::clearSecret()
{
    auto* settings = m_context->settings();
    const bool wasSigning = !settings->string(Settings::Key::SigningSecret).isEmpty();
    if (!settings->reset(Settings::Key::SigningSecret) || !settings->reset(Settings::Key::PreviousSigningSecret)
        || !settings->reset(Settings::Key::PreviousSecretExpiresAt)) {
        m_context->error(tr("Cannot save the settings in the database."));
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
    auto headers = WebhookConfig::parseHeaders(settings->string(Settings::Key::CustomHeaders));
    const auto nameBytes = name.toLatin1();
    const auto valueBytes = value.toUtf8();
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
    if (!settings->set(Settings::Key::CustomHeaders, WebhookConfig::serializeHeaders(headers))) {
        m_context->error(tr("Cannot save the settings in the database."));
        return CliContext::Failure;
    }
    m_context->print(
        tr("Header saved: %1: %2").arg(name, QString::fromUtf8(WebhookConfig::maskValue(nameBytes, valueBytes))));
    return CliContext::Success;
}

int WebhookCommand::removeHeader(const QString& name)
{
    auto* settings = m_context->settings();
    auto headers = WebhookConfig::parseHeaders(settings->string(Settings::Key::CustomHeaders));
    const auto removed = headers.removeIf([nameBytes = name.toLatin1()](const QPair<QByteArray, QByteArray>& header) {
        return header.first.compare(nameBytes, Qt::CaseInsensitive) == 0;
    });
    if (removed == 0) {
        m_context->error(tr("There is no custom header named %1.").arg(name));
        return CliContext::Failure;
    }
    if (!settings->set(Settings::Key::CustomHeaders, WebhookConfig::serializeHeaders(headers))) {
        m_context->error(tr("Cannot save the settings in the database."));
        return CliContext::Failure;
    }
    m_context->print(tr("Header removed: %1").arg(name));
    return CliContext::Success;
}
