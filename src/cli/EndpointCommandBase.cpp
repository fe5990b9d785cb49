#include "EndpointCommandBase.h"

#include "CliContext.h"
#include "text/InputEcho.h"
#include "text/SafeText.h"
#include "webhooks/MessageTemplate.h"
#include "webhooks/PayloadFormat.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookConfig.h"
#include "webhooks/WebhookSender.h"
#include "webhooks/WebhookUrl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace {

const QString RevealOption = QStringLiteral("reveal");
const QString ValueStdinOption = QStringLiteral("value-stdin");

QString isoTime(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

} // namespace

const QString EndpointCommandBase::FormatOption = QStringLiteral("format");
const QString EndpointCommandBase::TimeoutOption = QStringLiteral("timeout");
const QString EndpointCommandBase::UrlStdinOption = QStringLiteral("url-stdin");
const QString EndpointCommandBase::JsonOption = QStringLiteral("json");

QString EndpointCommandBase::formatKeys()
{
    QStringList keys;
    for (const auto format : PayloadFormat::all()) {
        keys << PayloadFormat::key(format);
    }
    return keys.join(QLatin1Char('|'));
}

QString EndpointCommandBase::eventsText(const QList<Event>& events)
{
    QStringList names;
    for (const auto event : Events::all()) {
        if (!events.contains(event)) {
            continue;
        }
        //: An event in "crochet-cli endpoint show": %1 its name, %2 its key (user.created)
        names << tr("%1 (%2)").arg(Events::displayName(event), Events::key(event));
    }
    return names.isEmpty() ? tr("none, only test notifications") : names.join(QStringLiteral(", "));
}

QCommandLineOption EndpointCommandBase::formatOption()
{
    return QCommandLineOption(
        FormatOption, tr("Payload format: %1 (Auto picks one from the URL's host).").arg(formatKeys()), tr("format"));
}

QCommandLineOption EndpointCommandBase::timeoutOption()
{
    return QCommandLineOption(TimeoutOption,
                              tr("Seconds to wait for the receiver's answer (%1 to %2, default %3).")
                                  .arg(Endpoint::MinimumTimeoutSeconds)
                                  .arg(Endpoint::MaximumTimeoutSeconds)
                                  .arg(Endpoint::DefaultTimeoutSeconds),
                              tr("seconds"));
}

QCommandLineOption EndpointCommandBase::urlStdinOption()
{
    return QCommandLineOption(
        UrlStdinOption,
        tr("Read the URL from the first line of standard input instead, so that its token stays out of the process "
           "list and the shell history."));
}

QCommandLineOption EndpointCommandBase::jsonOption()
{
    return QCommandLineOption(JsonOption, tr("Print JSON, for scripts."));
}

QList<CliCommand::Action> EndpointCommandBase::sharedActions() const
{
    const QCommandLineOption reveal(RevealOption,
                                    tr("Show the URL, the signing secrets and the header values in full."));
    const QCommandLineOption valueStdin(
        ValueStdinOption,
        tr("Read the value from the first line of standard input instead, so that it stays out of the process list "
           "and the shell history."));
    const Argument headerName { tr("NAME"), tr("The header's name, for example Authorization.") };
    const Argument headerValue { tr("VALUE"), tr("The header's value, kept secret; or --%1.").arg(ValueStdinOption),
                                 true };
    const auto target = targetArguments();
    return {
        { { QStringLiteral("show") },
          tr("Show the URL (masked), the state, the format, the timeout, the events and their messages, signing and "
             "custom headers."),
          target,
          { reveal, jsonOption() } },
        { { QStringLiteral("test") }, tr("Send a test notification and show the outcome."), target, {} },
        { { QStringLiteral("secret"), QStringLiteral("generate") },
          tr("Sign requests with a new secret (Standard Webhooks); a previous secret keeps signing for 24 hours."),
          target,
          {} },
        { { QStringLiteral("secret"), QStringLiteral("set") },
          tr("Sign requests with a secret read from the first line of standard input (whsec_ and Base64, as the "
             "receiver gave it); a previous secret keeps signing for 24 hours."),
          target,
          {} },
        { { QStringLiteral("secret"), QStringLiteral("clear") }, tr("Stop signing requests."), target, {} },
        { { QStringLiteral("header"), QStringLiteral("set") },
          tr("Add a header to every request, or replace it. Hop-by-hop and framing headers (Connection, Host, "
             "Content-Length, Transfer-Encoding…) and control characters in the value are refused."),
          target + QList<Argument> { headerName, headerValue },
          { valueStdin } },
        { { QStringLiteral("header"), QStringLiteral("remove") },
          tr("Stop sending a custom header."),
          target + QList<Argument> { headerName },
          {} },
    };
}

