#include "CliApplication.h"

#include "CliCommand.h"
#include "CliContext.h"
#include "DeliveriesCommand.h"
#include "EndpointCommand.h"
#include "HelpText.h"
#include "ServeCommand.h"
#include "UserCommand.h"
#include "Version.h"
#include "WebhookCommand.h"
#include "WorkersCommand.h"
#include "storage/Database.h"
#include "text/InputEcho.h"
#include "text/SafeText.h"
#include "text/Translations.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

const QString DatabaseOption = QStringLiteral("database");
const QString LanguageOption = QStringLiteral("lang");
const QString HelpOption = QStringLiteral("help");
const QString VersionOption = QStringLiteral("version");
const QStringList Languages = { QStringLiteral("fr"), QStringLiteral("en") };

} // namespace

CliApplication::CliApplication(QObject* parent)
    : QObject(parent)
{
}

CliApplication::~CliApplication()
{
    // Commands first: their delivery threads still use the database.
    m_commands.clear();
    m_context.reset();
}

QList<QCommandLineOption> CliApplication::globalOptions()
{
    return {
        QCommandLineOption(DatabaseOption,
                           tr("The database: a file, or a PostgreSQL URL postgresql://user@host:5432/database "
                              "(default: $DATABASE_URL when set, else %1).")
                               .arg(Database::defaultPath()),
                           tr("path or URL")),
        QCommandLineOption(LanguageOption, tr("Language of the output: fr or en (default: the system's)."),
                           tr("language")),
        QCommandLineOption({ QStringLiteral("h"), HelpOption }, tr("Show this help, or a command's help after it.")),
        QCommandLineOption({ QStringLiteral("v"), VersionOption }, tr("Show the version.")),
    };
}

QList<CliCommand*> CliApplication::commands()
{
    if (m_commands.empty()) {
        m_commands.push_back(std::make_unique<WebhookCommand>(m_context.get()));
        m_commands.push_back(std::make_unique<EndpointCommand>(m_context.get()));
        m_commands.push_back(std::make_unique<UserCommand>(m_context.get()));
        m_commands.push_back(std::make_unique<DeliveriesCommand>(m_context.get()));
        m_commands.push_back(std::make_unique<ServeCommand>(m_context.get()));
        m_commands.push_back(std::make_unique<WorkersCommand>(m_context.get()));
    }
    QList<CliCommand*> list;
    for (const auto& command : std::as_const(m_commands)) {
        list << command.get();
    }
    return list;
}

CliCommand* CliApplication::command(const QString& name)
{
    for (auto* candidate : commands()) {
        if (candidate->name() == name) {
            return candidate;
        }
    }
    return nullptr;
}

int CliApplication::run(const QList<QByteArray>& rawArguments)
{
    QStringList arguments;
    qsizetype invalidArgument = 0;
    for (qsizetype i = 0; i < rawArguments.size(); ++i) {
        const auto decoded = SafeText::fromUtf8(rawArguments.at(i));
        if (!decoded && i > 0 && invalidArgument == 0) {
            invalidArgument = i;
        }
        arguments << decoded.value_or(QString::fromUtf8(rawArguments.at(i)));
    }

    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addOptions(globalOptions());
    const bool parsed = parser.parse(arguments);

    // The language first, so that everything else, errors included, is in it.
    const auto language = parser.value(LanguageOption);
    const bool knownLanguage = language.isEmpty() || Languages.contains(language);
    Translations::install(knownLanguage ? language : QString());
    m_context = std::make_unique<CliContext>(Database::location(parser.value(DatabaseOption)));
    if (invalidArgument > 0) {
        // Not echoed: it may be a secret (a header value, a URL with its token).
        return usageError(tr("Argument %1 on the command line is not valid UTF-8; nothing was done. Check that the "
                             "terminal or the script passes UTF-8 text.")
                              .arg(invalidArgument));
    }
    if (!parsed) {
        // Parse again with the translations installed, for a translated message.
        QCommandLineParser translated;
        translated.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
        translated.addOptions(globalOptions());
        translated.parse(arguments);
        return usageError(translated.errorText());
    }
    if (!knownLanguage) {
        return usageError(tr("Unknown language \"%1\": use fr or en.").arg(InputEcho::capped(language)));
    }
    if (parser.isSet(DatabaseOption) && parser.value(DatabaseOption).isEmpty()) {
        return usageError(tr("The database path must not be empty."));
    }

    auto positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional.constFirst() == QLatin1String("help")) {
        positional.removeFirst();
        positional << QStringLiteral("--help");
    }
    if (parser.isSet(HelpOption) || (positional.size() == 1 && positional.constFirst() == QLatin1String("--help"))) {
        m_context->print(helpText().trimmed());
        return CliContext::Success;
    }
    if (parser.isSet(VersionOption)) {
        m_context->print(CliCommand::programName() + QLatin1Char(' ') + QStringLiteral(CROCHET_VERSION));
        return CliContext::Success;
    }
    if (positional.isEmpty()) {
        return usageError(tr("Missing command."));
    }
    auto* selected = command(positional.takeFirst());
    if (!selected) {
        return usageError(
            tr("Unknown command \"%1\".").arg(InputEcho::capped(parser.positionalArguments().constFirst())));
    }

    int code = selected->execute(positional);
    if (code == CliCommand::Running) {
        connect(selected, &CliCommand::finished, this, [](int exitCode) { QCoreApplication::exit(exitCode); });
        code = QCoreApplication::exec();
    }
    return code;
}

QString CliApplication::helpText()
{
    HelpText help;
    help.addUsage(synopsis());
    help.addParagraph(tr("Manage Crochet's accounts and webhook notifications from the command line or scripts."));
    help.addSection(tr("Global options:"), [] {
        HelpText::Rows rows;
        for (const auto& option : globalOptions()) {
            rows.append({ HelpText::optionSyntax(option), option.description() });
        }
        return rows;
    }());
    HelpText::Rows rows;
    for (auto* entry : commands()) {
        for (const auto& action : entry->actions()) {
            QStringList words { entry->name() };
            words += action.words;
            for (const auto& argument : action.arguments) {
                words << (argument.optional ? QLatin1Char('[') + argument.name + QLatin1Char(']') : argument.name);
            }
            rows.append({ words.join(QLatin1Char(' ')), action.description });
        }
    }
    help.addSection(tr("Commands:"), rows);
    help.addParagraph(tr("Run \"%1 <command> <action> --help\" for an action's options. Exit status: 0 on success, 1 "
                         "when the action failed, 2 for a usage error.")
                          .arg(CliCommand::programName()));
    return help.text();
}

QString CliApplication::synopsis()
{
    return tr("%1 [global options] <command> <action> [options] [arguments]").arg(CliCommand::programName());
}

int CliApplication::usageError(const QString& message)
{
    m_context->error(message);
    m_context->error(HelpText::tr("Usage: %1").arg(synopsis()));
    m_context->error(tr("Run \"%1 --help\" for help.").arg(CliCommand::programName()));
    return CliContext::UsageError;
}
