#include "EndpointCommand.h"

#include "CliContext.h"
#include "text/InputEcho.h"
#include "text/SafeText.h"
#include "webhooks/MessageTemplate.h"
#include "webhooks/WebhookUrl.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

namespace {

const QString EventsOption = QStringLiteral("events");
const QString UrlOption = QStringLiteral("url");
const QString NameOption = QStringLiteral("name");
const QString TemplateOption = QStringLiteral("template");
const QString YesOption = QStringLiteral("yes");
const QString DigestOption = QStringLiteral("digest");
const QString DigestWindowOption = QStringLiteral("digest-window");

QString subscribableKeys()
{
    QStringList keys;
    for (const auto event : Events::subscribable()) {
        keys << Events::key(event);
    }
    return keys.join(QStringLiteral(", "));
}

} // namespace

QString EndpointCommand::description() const
{
    return tr("Manage the webhook endpoints: each has its URL, format, events, messages, signing secret and headers.");
}

QList<CliCommand::Argument> EndpointCommand::targetArguments() const
{
    return { { tr("ENDPOINT"), tr("The endpoint's name, as \"endpoint list\" shows it (case does not matter).") } };
}

QList<CliCommand::Action> EndpointCommand::actions() const
{
    const QCommandLineOption events(
        EventsOption,
        tr("The events it is notified of, separated by commas: %1 (default: %2; an empty list leaves only test "
           "notifications).")
            .arg(subscribableKeys(), Events::toKeys(Events::defaultSubscription())),
        tr("events"));
    const QCommandLineOption url(UrlOption, tr("The new URL, http:// or https://."), tr("URL"));
    const QCommandLineOption rename(NameOption, tr("A new name for the endpoint."), tr("name"));
    const QCommandLineOption messageTemplate(
        TemplateOption,
        tr("Set the message for an event (%1, or webhook.test) to TEXT; placeholders: %2; {{ and }} for braces. An "
           "empty TEXT gives back the default message.")
            .arg(subscribableKeys(), MessageTemplate::placeholders().join(QStringLiteral(" "))),
        tr("event"));
    const QCommandLineOption yes(YesOption, tr("Remove without asking."));
    const QCommandLineOption digest(
        DigestOption,
        tr("on: notifications falling due within the digest window go as one message listing the accounts; off: one "
           "message each; auto (default): on for Discord, Slack, Google Chat and Teams, off for JSON and plain text."),
        QStringLiteral("on|off|auto"));
    const QCommandLineOption digestWindow(DigestWindowOption,
                                          tr("Seconds a digest waits for more notifications (%1 to %2, default %3).")
                                              .arg(Endpoint::MinimumDigestWindowSeconds)
                                              .arg(Endpoint::MaximumDigestWindowSeconds)
                                              .arg(Endpoint::DefaultDigestWindowSeconds),
                                          tr("seconds"));
    const Argument newName {
        tr("NAME"),
        tr("The endpoint's name, unique whatever its case (%1 characters at most).").arg(Endpoint::MaximumNameLength)
    };
    const Argument newUrl { tr("URL"), tr("The endpoint's address, http:// or https://; or --%1.").arg(UrlStdinOption),
                            true };
    const Argument text { tr("TEXT"), tr("The message, with --%1.").arg(TemplateOption), true };
    const auto endpoint = targetArguments();

    auto shared = sharedActions();
    QList<Action> list {
        { { QStringLiteral("list") },
          tr("List the endpoints: name, host, format, events and state, WEBHOOK_URL's included while it is set."),
          {},
          { jsonOption() } },
        shared.takeFirst(), // show
        { { QStringLiteral("add") },
          tr("Add an endpoint; nothing is saved when something is refused."),
          { newName, newUrl },
          { urlStdinOption(), formatOption(), events, timeoutOption(), digest, digestWindow } },
        { { QStringLiteral("set") },
          tr("Change an endpoint; nothing is saved when something is refused."),
          endpoint + QList<Argument> { text },
          { url, urlStdinOption(), formatOption(), events, timeoutOption(), digest, digestWindow, rename,
            messageTemplate } },
        { { QStringLiteral("enable") },
          tr("Send notifications to the endpoint again (after a 410 too)."),
          endpoint,
          {} },
        { { QStringLiteral("disable") },
          tr("Stop sending to the endpoint; its notifications wait until it is enabled again."),
          endpoint,
          {} },
        { { QStringLiteral("remove") },
          tr("Remove the endpoint, after asking; its pending notifications fail, its history stays."),
          endpoint,
          { yes } },
    };
    return list + shared;
}

