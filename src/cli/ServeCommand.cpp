#include "ServeCommand.h"

#include "CliContext.h"
#include "ServiceLog.h"
#include "SignalWatcher.h"
#include "Version.h"
#include "outbox/DeliveryHold.h"
#include "outbox/DeliveryService.h"
#include "outbox/Outbox.h"
#include "storage/Database.h"
#include "webhooks/Endpoint.h"
#include "workers/WorkerRegistry.h"

#include <QSysInfo>

#include <csignal>

namespace {

const QString OnceOption = QStringLiteral("once");
const QString TimeoutOption = QStringLiteral("timeout");
constexpr int DefaultOnceTimeoutSeconds = 120;
// How often --once asks the database whether what was due is recorded.
constexpr auto OncePollInterval = std::chrono::milliseconds(200);

} // namespace

ServeCommand::ServeCommand(CliContext* context, QObject* parent)
    : CliCommand(context, parent)
{
    m_wakeTimer.setSingleShot(true);
    m_wakeTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_wakeTimer, &QTimer::timeout, this, [this] {
        m_wakeAt = {};
        if (m_service && !m_stopping) {
            m_service->wake();
        }
    });
}

ServeCommand::~ServeCommand()
{
    // The service first: its last reports and warnings still go to the log.
    delete m_service;
    m_service = nullptr;
}

QString ServeCommand::description() const
{
    return tr("Deliver notifications in the background, as a service.");
}

QList<CliCommand::Action> ServeCommand::actions() const
{
    return {
        { {},
          tr("Deliver notifications until stopped (SIGTERM or SIGINT), then finish the requests on the wire, give the "
             "others back and exit 0. With --once, deliver what is due now and exit: 0 when all of it was delivered, 1 "
             "otherwise."),
          {},
          {
              QCommandLineOption(OnceOption, tr("Deliver what is due now, then exit (for cron).")),
              QCommandLineOption(
                  TimeoutOption,
                  tr("With --once, stop waiting after this many seconds (default %1).").arg(DefaultOnceTimeoutSeconds),
                  tr("seconds"), QString::number(DefaultOnceTimeoutSeconds)),
          } },
    };
}

int ServeCommand::run(const QStringList&, const QCommandLineParser& parser, const QStringList&)
{
    bool isNumber = false;
    const int timeout = parser.value(TimeoutOption).toInt(&isNumber);
    if (!isNumber || timeout <= 0) {
        return usageError(tr("The timeout must be a whole number of seconds above 0."), actions().constFirst());
    }
    if (parser.isSet(TimeoutOption) && !parser.isSet(OnceOption)) {
        return usageError(tr("--timeout only goes with --once."), actions().constFirst());
    }
    if (!m_context->requireWritable()) {
        return CliContext::Failure;
    }
    m_log = std::make_unique<ServiceLog>(m_context);
    m_signals = new SignalWatcher({ SIGTERM, SIGINT }, this);
    connect(m_signals, &SignalWatcher::received, this, &ServeCommand::stopOnSignal);
    return parser.isSet(OnceOption) ? once(timeout) : serve();
}

void ServeCommand::connectService()
{
    connect(m_service, &DeliveryService::attemptRecorded, this, &ServeCommand::logAttempt);
    connect(m_service, &DeliveryService::endpointGone, this, [this](qint64, const QString& name) {
        m_log->warning(tr("Endpoint \"%1\" answered 410 Gone: it is disabled, and its notifications are held until it "
                          "has a new URL or is enabled again.")
                           .arg(name));
    });
    connect(m_service, &DeliveryService::databaseReachableChanged, this, [this](bool reachable, const QString& error) {
        if (reachable) {
            m_log->notice(tr("The database is reachable again."));
        } else {
            m_log->error(tr("The database is unreachable: %1").arg(error));
        }
    });
}

int ServeCommand::serve()
{
    m_service = new DeliveryService(m_context->database());
    m_service->setProgram(WorkerRegistry::serveProgram());
    connectService();
    m_service->start();
    m_log->notice(tr("Started: Crochet %1, worker %2 on %3 (process %4), database %5.")
                      .arg(QStringLiteral(CROCHET_VERSION), m_service->workerId(), QSysInfo::machineHostName(),
                           QString::number(QCoreApplication::applicationPid()), m_context->database()->path()));
    return Running;
}

