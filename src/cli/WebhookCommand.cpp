#include "WebhookCommand.h"

#include "CliContext.h"
#include "text/SafeText.h"
#include "webhooks/PayloadFormat.h"
#include "webhooks/WebhookUrl.h"

QString WebhookCommand::description() const
{
    return tr("Configure the main endpoint (the webhook Settings → General edits) and test it; \"endpoint\" manages "
              "every endpoint.");
}

QList<CliCommand::Action> WebhookCommand::actions() const
{
    const Argument url { tr("URL"), tr("The webhook's address, http:// or https://; or --%1.").arg(UrlStdinOption),
                         true };
    auto list = sharedActions();
    list.insert(1,
                { { QStringLiteral("set") },
                  tr("Check and save the webhook URL; nothing is saved when something is refused."),
                  { url },
                  { urlStdinOption(), formatOption(), timeoutOption() } });
    list.insert(2, { { QStringLiteral("clear") }, tr("Forget the saved webhook URL."), {}, {} });
    return list;
}

int WebhookCommand::run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional)
{
    if (const auto code = runShared(action, parser, positional)) {
        return *code;
    }
    if (!m_context->requireWritable()) {
        return CliContext::Failure;
    }
    if (action == QStringList { QStringLiteral("set") }) {
        const auto url = argumentOrInput(action, parser, UrlStdinOption, positional.value(0));
        return url ? set(parser, *url) : CliContext::UsageError;
    }
    return clear();
}

std::optional<Endpoint> WebhookCommand::target(const QStringList& action, const QStringList& /*positional*/)
{
    const auto main = EndpointStore(m_context->database()).main();
    if (action != QStringList { QStringLiteral("test") } || !main.url.trimmed().isEmpty()) {
        return main;
    }
    if (const auto fromEnvironment = EndpointStore::environment()) {
        return fromEnvironment;
    }
    m_context->error(tr("No webhook URL is configured: save one with \"%1 webhook set URL\" or set %2.")
                         .arg(programName(), QLatin1String(WebhookUrl::EnvironmentVariable)));
    return std::nullopt;
}

int WebhookCommand::set(const QCommandLineParser& parser, const QString& url)
{
    const auto check = WebhookUrl::validate(url);
    if (!check.isValid()) {
        m_context->error(check.message);
        return CliContext::UsageError;
    }
    std::optional<PayloadFormat::Format> format;
    std::optional<int> timeout;
    if (!readFormat(parser, &format) || !readTimeout(parser, &timeout)) {
        return CliContext::UsageError;
    }

    const bool saved = change(EndpointStore(m_context->database()).main().id, [&](Endpoint& endpoint) {
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
    if (!change(EndpointStore(m_context->database()).main().id, [](Endpoint& endpoint) {
            endpoint.url.clear();
            return true;
        })) {
        return CliContext::Failure;
    }
    m_context->print(tr("Saved webhook URL cleared."));
    mentionEnvironmentEndpoint();
    return CliContext::Success;
}

void WebhookCommand::mentionEnvironmentEndpoint()
{
    if (!WebhookUrl::environmentValue().isEmpty()) {
        m_context->error(tr("Note: the environment variable %1 is set; new accounts are also notified to its URL, as "
                            "an endpoint of its own, while it is set.")
                             .arg(QLatin1String(WebhookUrl::EnvironmentVariable)));
    }
}
