#pragma once

#include <QByteArray>
#include <QCommandLineOption>
#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

class CliCommand;
class CliContext;

// crochet-cli: global options, the language, then one command run to completion.
class CliApplication : public QObject
{
    Q_OBJECT

public:
    explicit CliApplication(QObject* parent = nullptr);
    ~CliApplication() override;

    // Parses the arguments (the program first, as bytes from main's argv) and runs the command; returns the process's
    // exit code. An argument that is not valid UTF-8 is a usage error.
    int run(const QList<QByteArray>& rawArguments);

private:
    static QList<QCommandLineOption> globalOptions();
    QList<CliCommand*> commands();
    CliCommand* command(const QString& name);
    QString helpText();
    static QString synopsis();
    int usageError(const QString& message);

    // Declared first so that it is destroyed last: commands stop their delivery threads before the database closes.
    std::unique_ptr<CliContext> m_context;
    std::vector<std::unique_ptr<CliCommand>> m_commands;
};
