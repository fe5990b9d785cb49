#include "CliRunner.h"

#include <QSignalSpy>

QStringList CliResult::outLines() const
{
    return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList CliResult::errLines() const
{
    return err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList CliResult::unsafeCharacters() const
{
    QStringList found;
    for (const auto& [stream, text] :
         { std::pair { QStringLiteral("stdout"), out }, { QStringLiteral("stderr"), err } }) {
        for (qsizetype i = 0; i < text.size(); ++i) {
            const auto code = text.at(i).unicode();
            const bool control = (code < 0x20 && code != '\n' && code != '\t') || (code >= 0x7f && code <= 0x9f);
            const bool invisible = text.at(i).category() == QChar::Other_Format;
            if (control || invisible) {
                found << QStringLiteral("%1 U+%2 at %3").arg(stream).arg(code, 4, 16, QLatin1Char('0')).arg(i);
            }
        }
    }
    return found;
}

QByteArray CliResult::describe() const
{
    return QStringLiteral("exit %1%2\n--- stdout:\n%3--- stderr:\n%4")
        .arg(exitCode)
        .arg(finished ? QString() : QStringLiteral(" (killed: too slow)"), out, err)
        .toUtf8();
}

CliRunner::CliRunner(QString databasePath)
    : m_databasePath(std::move(databasePath))
    , m_environment(QProcessEnvironment::systemEnvironment())
{
    m_environment.remove(QStringLiteral("WEBHOOK_URL"));
    m_environment.remove(QStringLiteral("DATABASE_URL"));
}

void CliRunner::setEnvironmentVariable(const QString& name, const QString& value)
{
    if (value.isEmpty()) {
        m_environment.remove(name);
    } else {
        m_environment.insert(name, value);
    }
}

std::unique_ptr<QProcess> CliRunner::start(const QStringList& arguments, const QByteArray& input) const
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(qEnvironmentVariable("CROCHET_CLI"));
    process->setArguments(QStringList { QStringLiteral("--database"), m_databasePath } + arguments);
    process->setProcessEnvironment(m_environment);
    process->start();
    if (!input.isEmpty()) {
        process->write(input);
    }
    process->closeWriteChannel();
    return process;
}

CliResult CliRunner::run(const QStringList& arguments, const QByteArray& input, int timeoutMs) const
{
    const auto process = start(arguments, input);
    return finish(process.get(), timeoutMs);
}

CliResult CliRunner::finish(QProcess* process, int timeoutMs)
{
    CliResult result;
    if (process->state() != QProcess::NotRunning) {
        QSignalSpy finished(process, &QProcess::finished);
        result.finished = finished.wait(timeoutMs);
        if (!result.finished) {
            process->kill();
            finished.wait(5000);
        }
    } else {
        result.finished = true;
    }
    result.exitCode = process->exitCode();
    result.exitStatus = process->exitStatus();
    result.out = QString::fromUtf8(process->readAllStandardOutput());
    result.err = QString::fromUtf8(process->readAllStandardError());
    if (process->error() == QProcess::FailedToStart) {
        result.exitCode = -1;
        result.err += QStringLiteral("cannot start %1: %2").arg(process->program(), process->errorString());
    }
    return result;
}