bool EndpointCommandBase::changesDatabase(const QStringList& action)
{
    const auto key = action.join(QLatin1Char(' '));
    return key != QLatin1String("show") && key != QLatin1String("test") && key != QLatin1String("list");
}

std::optional<CliCommand::Action> EndpointCommandBase::findAction(const QStringList& words) const
{
    for (const auto& action : actions()) {
        if (action.words == words) {
            return action;
        }
    }
    return std::nullopt;
}

std::optional<int> EndpointCommandBase::runShared(const QStringList& action, const QCommandLineParser& parser,
                                                  const QStringList& positional)
{
    const auto shared = sharedActions();
    if (std::none_of(shared.cbegin(), shared.cend(), [&action](const Action& a) { return a.words == action; })) {
        return std::nullopt;
    }
    if ((changesDatabase(action) && !m_context->requireWritable()) || !m_context->database()) {
        return CliContext::Failure;
    }
    const auto key = action.join(QLatin1Char(' '));
    std::optional<QString> headerValue;
    const auto own = positional.mid(targetArguments().size());
    if (key == QLatin1String("header set")) {
        // Usage first, so that a mistyped command never waits for standard input or names a missing endpoint.
        headerValue = argumentOrInput(action, parser, ValueStdinOption, own.value(1));
        if (!headerValue) {
            return CliContext::UsageError;
        }
    }
    const auto endpoint = target(action, positional);
    if (!endpoint) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("show")) {
        if (parser.isSet(JsonOption)) {
            m_context->printJson(QJsonDocument(toJson(*endpoint, parser.isSet(RevealOption))));
            return CliContext::Success;
        }
        return show(*endpoint, parser.isSet(RevealOption));
    }
    if (key == QLatin1String("test")) {
        return test(*endpoint);
    }
    if (key == QLatin1String("secret generate")) {
        return generateSecret(*endpoint);
    }
    if (key == QLatin1String("secret set")) {
        return setSecret(*endpoint);
    }
    if (key == QLatin1String("secret clear")) {
        return clearSecret(*endpoint);
    }
    if (key == QLatin1String("header set")) {
        return setHeader(*endpoint, own.at(0), *headerValue);
    }
    return removeHeader(*endpoint, own.at(0));
}

bool EndpointCommandBase::change(qint64 id, const std::function<bool(Endpoint& endpoint)>& change)
{
    EndpointStore store(m_context->database());
    QString error;
    if (!store.update(id, change, &error)) {
        if (!error.isEmpty()) {
            m_context->error(tr("Nothing was changed: %1").arg(error));
        }
        return false;
    }
    return true;
}

std::optional<QString> EndpointCommandBase::argumentOrInput(const QStringList& words, const QCommandLineParser& parser,
                                                            const QString& option, const QString& argument)
{
    const auto action = findAction(words);
    const auto name = action ? action->arguments.constLast().name : QString();
    const bool fromInput = parser.isSet(option);
    if (fromInput == !argument.isNull()) {
        usageError(fromInput ? tr("Give either %1 or --%2, not both.").arg(name, option)
                             : tr("Missing argument %1 (or --%2).").arg(name, option),
                   action);
        return std::nullopt;
    }
    return fromInput ? m_context->readInputLine() : std::optional<QString>(argument);
}

bool EndpointCommandBase::readFormat(const QCommandLineParser& parser, std::optional<PayloadFormat::Format>* format)
{
    if (!parser.isSet(FormatOption)) {
        return true;
    }
    *format = PayloadFormat::fromKey(parser.value(FormatOption));
    if (!*format) {
        m_context->error(tr("Unknown format \"%1\": use one of %2.")
                             .arg(InputEcho::capped(parser.value(FormatOption)),
                                  formatKeys().replace(QLatin1Char('|'), QLatin1String(", "))));
        return false;
    }
    return true;
}

