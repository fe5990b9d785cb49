#include "WebhookCommand.h"

#include "CliContext.h"
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

constexpr int MinimumTimeout = Endpoint::MinimumTimeoutSeconds;
constexpr int MaximumTimeout = Endpoint::MaximumTimeoutSeconds;

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
    if ((writes && !m_context->requireWritable()) || !m_context->database()) {
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
    const auto endpoint = EndpointStore(m_context->database()).main();
    const auto config = WebhookConfig::forEndpoint(endpoint, {});
    const auto& url = config.url;
    const bool configured = !url.isEmpty();

    m_context->print(
        tr("URL: %1").arg(configured ? SafeText::printable(reveal ? url : WebhookUrl::mask(url)) : tr("none")));
    m_context->print(
        tr("Endpoint: %1 (%2)").arg(SafeText::printable(endpoint.name), Endpoint::stateDisplayName(endpoint.state())));
    if (const auto check = WebhookUrl::validate(url); configured && !check.isValid()) {
        m_context->print(tr("Not valid, nothing can be sent: %1").arg(check.message));
    }
    if (const auto fromEnvironment = EndpointStore::environment()) {
        m_context->print(
            tr("Also notified of new accounts while %1 is set: %2")
                .arg(Endpoint::environmentName(),
                     SafeText::printable(reveal ? fromEnvironment->url : WebhookUrl::mask(fromEnvironment->url))));
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

    const bool saved = changeMain([&](Endpoint& endpoint) {
        endpoint.url = url;
        endpoint.format = format.value_or(endpoint.format);
        endpoint.timeoutSeconds = timeout.value_or(endpoint.timeoutSeconds);
        return true;
    });
    if (!saved) {
        return CliContext::Failure;
    }
    m_context->print(tr("Webhook URL saved: %1").arg(WebhookUrl::mask(url)));
    if (format) {
        m_context->print(tr("Format: %1").arg(PayloadFormat::displayName(*format)));
    }
    if (timeout) {
        m_context->print(tr("Timeout: %1 s").arg(*timeout));
    }
    mentionEnvironmentEndpoint();
    return CliContext::Success;
}

int WebhookCommand::clear()
{
    if (!changeMain([](Endpoint& endpoint) {
            endpoint.url.clear();
            return true;
        })) {
        return CliContext::Failure;
    }
    m_context->print(tr("Saved webhook URL cleared."));
    mentionEnvironmentEndpoint();
    return CliContext::Success;
}

bool WebhookCommand::changeMain(const std::function<bool(Endpoint& endpoint)>& change)
{
    EndpointStore store(m_context->database());
    QString error;
    if (!store.update(store.main().id, change, &error)) {
        if (!error.isEmpty()) {
            m_context->error(tr("Nothing was changed: %1").arg(error));
        }
        return false;
    }
    return true;
}

void WebhookCommand::mentionEnvironmentEndpoint()
{
    if (!WebhookUrl::environmentValue().isEmpty()) {
        m_context->error(tr("Note: the environment variable %1 is set; new accounts are also notified to its URL, as "
                            "an endpoint of its own, while it is set.")
                             .arg(QLatin1String(WebhookUrl::EnvironmentVariable)));
    }
}

int WebhookCommand::test()
{
    auto endpoint = EndpointStore(m_context->database()).main();
    if (endpoint.url.isEmpty()) {
        if (const auto fromEnvironment = EndpointStore::environment()) {
            endpoint = *fromEnvironment;
        }
    }
    const auto config = WebhookConfig::forEndpoint(endpoint, NetworkOptions::load(*m_context->settings()));
    if (config.url.isEmpty()) {
        m_context->error(tr("No webhook URL is configured: save one with \"%1 webhook set URL\" or set %2.")
                             .arg(programName(), QLatin1String(WebhookUrl::EnvironmentVariable)));
        return CliContext::Failure;
    }
    const auto check = WebhookUrl::validate(config.url);
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
                         .arg(WebhookUrl::mask(config.url), SafeText::printable(endpoint.name)));
    auto test = Notification::test();
    test.text = endpoint.messageTemplate(Event::WebhookTest);
    auto* pending = sender->send(config.request(test, check.url));
    connect(pending, &PendingDelivery::finished, this,
            [this, id = endpoint.id, url = config.url](DeliveryResult result) {
                result.isTest = true;
                // The summary may quote the receiver (a redirect's Location, an error text).
                const auto summary = SafeText::printable(result.summary());
                if (result.isSuccess()) {
                    // The webhook answers again: whatever a 410 said before, it exists.
                    if (id != Endpoint::EnvironmentId) {
                        EndpointStore(m_context->database()).update(id, [&url](Endpoint& stored) {
                            const bool wasGone = stored.goneAt.isValid() && stored.url.trimmed() == url;
                            stored.goneAt = {};
                            return wasGone;
                        });
                    }
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
    QDateTime expiresAt;
    // The current secret is read in the transaction that replaces it.
    const bool saved = changeMain([&](Endpoint& endpoint) {
        if (endpoint.signingSecret != secret) {
            endpoint.rotateSecret();
            endpoint.signingSecret = secret;
            expiresAt = endpoint.previousSigningSecret.isEmpty() ? QDateTime() : endpoint.previousSecretExpiresAt;
        }
        return true;
    });
    if (!saved) {
        return false;
    }
    *previousSignsUntil = expiresAt;
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
    bool wasSigning = false;
    if (!changeMain([&wasSigning](Endpoint& endpoint) {
            wasSigning = !endpoint.signingSecret.isEmpty();
            endpoint.clearSecret();
            return true;
        })) {
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
    const auto nameBytes = name.toLatin1();
    const auto valueBytes = value.toUtf8();
    // Read and written in one transaction, so that a header another process adds meanwhile is not lost.
    const bool saved = changeMain([&](Endpoint& endpoint) {
        bool replaced = false;
        for (auto& header : endpoint.headers) {
            if (header.first.compare(nameBytes, Qt::CaseInsensitive) == 0) {
                header = { nameBytes, valueBytes };
                replaced = true;
            }
        }
        if (!replaced) {
            endpoint.headers.append({ nameBytes, valueBytes });
        }
        return true;
    });
    if (!saved) {
        return CliContext::Failure;
    }
    m_context->print(
        tr("Header saved: %1: %2").arg(name, QString::fromUtf8(WebhookConfig::maskValue(nameBytes, valueBytes))));
    return CliContext::Success;
}

int WebhookCommand::removeHeader(const QString& name)
{
    qsizetype removed = 0;
    const bool saved = changeMain([&](Endpoint& endpoint) {
        removed = endpoint.headers.removeIf([nameBytes = name.toLatin1()](const QPair<QByteArray, QByteArray>& header) {
            return header.first.compare(nameBytes, Qt::CaseInsensitive) == 0;
        });
        return removed > 0;
    });
    if (removed == 0) {
        m_context->error(tr("There is no custom header named %1.").arg(InputEcho::capped(name)));
        return CliContext::Failure;
    }
    if (!saved) {
        return CliContext::Failure;
    }
    m_context->print(tr("Header removed: %1").arg(name));
    return CliContext::Success;
}
