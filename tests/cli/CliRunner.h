#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

// Checks that crochet-cli ended normally with this exit status; prints everything it said otherwise.
#define CLI_VERIFY_EXIT(result, code)                                                                                  \
    do {                                                                                                               \
        const CliResult& cliResult_ = (result);                                                                        \
        QVERIFY2(cliResult_.finished&& cliResult_.exitStatus == QProcess::NormalExit && cliResult_.exitCode == (code), \
                 cliResult_.describe().constData());                                                                   \
    } while (false)

struct CliResult
{
    bool finished = false; // false when it had to be killed for taking too long
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    QString out;
    QString err;

    QStringList outLines() const;
    // Each control character (C0 other than the line feed and tab, DEL, C1) and each text-direction or invisible
    // character found in stdout or stderr, as "stdout U+001B at 12"; empty when the output is safe for a terminal.
    QStringList unsafeCharacters() const;
    QStringList errLines() const;
    // Everything the process said, for failure messages.
    QByteArray describe() const;
};

// Runs crochet-cli (the CROCHET_CLI environment variable) on one database, asynchronously: the test's event loop
// keeps turning while it runs, so that a TestReceiver in the test process can answer it.
class CliRunner
{
public:
    explicit CliRunner(QString databasePath);

    QString databasePath() const { return m_databasePath; }
    // An empty value removes the variable from the child's environment.
    void setEnvironmentVariable(const QString& name, const QString& value);

    // Starts crochet-cli --database PATH arguments…, writing input to its standard input.
    std::unique_ptr<QProcess> start(const QStringList& arguments, const QByteArray& input = {}) const;
    CliResult run(const QStringList& arguments, const QByteArray& input = {}, int timeoutMs = 60000) const;

    // Waits with the event loop running; kills the process if it takes longer than timeoutMs.
    static CliResult finish(QProcess* process, int timeoutMs = 60000);

private:
    QString m_databasePath;
    QProcessEnvironment m_environment;
};