bool EndpointCommandBase::readTimeout(const QCommandLineParser& parser, std::optional<int>* timeout)
{
    if (!parser.isSet(TimeoutOption)) {
        return true;
    }
    bool isNumber = false;
    const int seconds = parser.value(TimeoutOption).toInt(&isNumber);
    if (!isNumber || seconds < Endpoint::MinimumTimeoutSeconds || seconds > Endpoint::MaximumTimeoutSeconds) {
        m_context->error(tr("The timeout must be a whole number of seconds from %1 to %2.")
                             .arg(Endpoint::MinimumTimeoutSeconds)
                             .arg(Endpoint::MaximumTimeoutSeconds));
        return false;
    }
    *timeout = seconds;
    return true;
}

QJsonObject EndpointCommandBase::toJson(const Endpoint& endpoint, bool reveal)
{
    const auto url = endpoint.url.trimmed();
    QJsonObject templates;
    for (const auto event : Events::all()) {
        if (const auto text = endpoint.templates.value(event); !text.isEmpty()) {
            templates.insert(Events::key(event), text);
        }
    }
    QJsonArray events;
    for (const auto event : endpoint.events) {
        events.append(Events::key(event));
    }
    QJsonArray headers;
    for (const auto& [name, value] : endpoint.headers) {
        headers.append(QJsonObject {
            { QStringLiteral("name"), QString::fromLatin1(name) },
            { QStringLiteral("value"), QString::fromUtf8(reveal ? value : WebhookConfig::maskValue(name, value)) },
        });
    }
    QJsonObject object {
        { QStringLiteral("id"), endpoint.id },
        { QStringLiteral("name"), endpoint.name },
        { QStringLiteral("main"), endpoint.main },
        { QStringLiteral("read_only"), endpoint.isReadOnly() },
        { QStringLiteral("url"), url.isEmpty() || reveal ? url : WebhookUrl::mask(url) },
        { QStringLiteral("host"), endpoint.host() },
        { QStringLiteral("format"), PayloadFormat::key(endpoint.format) },
        { QStringLiteral("sent_as"), url.isEmpty() ? QString() : PayloadFormat::shapeKey(endpoint.shape()) },
        { QStringLiteral("timeout_seconds"), endpoint.timeoutSeconds },
        { QStringLiteral("digest"), endpoint.digests() },
        { QStringLiteral("digest_setting"),
          endpoint.digest ? (*endpoint.digest ? QStringLiteral("on") : QStringLiteral("off"))
                          : QStringLiteral("auto") },
        { QStringLiteral("digest_window_seconds"), endpoint.digestWindowSeconds },
        { QStringLiteral("enabled"), endpoint.enabled },
        { QStringLiteral("state"), Endpoint::stateKey(endpoint.state()) },
        { QStringLiteral("events"), events },
        { QStringLiteral("templates"), templates },
        { QStringLiteral("signing"), !endpoint.signingSecret.isEmpty() },
        { QStringLiteral("headers"), headers },
        { QStringLiteral("gone_at"), endpoint.goneAt.isValid() ? QJsonValue(isoTime(endpoint.goneAt)) : QJsonValue() },
    };
    if (endpoint.previousSecretSigns()) {
        object.insert(QStringLiteral("previous_secret_signs_until"), isoTime(endpoint.previousSecretExpiresAt));
    }
    if (reveal && !endpoint.signingSecret.isEmpty()) {
        object.insert(QStringLiteral("signing_secret"), endpoint.signingSecret);
        if (endpoint.previousSecretSigns()) {
            object.insert(QStringLiteral("previous_signing_secret"), endpoint.previousSigningSecret);
        }
    }
    return object;
}

