#include "ServiceLog.h"

#include "CliContext.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMutex>

#include <sys/stat.h>
#include <unistd.h>

namespace {

const ServiceLog* s_installed = nullptr;
// The delivery thread logs too (the worker's warnings), and CliContext's streams are not thread-safe.
QMutex s_writeMutex;
QtMessageHandler s_previousHandler = nullptr;

QString levelWord(ServiceLog::Level level)
{
    switch (level) {
    case ServiceLog::Level::Error:
        return QStringLiteral("error");
    case ServiceLog::Level::Warning:
        return QStringLiteral("warning");
    case ServiceLog::Level::Notice:
        return QStringLiteral("notice");
    case ServiceLog::Level::Info:
        return QStringLiteral("info");
    case ServiceLog::Level::Debug:
        return QStringLiteral("debug");
    }
    return {};
}

void handleQtMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    auto level = ServiceLog::Level::Info;
    switch (type) {
    case QtDebugMsg:
        level = ServiceLog::Level::Debug;
        break;
    case QtInfoMsg:
        level = ServiceLog::Level::Info;
        break;
    case QtWarningMsg:
        level = ServiceLog::Level::Warning;
        break;
    case QtCriticalMsg:
    case QtFatalMsg:
        level = ServiceLog::Level::Error;
        break;
    }
    const auto category = QString::fromLatin1(context.category ? context.category : "default");
    s_installed->write(level,
                       category == QLatin1String("default") ? message : category + QStringLiteral(": ") + message);
    if (type == QtFatalMsg && s_previousHandler) {
        s_previousHandler(type, context, message);
    }
}

} // namespace

ServiceLog::ServiceLog(CliContext* context)
    : m_context(context)
    , m_journal(stderrIsJournal())
{
    s_installed = this;
    s_previousHandler = qInstallMessageHandler(handleQtMessage);
}

ServiceLog::~ServiceLog()
{
    qInstallMessageHandler(s_previousHandler);
    s_installed = nullptr;
}

bool ServiceLog::stderrIsJournal()
{
    const auto stream = qgetenv("JOURNAL_STREAM").split(':');
    if (stream.size() != 2) {
        return false;
    }
    struct stat status = {};
    if (::fstat(STDERR_FILENO, &status) != 0) {
        return false;
    }
    bool deviceOk = false;
    bool inodeOk = false;
    const auto device = stream.at(0).toULongLong(&deviceOk);
    const auto inode = stream.at(1).toULongLong(&inodeOk);
    return deviceOk && inodeOk && device == static_cast<qulonglong>(status.st_dev)
        && inode == static_cast<qulonglong>(status.st_ino);
}

void ServiceLog::write(Level level, const QString& message) const
{
    // One line whatever the message holds: the journal and log readers split on line breaks.
    const QMutexLocker locker(&s_writeMutex);
    auto line = message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (m_journal) {
        m_context->error(QStringLiteral("<%1>").arg(static_cast<int>(level)) + line);
    } else {
        m_context->error(QDateTime::currentDateTime().toString(Qt::ISODateWithMs) + QLatin1Char(' ') + levelWord(level)
                         + QStringLiteral(": ") + line);
    }
}