int ServeCommand::once(int timeoutSeconds)
{
    m_once = true;
    m_onceStartedAt = QDateTime::currentDateTimeUtc();
    if (dueSendable(m_onceStartedAt) == 0) {
        m_context->print(tr("Nothing is due."));
        return CliContext::Success;
    }
    m_service = new DeliveryService(m_context->database());
    m_service->setProgram(WorkerRegistry::serveProgram() + QStringLiteral(" --once"));
    connectService();
    m_onceTimer.setInterval(OncePollInterval);
    connect(&m_onceTimer, &QTimer::timeout, this, &ServeCommand::checkOnce);
    connect(m_service, &DeliveryService::attemptsRecorded, this, &ServeCommand::checkOnce);
    m_onceDeadline.setSingleShot(true);
    connect(&m_onceDeadline, &QTimer::timeout, this, [this] {
        m_log->warning(tr("The time given to --once ran out."));
        finishOnce();
    });
    m_service->start();
    m_onceTimer.start();
    m_onceDeadline.start(std::chrono::seconds(timeoutSeconds));
    return Running;
}

void ServeCommand::checkOnce()
{
    if (!m_stopping && dueSendable(m_onceStartedAt) == 0) {
        finishOnce();
    }
}

void ServeCommand::finishOnce()
{
    if (m_stopping) {
        return;
    }
    m_stopping = true;
    m_onceTimer.stop();
    m_onceDeadline.stop();
    // Requests on the wire finish within their timeout and are recorded; the rest is given back.
    m_service->stop();
    // The last reports are queued to this thread: count them before the summary.
    QMetaObject::invokeMethod(
        this,
        [this] {
            const int due = dueSendable(m_onceStartedAt);
            m_context->print(tr("Delivered: %1, to be retried: %2, failed: %3, still due: %4")
                                 .arg(m_delivered)
                                 .arg(m_retrying)
                                 .arg(m_failed)
                                 .arg(due));
            finish(m_retrying == 0 && m_failed == 0 && due == 0 ? CliContext::Success : CliContext::Failure);
        },
        Qt::QueuedConnection);
}

void ServeCommand::stopOnSignal(int signalNumber)
{
    if (m_stopping) {
        return;
    }
    m_log->notice(tr("Stopping on %1: requests on the wire finish within their timeout, the others are given back.")
                      .arg(SignalWatcher::name(signalNumber)));
    if (m_once) {
        finishOnce();
        return;
    }
    m_stopping = true;
    m_wakeTimer.stop();
    const int abandoned = m_service->stop();
    QMetaObject::invokeMethod(
        this,
        [this, abandoned] {
            if (abandoned > 0) {
                m_log->warning(tr("Stopped with %1 requests unanswered; they are sent again once their lease runs out.")
                                   .arg(abandoned));
            } else {
                m_log->notice(tr("Stopped."));
            }
            finish(CliContext::Success);
        },
        Qt::QueuedConnection);
}

QString ServeCommand::endpointName(qint64 endpointId)
{
    if (!m_endpointNames.contains(endpointId)) {
        m_endpointNames.clear();
        for (const auto& endpoint : EndpointStore::load(m_context->database()->connection())) {
            m_endpointNames.insert(endpoint.id, endpoint.name);
        }
    }
    return m_endpointNames.value(endpointId, tr("(removed)"));
}

void ServeCommand::logAttempt(const AttemptReport& report)
{
    const auto event = Events::key(report.event);
    const auto endpoint = endpointName(report.endpointId);
    const auto summary = report.result.summary();
    if (report.state == Outbox::stateKey(Outbox::State::Delivered)) {
        ++m_delivered;
        //: Service log: notification id, event key, endpoint name, attempt number, how it went.
        m_log->info(tr("Delivered %1 (%2) to \"%3\", attempt %4: %5")
                        .arg(report.notificationId, event, endpoint, QString::number(report.number), summary));
    } else if (report.state == Outbox::stateKey(Outbox::State::Pending)) {
        ++m_retrying;
        m_log->warning(tr("Attempt %1 of %2 (%3) to \"%4\" failed: %5 Next attempt at %6.")
                           .arg(QString::number(report.number), report.notificationId, event, endpoint, summary,
                                CliContext::formatTime(report.nextAttemptAt)));
        // Woken when it falls due rather than at the next poll.
        if (report.nextAttemptAt.isValid() && !m_stopping && !m_once
            && (!m_wakeAt.isValid() || report.nextAttemptAt < m_wakeAt)) {
            m_wakeAt = report.nextAttemptAt;
            m_wakeTimer.start(
                std::chrono::milliseconds(qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(m_wakeAt))));
        }
    } else {
        ++m_failed;
        m_log->error(tr("Gave up on %1 (%2) to \"%3\" after attempt %4: %5")
                         .arg(report.notificationId, event, endpoint, QString::number(report.number), summary));
    }
}

int ServeCommand::dueSendable(const QDateTime& at) const
{
    auto* database = m_context->database();
    const auto hold = DeliveryHold::load(database);
    const auto counts = Outbox(database).dueByEndpoint(at);
    int due = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (!hold.isHeld(it.key())) {
            due += it.value();
        }
    }
    return due;
}