int EndpointCommandBase::show(const Endpoint& endpoint, bool reveal)
{
    const auto url = endpoint.url.trimmed();
    const bool configured = !url.isEmpty();

    m_context->print(
        tr("URL: %1").arg(configured ? SafeText::printable(reveal ? url : WebhookUrl::mask(url)) : tr("none")));
    m_context->print(
        tr("Endpoint: %1 (%2)").arg(SafeText::printable(endpoint.name), Endpoint::stateDisplayName(endpoint.state())));
    if (endpoint.isEnvironment()) {
        m_context->print(tr("Read-only: it comes from the environment variable %1 and lasts while it is set.")
                             .arg(Endpoint::environmentName()));
    }
    if (const auto check = WebhookUrl::validate(url); configured && !check.isValid()) {
        m_context->print(tr("Not valid, nothing can be sent: %1").arg(check.message));
    }
    if (const auto fromEnvironment = EndpointStore::environment(); fromEnvironment && endpoint.main) {
        m_context->print(
            tr("Also notified of new accounts while %1 is set: %2")
                .arg(Endpoint::environmentName(),
                     SafeText::printable(reveal ? fromEnvironment->url : WebhookUrl::mask(fromEnvironment->url))));
    }

    const auto formatName = PayloadFormat::displayName(endpoint.format);
    if (endpoint.format == PayloadFormat::Auto && configured) {
        const auto picked = PayloadFormat::detect(QUrl(url));
        m_context->print(
            tr("Format: %1, which picks %2 for this URL").arg(formatName, PayloadFormat::displayName(picked)));
    } else {
        m_context->print(tr("Format: %1").arg(formatName));
    }
    m_context->print(tr("Timeout: %1 s").arg(endpoint.timeoutSeconds));
    if (!endpoint.digests()) {
        m_context->print(endpoint.digest ? tr("Digest: off, one message per notification")
                                         : tr("Digest: off for this format, one message per notification"));
    } else {
        //: %1 is a number of seconds
        m_context->print(endpoint.digest
                             ? tr("Digest: on, notifications falling due within %1 s go as one message")
                                   .arg(endpoint.digestWindowSeconds)
                             : tr("Digest: on for this format, notifications falling due within %1 s go as one message")
                                   .arg(endpoint.digestWindowSeconds));
    }

    m_context->print(tr("Events: %1").arg(eventsText(endpoint.events)));
    QStringList messages;
    for (const auto event : Events::all()) {
        if (const auto text = endpoint.templates.value(event); !text.isEmpty()) {
            messages << QStringLiteral("  ") + Events::key(event) + QStringLiteral(": ") + SafeText::printable(text);
        }
    }
    if (messages.isEmpty()) {
        m_context->print(tr("Messages: the default ones"));
    } else {
        m_context->print(tr("Messages (the others are the default ones):"));
        for (const auto& line : std::as_const(messages)) {
            m_context->print(line);
        }
    }

    m_context->print(endpoint.signingSecret.isEmpty() ? tr("Signing: off") : tr("Signing: on"));
    if (!endpoint.signingSecret.isEmpty() && reveal) {
        m_context->print(tr("Signing secret: %1").arg(endpoint.signingSecret));
    }
    if (endpoint.previousSecretSigns()) {
        m_context->print(tr("The previous secret also signs until %1")
                             .arg(CliContext::formatTime(endpoint.previousSecretExpiresAt)));
        if (reveal) {
            m_context->print(tr("Previous signing secret: %1").arg(endpoint.previousSigningSecret));
        }
    }

    if (endpoint.headers.isEmpty()) {
        m_context->print(tr("Custom headers: none"));
    } else {
        m_context->print(tr("Custom headers:"));
        for (const auto& [name, value] : endpoint.headers) {
            const auto shown = reveal ? value : WebhookConfig::maskValue(name, value);
            m_context->print(QStringLiteral("  ") + SafeText::printable(QString::fromLatin1(name))
                             + QStringLiteral(": ") + SafeText::printable(QString::fromUtf8(shown)));
        }
    }
    return CliContext::Success;
}