int EndpointCommand::run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional)
{
    if (const auto code = runShared(action, parser, positional)) {
        return *code;
    }
    const auto key = action.join(QLatin1Char(' '));
    if (key == QLatin1String("add")) {
        // Usage first, so that a mistyped command never waits for standard input.
        const auto url = argumentOrInput(action, parser, UrlStdinOption, positional.value(1));
        if (!url) {
            return CliContext::UsageError;
        }
        return m_context->requireWritable() ? add(parser, positional.at(0), *url) : CliContext::Failure;
    }
    if ((changesDatabase(action) && !m_context->requireWritable()) || !m_context->database()) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("list")) {
        return list(parser.isSet(JsonOption));
    }
    const auto endpoint = target(action, positional);
    if (!endpoint) {
        return CliContext::Failure;
    }
    if (key == QLatin1String("set")) {
        return set(parser, *endpoint, positional);
    }
    if (key == QLatin1String("enable") || key == QLatin1String("disable")) {
        return enable(*endpoint, key == QLatin1String("enable"));
    }
    return remove(parser, *endpoint);
}

std::optional<Endpoint> EndpointCommand::target(const QStringList& /*action*/, const QStringList& positional)
{
    const auto name = positional.value(0);
    if (auto found = EndpointStore(m_context->database()).findByName(name)) {
        return found;
    }
    m_context->error(tr("There is no endpoint named \"%1\": \"%2 endpoint list\" shows them.")
                         .arg(InputEcho::capped(name), programName()));
    return std::nullopt;
}

QString EndpointCommand::describe(const Endpoint& endpoint)
{
    const auto url = endpoint.url.trimmed();
    //: An endpoint in messages: %1 its name, %2 its URL, masked
    return tr("%1 (%2)").arg(SafeText::printable(endpoint.name), url.isEmpty() ? tr("no URL") : WebhookUrl::mask(url));
}

int EndpointCommand::list(bool json)
{
    const auto endpoints = EndpointStore(m_context->database()).list(true);
    if (json) {
        QJsonArray array;
        for (const auto& endpoint : endpoints) {
            array.append(toJson(endpoint, false));
        }
        m_context->printJson(QJsonDocument(array));
        return CliContext::Success;
    }
    for (const auto& endpoint : endpoints) {
        const auto events = Events::toKeys(endpoint.events);
        m_context->print(QStringList { SafeText::printable(endpoint.name), SafeText::printable(endpoint.host()),
                                       PayloadFormat::key(endpoint.format), events.isEmpty() ? tr("none") : events,
                                       Endpoint::stateDisplayName(endpoint.state()) }
                             .join(QLatin1Char('\t')));
    }
    return CliContext::Success;
}

bool EndpointCommand::readEvents(const QCommandLineParser& parser, std::optional<QList<Event>>* events)
{
    if (!parser.isSet(EventsOption)) {
        return true;
    }
    QString unknown;
    *events = Events::fromKeys(parser.value(EventsOption), &unknown);
    if (*events && (*events)->contains(Event::WebhookTest)) {
        events->reset();
        unknown = Events::key(Event::WebhookTest);
    }
    if (!*events) {
        m_context->error(tr("Unknown event \"%1\": use %2, separated by commas.")
                             .arg(InputEcho::capped(unknown), subscribableKeys()));
        return false;
    }
    return true;
}

void EndpointCommand::Changes::applyTo(Endpoint& endpoint) const
{
    endpoint.url = url.value_or(endpoint.url);
    endpoint.format = format.value_or(endpoint.format);
    endpoint.timeoutSeconds = timeout.value_or(endpoint.timeoutSeconds);
    endpoint.events = events.value_or(endpoint.events);
    if (digest) {
        endpoint.digest = *digest;
    }
    endpoint.digestWindowSeconds = digestWindow.value_or(endpoint.digestWindowSeconds);
}

