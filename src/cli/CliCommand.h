#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QObject>
#include <QStringList>

#include <optional>

class CliContext;

// A command word ("webhook", "user", "deliveries") and its actions, each parsed with its own options.
class CliCommand : public QObject
{
    Q_OBJECT

public:
    // What run() returns when the action goes on in the event loop; it then emits finished() once.
    static constexpr int Running = -1;

    struct Argument
    {
        QString name;
        QString description;
        bool optional = false;
    };

    struct Action
    {
        QStringList words; // after the command word, e.g. {"secret", "generate"}
        QString description;
        QList<Argument> arguments;
        QList<QCommandLineOption> options;
    };

    explicit CliCommand(CliContext* context, QObject* parent = nullptr);

    virtual QString name() const = 0;
    virtual QString description() const = 0;
    // Built on each call, so that descriptions follow the language installed.
    virtual QList<Action> actions() const = 0;

    // Finds the action named by the first words, parses the rest with its options and runs it: an exit code, or
    // Running.
    int execute(const QStringList& words);

    QString helpText() const;
    QString synopsis(const Action& action) const;

    static QString programName();
    static QCommandLineOption helpOption();

signals:
    void finished(int exitCode);

protected:
    // positional holds the action's own arguments, already counted against its Argument list.
    virtual int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) = 0;

    // Prints the problem and how to get help on stderr; returns the usage exit code.
    int usageError(const QString& message, const std::optional<Action>& action = std::nullopt) const;
    // Emits finished() from the event loop, so that callers may finish from inside run() too.
    void finish(int exitCode);

    CliContext* m_context;

private:
    QString actionHelpText(const Action& action) const;
};