int EndpointCommandBase::test(const Endpoint& endpoint)
{
    const auto config = WebhookConfig::forEndpoint(endpoint, NetworkOptions::load(*m_context->settings()));
    if (config.url.isEmpty()) {
        m_context->error(tr("The endpoint %1 has no URL: give it one with \"%2\".")
                             .arg(SafeText::printable(endpoint.name),
                                  endpoint.main ? programName() + QStringLiteral(" webhook set URL")
                                                : programName() + QStringLiteral(" endpoint set NAME --url URL")));
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
    test.endpointId = endpoint.id;
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

int EndpointCommandBase::setSecret(const Endpoint& endpoint)
{
    const auto secret = m_context->readInputLine();
    if (!secret) {
        return CliContext::UsageError;
    }
    if (!Signature::isValidSecret(*secret)) {
        QStringList generate { programName(), name(), QStringLiteral("secret"), QStringLiteral("generate") };
        for (const auto& argument : targetArguments()) {
            generate << argument.name;
        }
        m_context->error(tr("This is not a signing secret: give whsec_ followed by Base64 (24 to 64 bytes), as the "
                            "receiver or \"%1\" gave it. Nothing was saved.")
                             .arg(generate.join(QLatin1Char(' '))));
        return CliContext::UsageError;
    }
    QDateTime previousSignsUntil;
    if (!saveSecret(endpoint.id, *secret, &previousSignsUntil)) {
        return CliContext::Failure;
    }
    m_context->print(tr("Signing secret saved: requests are signed with it from now on."));
    printPreviousSecret(previousSignsUntil);
    return CliContext::Success;
}

bool EndpointCommandBase::saveSecret(qint64 id, const QString& secret, QDateTime* previousSignsUntil)
{
    QDateTime expiresAt;
    // The current secret is read in the transaction that replaces it.
    const bool saved = change(id, [&](Endpoint& endpoint) {
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

void EndpointCommandBase::printPreviousSecret(const QDateTime& previousSignsUntil)
{
    if (previousSignsUntil.isValid()) {
        m_context->print(tr("The previous secret keeps signing alongside it until %1.")
                             .arg(CliContext::formatTime(previousSignsUntil)));
    }
}

int EndpointCommandBase::generateSecret(const Endpoint& endpoint)
{
    const auto secret = Signature::generateSecret();
    if (secret.isEmpty()) {
        m_context->error(tr("Cannot generate a secret: the random number generator is unavailable."));
        return CliContext::Failure;
    }
    QDateTime previousSignsUntil;
    if (!saveSecret(endpoint.id, secret, &previousSignsUntil)) {
        return CliContext::Failure;
    }
    m_context->print(
        tr("New signing secret, shown only this once; give it to the receiver so it can verify requests:"));
    m_context->print(secret);
    printPreviousSecret(previousSignsUntil);
    return CliContext::Success;
}

int EndpointCommandBase::clearSecret(const Endpoint& endpoint)
{
    bool wasSigning = false;
    if (!change(endpoint.id, [&wasSigning](Endpoint& stored) {
            wasSigning = !stored.signingSecret.isEmpty();
            stored.clearSecret();
            return true;
        })) {
        return CliContext::Failure;
    }
    m_context->print(wasSigning ? tr("Signing turned off: requests are no longer signed.")
                                : tr("Signing was already off."));
    return CliContext::Success;
}

int EndpointCommandBase::setHeader(const Endpoint& endpoint, const QString& name, const QString& value)
{
    if (const auto problem = WebhookConfig::headerProblem(name, value); !problem.isEmpty()) {
        m_context->error(problem);
        return CliContext::UsageError;
    }
    const auto nameBytes = name.toLatin1();
    const auto valueBytes = value.toUtf8();
    // Read and written in one transaction, so that a header another process adds meanwhile is not lost.
    const bool saved = change(endpoint.id, [&](Endpoint& stored) {
        bool replaced = false;
        for (auto& header : stored.headers) {
            if (header.first.compare(nameBytes, Qt::CaseInsensitive) == 0) {
                header = { nameBytes, valueBytes };
                replaced = true;
            }
        }
        if (!replaced) {
            stored.headers.append({ nameBytes, valueBytes });
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

int EndpointCommandBase::removeHeader(const Endpoint& endpoint, const QString& name)
{
    if (endpoint.isReadOnly()) {
        // EndpointStore says why it cannot be changed.
        return change(endpoint.id, [](Endpoint&) { return true; }) ? CliContext::Success : CliContext::Failure;
    }
    qsizetype removed = 0;
    const bool saved = change(endpoint.id, [&](Endpoint& stored) {
        removed = stored.headers.removeIf([nameBytes = name.toLatin1()](const QPair<QByteArray, QByteArray>& header) {
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