bool EndpointCommand::readDigest(const QCommandLineParser& parser, Changes* changes)
{
    if (parser.isSet(DigestOption)) {
        const auto value = parser.value(DigestOption).toLower();
        if (value == QLatin1String("on")) {
            changes->digest = std::optional<bool>(true);
        } else if (value == QLatin1String("off")) {
            changes->digest = std::optional<bool>(false);
        } else if (value == QLatin1String("auto")) {
            changes->digest = std::optional<bool>();
        } else {
            m_context->error(tr("Unknown value \"%1\" for --%2: use on, off or auto.")
                                 .arg(InputEcho::capped(parser.value(DigestOption)), DigestOption));
            return false;
        }
    }
    if (parser.isSet(DigestWindowOption)) {
        bool isNumber = false;
        const int seconds = parser.value(DigestWindowOption).toInt(&isNumber);
        if (!isNumber || seconds < Endpoint::MinimumDigestWindowSeconds
            || seconds > Endpoint::MaximumDigestWindowSeconds) {
            m_context->error(tr("The digest window must be a whole number of seconds from %1 to %2.")
                                 .arg(Endpoint::MinimumDigestWindowSeconds)
                                 .arg(Endpoint::MaximumDigestWindowSeconds));
            return false;
        }
        changes->digestWindow = seconds;
    }
    return true;
}

bool EndpointCommand::readChanges(const QCommandLineParser& parser, Changes* changes)
{
    if (changes->url) {
        if (const auto check = WebhookUrl::validate(*changes->url); !check.isValid()) {
            m_context->error(check.message);
            return false;
        }
    }
    return readFormat(parser, &changes->format) && readTimeout(parser, &changes->timeout)
        && readEvents(parser, &changes->events) && readDigest(parser, changes);
}

int EndpointCommand::add(const QCommandLineParser& parser, const QString& name, const QString& url)
{
    Changes changes;
    changes.url = url;
    if (!readChanges(parser, &changes)) {
        return CliContext::UsageError;
    }
    Endpoint endpoint;
    endpoint.name = name;
    changes.applyTo(endpoint);
    if (const auto problem = endpoint.problem(); !problem.isEmpty()) {
        m_context->error(problem);
        return CliContext::UsageError;
    }
    QString error;
    if (!EndpointStore(m_context->database()).add(endpoint, &error)) {
        m_context->error(tr("Nothing was added: %1").arg(error));
        return CliContext::Failure;
    }
    m_context->print(tr("Endpoint added: %1").arg(describe(endpoint)));
    m_context->print(tr("Events: %1").arg(eventsText(endpoint.events)));
    return CliContext::Success;
}

int EndpointCommand::set(const QCommandLineParser& parser, const Endpoint& endpoint, const QStringList& positional)
{
    const auto action = *findAction({ QStringLiteral("set") });
    const bool changesSomething =
        std::any_of(action.options.cbegin(), action.options.cend(),
                    [&parser](const QCommandLineOption& option) { return parser.isSet(option.names().constFirst()); });
    if (parser.isSet(UrlOption) && parser.isSet(UrlStdinOption)) {
        return usageError(tr("Give either --%1 or --%2, not both.").arg(UrlOption, UrlStdinOption), action);
    }
    std::optional<Event> templateEvent;
    if (parser.isSet(TemplateOption)) {
        if (parser.values(TemplateOption).size() > 1) {
            return usageError(tr("Give one --%1 at a time.").arg(TemplateOption), action);
        }
        if (positional.size() < 2) {
            return usageError(tr("Missing argument TEXT after --%1 EVENT (an empty TEXT gives back the default "
                                 "message).")
                                  .arg(TemplateOption),
                              action);
        }
        templateEvent = Events::fromKey(parser.value(TemplateOption));
        if (!templateEvent) {
            m_context->error(tr("Unknown event \"%1\": use %2 or webhook.test.")
                                 .arg(InputEcho::capped(parser.value(TemplateOption)), subscribableKeys()));
            return CliContext::UsageError;
        }
        if (const auto problem = MessageTemplate::problem(positional.at(1)); !problem.isEmpty()) {
            m_context->error(problem);
            return CliContext::UsageError;
        }
    } else if (positional.size() > 1) {
        return usageError(tr("Unexpected argument \"%1\": a TEXT goes with --%2 EVENT.")
                              .arg(InputEcho::capped(positional.at(1)), TemplateOption),
                          action);
    }
    if (!changesSomething) {
        return usageError(tr("Nothing to change: give at least one option."), action);
    }
    Changes changes;
    if (parser.isSet(UrlOption)) {
        changes.url = parser.value(UrlOption);
    } else if (parser.isSet(UrlStdinOption)) {
        changes.url = m_context->readInputLine();
        if (!changes.url) {
            return CliContext::UsageError;
        }
    }
    if (!readChanges(parser, &changes)) {
        return CliContext::UsageError;
    }
    const auto text = positional.value(1);
    const auto apply = [&](Endpoint& changed) {
        changes.applyTo(changed);
        if (parser.isSet(NameOption)) {
            changed.name = parser.value(NameOption);
        }
        if (templateEvent && text.isEmpty()) {
            changed.templates.remove(*templateEvent);
        } else if (templateEvent) {
            changed.templates.insert(*templateEvent, text);
        }
        return true;
    };
    auto preview = endpoint;
    apply(preview);
    if (const auto problem = preview.problem(); !problem.isEmpty() && !endpoint.isReadOnly()) {
        m_context->error(problem);
        return CliContext::UsageError;
    }
    if (!change(endpoint.id, apply)) {
        return CliContext::Failure;
    }
    m_context->print(tr("Endpoint saved: %1").arg(describe(preview)));
    if (templateEvent) {
        m_context->print(text.isEmpty()
                             ? tr("Message for %1: the default one, \"%2\"")
                                   .arg(Events::key(*templateEvent), MessageTemplate::defaultText(*templateEvent))
                             : tr("Message for %1: \"%2\"").arg(Events::key(*templateEvent), text));
    }
    return CliContext::Success;
}

