#include "CliCommand.h"

#include "CliContext.h"
#include "HelpText.h"
#include "text/InputEcho.h"

#include <QTimer>

CliCommand::CliCommand(CliContext* context, QObject* parent)
    : QObject(parent)
    , m_context(context)
{
}

QString CliCommand::programName()
{
    return QStringLiteral("crochet-cli");
}

QCommandLineOption CliCommand::helpOption()
{
    return QCommandLineOption({ QStringLiteral("h"), QStringLiteral("help") }, tr("Show this help."));
}

int CliCommand::execute(const QStringList& words)
{
    const auto all = actions();
    std::optional<Action> action;
    for (const auto& candidate : all) {
        if (words.size() >= candidate.words.size() && words.mid(0, candidate.words.size()) == candidate.words
            && (!action || candidate.words.size() > action->words.size())) {
            action = candidate;
        }
    }
    if (!action) {
        const bool wantsHelp = words.contains(QLatin1String("--help")) || words.contains(QLatin1String("-h"));
        if (wantsHelp) {
            m_context->print(helpText().trimmed());
            return 0;
        }
        m_context->error(
            words.isEmpty()
                ? tr("Missing action after \"%1\".").arg(name())
                : tr("Unknown action \"%1\" for \"%2\".").arg(InputEcho::capped(words.join(QLatin1Char(' '))), name()));
        m_context->error(helpText().trimmed());
        return CliContext::UsageError;
    }

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(action->options);
    parser.addOption(helpOption());
    const auto rest = words.mid(action->words.size());
    if (!parser.parse(QStringList { programName() } + rest)) {
        return usageError(parser.errorText(), action);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_context->print(actionHelpText(*action).trimmed());
        return 0;
    }

    const auto positional = parser.positionalArguments();
    qsizetype required = 0;
    for (const auto& argument : std::as_const(action->arguments)) {
        required += argument.optional ? 0 : 1;
    }
    if (positional.size() < required) {
        return usageError(tr("Missing argument %1.").arg(action->arguments.at(positional.size()).name), action);
    }
    if (positional.size() > action->arguments.size()) {
        return usageError(
            tr("Unexpected argument \"%1\".").arg(InputEcho::capped(positional.at(action->arguments.size()))), action);
    }
    return run(action->words, parser, positional);
}

QString CliCommand::synopsis(const Action& action) const
{
    QStringList parts { programName(), name() };
    parts += action.words;
    if (!action.options.isEmpty()) {
        parts << tr("[options]");
    }
    for (const auto& argument : action.arguments) {
        parts << (argument.optional ? QLatin1Char('[') + argument.name + QLatin1Char(']') : argument.name);
    }
    return parts.join(QLatin1Char(' '));
}

QString CliCommand::helpText() const
{
    HelpText help;
    help.addUsage(tr("%1 [global options] %2 <action> [options]").arg(programName(), name()));
    help.addParagraph(description());
    HelpText::Rows rows;
    for (const auto& action : actions()) {
        rows.append({ action.words.join(QLatin1Char(' ')), action.description });
    }
    help.addSection(tr("Actions:"), rows);
    help.addParagraph(tr("Run \"%1 %2 <action> --help\" for the options of an action.").arg(programName(), name()));
    return help.text();
}

QString CliCommand::actionHelpText(const Action& action) const
{
    HelpText help;
    help.addUsage(synopsis(action));
    help.addParagraph(action.description);
    HelpText::Rows rows;
    for (const auto& argument : action.arguments) {
        rows.append({ argument.name, argument.description });
    }
    help.addSection(tr("Arguments:"), rows);
    help.addOptions(action.options + QList<QCommandLineOption> { helpOption() });
    return help.text();
}

int CliCommand::usageError(const QString& message, const std::optional<Action>& action) const
{
    m_context->error(message);
    if (action) {
        m_context->error(HelpText::tr("Usage: %1").arg(synopsis(*action)));
        QStringList words { programName(), name() };
        words += action->words;
        words << QStringLiteral("--help");
        m_context->error(tr("Run \"%1\" for help.").arg(words.join(QLatin1Char(' '))));
    } else {
        m_context->error(tr("Run \"%1 %2 --help\" for help.").arg(programName(), name()));
    }
    return CliContext::UsageError;
}

void CliCommand::finish(int exitCode)
{
    QTimer::singleShot(0, this, [this, exitCode] { emit finished(exitCode); });
}
