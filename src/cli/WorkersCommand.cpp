#include "WorkersCommand.h"

#include "CliContext.h"
#include "text/SafeText.h"
#include "workers/WorkerRegistry.h"

namespace {

const QString AllOption = QStringLiteral("all");

} // namespace

QString WorkersCommand::description() const
{
    return tr("List the processes delivering notifications.");
}

QList<CliCommand::Action> WorkersCommand::actions() const
{
    return {
        { {},
          tr("List the processes delivering notifications on this database, one a line: id, program, host, process "
             "id, version, started, last seen, and live or stale (not seen for %1 s: the process died). Exit status 1 "
             "when none is live.")
              .arg(std::chrono::duration_cast<std::chrono::seconds>(WorkerRegistry::StaleAfter).count()),
          {},
          { QCommandLineOption(AllOption, tr("Also list the workers that stopped answering.")) } },
    };
}

int WorkersCommand::run(const QStringList&, const QCommandLineParser& parser, const QStringList&)
{
    auto* database = m_context->database();
    if (!database) {
        return CliContext::Failure;
    }
    const auto now = QDateTime::currentDateTimeUtc();
    const WorkerRegistry registry(database);
    int live = 0;
    for (const auto& worker : registry.all()) {
        const bool isLive = WorkerRegistry::isLive(worker, now);
        live += isLive ? 1 : 0;
        if (!isLive && !parser.isSet(AllOption)) {
            continue;
        }
        m_context->print(QStringList {
            SafeText::printable(worker.id), SafeText::printable(worker.program), SafeText::printable(worker.host),
            QString::number(worker.pid), SafeText::printable(worker.version), CliContext::formatTime(worker.startedAt),
            CliContext::formatTime(worker.lastSeen), isLive ? QStringLiteral("live") : QStringLiteral("stale") }
                             .join(QLatin1Char('\t')));
    }
    return live > 0 ? CliContext::Success : CliContext::Failure;
}