int EndpointCommand::enable(const Endpoint& endpoint, bool enabled)
{
    bool already = false;
    bool wasGone = false;
    const bool saved = change(endpoint.id, [&](Endpoint& stored) {
        wasGone = stored.goneAt.isValid();
        already = stored.enabled == enabled && !(enabled && wasGone);
        if (already) {
            return false;
        }
        stored.enabled = enabled;
        if (enabled) {
            stored.goneAt = {};
        }
        return true;
    });
    if (!saved && !already) {
        return CliContext::Failure;
    }
    const auto name = SafeText::printable(endpoint.name);
    if (already) {
        m_context->print(enabled ? tr("The endpoint %1 is already enabled.").arg(name)
                                 : tr("The endpoint %1 is already disabled.").arg(name));
    } else if (enabled) {
        m_context->print(wasGone ? tr("Endpoint enabled again after HTTP 410: %1; its waiting notifications go out "
                                      "now.")
                                       .arg(name)
                                 : tr("Endpoint enabled: %1").arg(name));
    } else {
        m_context->print(tr("Endpoint disabled: %1; its notifications wait until it is enabled again.").arg(name));
    }
    return CliContext::Success;
}

std::optional<bool> EndpointCommand::confirmRemoval(const Endpoint& endpoint)
{
    if (!isatty(fileno(stdin))) {
        m_context->error(tr("Removing the endpoint %1 needs a confirmation and there is no terminal to ask on: add "
                            "--%2 to remove it.")
                             .arg(SafeText::printable(endpoint.name), YesOption));
        return std::nullopt;
    }
    //: The answer that confirms on the terminal, in lower case; "yes" is accepted in every language
    const auto yes = tr("yes");
    m_context->error(
        tr("Remove the endpoint %1? Its pending notifications will fail; its history stays. Type \"%2\" to confirm:")
            .arg(describe(endpoint), yes));
    const auto answer = m_context->readInputLine();
    if (!answer) {
        return false;
    }
    const auto typed = answer->trimmed().toCaseFolded();
    return typed == yes || typed == QLatin1String("yes");
}

int EndpointCommand::remove(const QCommandLineParser& parser, const Endpoint& endpoint)
{
    EndpointStore store(m_context->database());
    QString error;
    if (endpoint.main || endpoint.isReadOnly()) {
        // EndpointStore says why, before anyone is asked.
        store.remove(endpoint.id, &error);
        m_context->error(tr("Nothing was removed: %1").arg(error));
        return CliContext::Failure;
    }
    if (!parser.isSet(YesOption)) {
        const auto confirmed = confirmRemoval(endpoint);
        if (!confirmed) {
            return CliContext::UsageError;
        }
        if (!*confirmed) {
            m_context->error(tr("Nothing was removed."));
            return CliContext::Failure;
        }
    }
    if (!store.remove(endpoint.id, &error)) {
        m_context->error(tr("Nothing was removed: %1").arg(error));
        return CliContext::Failure;
    }
    m_context->print(tr("Endpoint removed: %1. Its pending notifications failed; its history stays.")
                         .arg(SafeText::printable(endpoint.name)));
    return CliContext::Success;
}
