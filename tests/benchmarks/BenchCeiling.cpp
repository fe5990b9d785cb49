// Issue 11's figures, in one run against one loopback receiver: how close Crochet comes to what Qt's HTTP client
// allows. The receiver is this program started again with --receiver: a separate process (so its CPU is not counted
// as Crochet's), single-threaded on epoll, answering 204 to each request on kept-alive connections (nginx is not
// installed on the benchmark machine). Each of RUNS runs (5 by default) measures, for NOTIFICATIONS (10,000):
//   (a) the ceiling: a bare poster, 3 QNetworkAccessManagers, 256 requests in flight, Crochet's stored bodies and
//       headers, no database;
//   (b) the peer: an Open WebUI-style sender, a new HTTP session per notification, awaited in turn (2,000 of them);
//   (c) `crochet-cli deliveries flush` of NOTIFICATIONS pending, as a subprocess: its rate until the receiver has the
//       last one, and its CPU time (user + system, from the child's rusage) per notification;
//   (d) `crochet-cli user import` of NOTIFICATIONS accounts, from its start until the receiver has the last
//       notification;
//   (e) the window's longest event-loop gap while it imports NOTIFICATIONS accounts and delivers them
//       (BenchImportWindow, offscreen, with its own in-process receiver), unless BENCH_CEILING_NO_WINDOW is set.
// Then min/median/max of each, and each rate as a ratio to the ceiling of the same run.
// The ceiling is measured again just before each of (c) and (d), and each is compared with that one: the shared
// machine's speed drifts from minute to minute. CROCHET_CLI names the crochet-cli to measure (default: this build's);
// CROCHET_CLI_BEFORE, when set, another build measured alternately in the same runs (CROCHET_CLI_BEFORE_SCHEMA: see
// copyFor). BENCH_IMPORT_WINDOW names the
// BenchImportWindow (default: next to this program). Usage: BenchCeiling [NOTIFICATIONS] [RUNS]
#include "BenchSupport.h"
#include "TestFixtures.h"
#include "storage/Database.h"
#include "users/UserImporter.h"
#include "webhooks/PayloadBuilder.h"
#include "webhooks/PayloadFormat.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <string>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <unordered_map>

using BenchSupport::childrenCpuMicroseconds;
using BenchSupport::print;
using BenchSupport::selfCpuMicroseconds;

namespace {

// --- The receiver process -------------------------------------------------------------------------------------------

// One connection's unread bytes.
struct Connection
{
    std::string buffer;
};

// Consumes the complete requests at the start of buffer; returns how many.
int completeRequests(std::string& buffer)
{
    int count = 0;
    for (;;) {
        const auto end = buffer.find("\r\n\r\n");
        if (end == std::string::npos) {
            return count;
        }
        size_t length = 0;
        // Content-Length, whatever its case.
        for (size_t line = buffer.find("\r\n"); line != std::string::npos && line < end;
             line = buffer.find("\r\n", line + 2)) {
            static const char Name[] = "content-length:";
            if (strncasecmp(buffer.c_str() + line + 2, Name, sizeof(Name) - 1) == 0) {
                length = std::strtoul(buffer.c_str() + line + 2 + sizeof(Name) - 1, nullptr, 10);
                break;
            }
        }
        if (buffer.size() < end + 4 + length) {
            return count;
        }
        buffer.erase(0, end + 4 + length);
        ++count;
    }
}

// Prints its port, then answers 204 to every request. Reading "expect N" on stdin resets its count; it prints
// "reached" once N requests have arrived since.
int runReceiver()
{
    const int server = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(server, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || listen(server, 1024) != 0) {
        return 1;
    }
    socklen_t size = sizeof(address);
    getsockname(server, reinterpret_cast<sockaddr*>(&address), &size);
    std::printf("%d\n", ntohs(address.sin_port));
    std::fflush(stdout);

    const int poll = epoll_create1(EPOLL_CLOEXEC);
    const auto watch = [poll](int fd) {
        epoll_event event {};
        event.events = EPOLLIN;
        event.data.fd = fd;
        epoll_ctl(poll, EPOLL_CTL_ADD, fd, &event);
    };
    watch(server);
    watch(STDIN_FILENO);
    std::unordered_map<int, Connection> connections;
    long long count = 0;
    long long expected = -1;
    static const char Answer[] = "HTTP/1.1 204 No Content\r\nServer: bench\r\n\r\n";
    std::string answers;
    char chunk[65536];
    epoll_event events[256];
    for (;;) {
        const int ready = epoll_wait(poll, events, 256, -1);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        for (int i = 0; i < ready; ++i) {
            const int fd = events[i].data.fd;
            if (fd == server) {
                for (int client; (client = accept4(server, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0;) {
                    setsockopt(client, IPPROTO_TCP, 1 /* TCP_NODELAY */, &one, sizeof(one));
                    connections[client];
                    watch(client);
                }
                continue;
            }
            if (fd == STDIN_FILENO) {
                const auto n = read(STDIN_FILENO, chunk, sizeof(chunk) - 1);
                if (n <= 0) {
                    return 0; // the benchmark has gone
                }
                chunk[n] = 0;
                expected = std::atoll(chunk + std::strlen("expect "));
                count = 0;
                continue;
            }
            auto& connection = connections[fd];
            for (;;) {
                const auto n = read(fd, chunk, sizeof(chunk));
                if (n > 0) {
                    connection.buffer.append(chunk, size_t(n));
                    continue;
                }
                if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                    close(fd);
                    connections.erase(fd);
                }
                break;
            }
            if (!connections.count(fd)) {
                continue;
            }
            const int requests = completeRequests(connection.buffer);
            answers.clear();
            for (int r = 0; r < requests; ++r) {
                answers.append(Answer, sizeof(Answer) - 1);
            }
            if (!answers.empty() && write(fd, answers.data(), answers.size()) < 0) {
                close(fd);
                connections.erase(fd);
            }
            const auto before = count;
            count += requests;
            if (expected > 0 && before < expected && count >= expected) {
                std::printf("reached\n");
                std::fflush(stdout);
            }
        }
    }
}

// --- The benchmark --------------------------------------------------------------------------------------------------

// The receiver: this program's --receiver process, driven through its stdin and stdout; or, when BENCH_CEILING_NGINX
// names an nginx binary, nginx as issue 11 measured with (one worker process, no access log, "return 204"), whose
// count of requests is read from its stub_status page every 5 ms.
class Receiver
{
public:
    ~Receiver() { stop(); }
    bool start(const QString& program)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const auto nginx = qEnvironmentVariable("BENCH_CEILING_NGINX");
        if (!nginx.isEmpty()) {
            return startNginx(nginx);
        }
        m_process.start(program, { QStringLiteral("--receiver") });
        if (!m_process.waitForStarted() || !m_process.waitForReadyRead(10000)) {
            return false;
        }
        m_port = m_process.readLine().trimmed().toUShort();
        return m_port > 0;
    }
    QString describe() const
    {
        return m_nginx ? QStringLiteral("nginx, one worker process, no access log, answering 204")
                       : QStringLiteral("a separate process on epoll, answering 204");
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(m_port)); }
    // The next count requests are counted from now on.
    void expect(int count)
    {
        m_reached = -1;
        if (m_nginx) {
            m_expected = count;
            m_base = served();
            return;
        }
        m_process.readAll();
        m_process.write(QByteArrayLiteral("expect ") + QByteArray::number(count) + '\n');
        m_process.waitForBytesWritten();
    }
    // Runs the event loop until the expected requests have all arrived, or timeoutMs; the time they did (timer's
    // elapsed), -1 on timeout.
    qint64 waitReached(const QElapsedTimer& timer, int timeoutMs)
    {
        if (m_reached < 0) {
            QEventLoop loop;
            watch(timer);
            const auto connection = m_nginx
                ? QObject::connect(&m_poll, &QTimer::timeout, &loop,
                                   [&] {
                                       if (m_reached >= 0) {
                                           loop.quit();
                                       }
                                   })
                : QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &loop, [&] {
                      if (m_reached >= 0) {
                          loop.quit();
                      }
                  });
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            if (m_reached < 0) {
                loop.exec();
            }
            QObject::disconnect(connection);
            unwatch();
        }
        return m_reached;
    }
    // Notes the time as soon as the expected requests have arrived, from the event loop of whatever else runs.
    void watch(const QElapsedTimer& timer)
    {
        if (m_nginx) {
            m_poll.setInterval(5);
            m_watch = QObject::connect(&m_poll, &QTimer::timeout, &m_poll, [this, &timer] {
                if (m_reached < 0 && served() - m_base >= m_expected) {
                    m_reached = timer.elapsed();
                }
            });
            m_poll.start();
            return;
        }
        m_watch = QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this, &timer] {
            if (m_process.readAll().contains("reached")) {
                m_reached = timer.elapsed();
            }
        });
    }
    void unwatch()
    {
        m_poll.stop();
        QObject::disconnect(m_watch);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning) {
            return;
        }
        if (m_nginx) {
            m_process.terminate();
        } else {
            m_process.closeWriteChannel();
        }
        m_process.waitForFinished(5000);
    }

private:
    bool startNginx(const QString& program)
    {
        m_nginx = true;
        {
            // A free port, handed over to nginx.
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost)) {
                return false;
            }
            m_port = probe.serverPort();
        }
        QFile config(m_nginxDir.filePath(QStringLiteral("nginx.conf")));
        if (!config.open(QIODevice::WriteOnly)) {
            return false;
        }
        config.write(QStringLiteral("worker_processes 1;\ndaemon off;\nmaster_process off;\npid %1/nginx.pid;\n"
                                    "error_log %1/error.log;\nevents { worker_connections 1024; }\n"
                                    "http { access_log off; keepalive_requests 10000000; client_body_temp_path %1;\n"
                                    "  server { listen 127.0.0.1:%2;\n"
                                    "    location /hook { return 204; }\n"
                                    "    location /status { stub_status; } } }\n")
                         .arg(m_nginxDir.path())
                         .arg(m_port)
                         .toUtf8());
        config.close();
        m_process.start(program, { QStringLiteral("-p"), m_nginxDir.path(), QStringLiteral("-c"), config.fileName() });
        if (!m_process.waitForStarted()) {
            return false;
        }
        QElapsedTimer started;
        started.start();
        while (served() < 0) {
            if (started.elapsed() > 10000 || m_process.state() == QProcess::NotRunning) {
                return false;
            }
            QThread::msleep(20);
        }
        return true;
    }
    // The requests nginx answered on /hook so far (its own count, less the status requests it was asked), -1 if it
    // does not answer.
    qint64 served()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (!socket.waitForConnected(1000)) {
            return -1;
        }
        ++m_statusRequests;
        socket.write("GET /status HTTP/1.0\r\n\r\n");
        while (socket.waitForReadyRead(1000)) { }
        // "Active connections: 1 \nserver accepts handled requests\n 2 2 2 \n..."
        const auto lines = socket.readAll().split('\n');
        const auto at = lines.indexOf(QByteArrayLiteral("server accepts handled requests"));
        const auto counts =
            at >= 0 && at + 1 < lines.size() ? lines.at(at + 1).simplified().split(' ') : QByteArrayList();
        return counts.size() == 3 ? counts.at(2).toLongLong() - m_statusRequests : -1;
    }

    QProcess m_process;
    quint16 m_port = 0;
    qint64 m_reached = -1;
    QMetaObject::Connection m_watch;
    bool m_nginx = false;
    QTemporaryDir m_nginxDir;
    QTimer m_poll;
    qint64 m_statusRequests = 0;
    qint64 m_base = 0;
    qint64 m_expected = 0;
};

// The requests Crochet sends, as it stores them: the bodies and the headers it adds to every attempt.
QList<QNetworkRequest> requestsFor(const QUrl& url, const QList<QPair<QString, QByteArray>>& notifications)
{
    QList<QNetworkRequest> requests;
    for (const auto& [id, body] : notifications) {
        Q_UNUSED(body)
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, PayloadBuilder::contentType(PayloadFormat::Shape::Json));
        request.setRawHeader(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Crochet/0.1.0"));
        request.setRawHeader(QByteArrayLiteral("webhook-id"), id.toUtf8());
        request.setRawHeader(QByteArrayLiteral("webhook-timestamp"),
                             QByteArray::number(QDateTime::currentSecsSinceEpoch()));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        requests.append(request);
    }
    return requests;
}

// (a) 3 managers, 256 in flight; the time until the last reply, in ms.
qint64 barePoster(const QUrl& url, const QList<QPair<QString, QByteArray>>& notifications, qint64* cpuMicroseconds)
{
    const auto requests = requestsFor(url, notifications);
    QNetworkAccessManager managers[3];
    const auto cpuBefore = selfCpuMicroseconds();
    QElapsedTimer timer;
    timer.start();
    qsizetype next = 0;
    qsizetype finished = 0;
    QEventLoop loop;
    std::function<void()> post = [&] {
        const auto i = next++;
        auto* reply = managers[i % 3].post(requests.at(i), notifications.at(i).second);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            reply->deleteLater();
            if (++finished == requests.size()) {
                loop.quit();
            } else if (next < requests.size()) {
                post();
            }
        });
    };
    while (next < qMin<qsizetype>(256, requests.size())) {
        post();
    }
    loop.exec();
    const auto elapsed = timer.elapsed();
    *cpuMicroseconds = selfCpuMicroseconds() - cpuBefore;
    return elapsed;
}

// (b) a new session per notification, awaited in turn; the time for all of them, in ms.
qint64 peerSender(const QUrl& url, const QList<QPair<QString, QByteArray>>& notifications)
{
    const auto requests = requestsFor(url, notifications);
    QElapsedTimer timer;
    timer.start();
    for (qsizetype i = 0; i < requests.size(); ++i) {
        QNetworkAccessManager manager;
        auto* reply = manager.post(requests.at(i), notifications.at(i).second);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        delete reply;
    }
    return timer.elapsed();
}

struct Figures
{
    QList<double> values;
    QList<double> ratios;
};

bool runCli(const QString& program, const QStringList& arguments, Receiver& receiver, int expected, qint64* lastMs,
            qint64* exitMs, qint64* cpuMicroseconds)
{
    receiver.expect(expected);
    QElapsedTimer timer;
    const auto cpuBefore = childrenCpuMicroseconds();
    QProcess cli;
    cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    receiver.watch(timer);
    timer.start();
    cli.start(program, arguments);
    QEventLoop loop;
    QObject::connect(&cli, &QProcess::finished, &loop, &QEventLoop::quit);
    loop.exec();
    *exitMs = timer.elapsed();
    receiver.unwatch();
    *cpuMicroseconds = childrenCpuMicroseconds() - cpuBefore;
    *lastMs = receiver.waitReached(timer, 10000);
    if (cli.exitCode() != 0 || *lastMs < 0) {
        print(QStringLiteral("%1 %2: exit %3; %4")
                  .arg(program, arguments.mid(2).join(QLatin1Char(' ')))
                  .arg(cli.exitCode())
                  .arg(QString::fromUtf8(cli.readAllStandardOutput()).trimmed()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc > 1 && std::strcmp(argv[1], "--receiver") == 0) {
        return runReceiver();
    }
    QCoreApplication app(argc, argv);
    const int notifications = argc > 1 ? QByteArray(argv[1]).toInt() : 10000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 5;
    const int peerCount = qMin(notifications, 2000);
    const auto here = QCoreApplication::applicationDirPath();
    auto cliProgram = qEnvironmentVariable("CROCHET_CLI");
    if (cliProgram.isEmpty()) {
        cliProgram = QDir(here).filePath(QStringLiteral("../../src/cli/crochet-cli"));
    }
    auto windowProgram = qEnvironmentVariable("BENCH_IMPORT_WINDOW");
    if (windowProgram.isEmpty()) {
        windowProgram = QDir(here).filePath(QStringLiteral("BenchImportWindow"));
    }
    const bool measureWindow = !qEnvironmentVariableIsSet("BENCH_CEILING_NO_WINDOW");
    QList<QPair<QString, QString>> builds { { QStringLiteral("now"), cliProgram } };
    if (qEnvironmentVariableIsSet("CROCHET_CLI_BEFORE")) {
        builds.prepend({ QStringLiteral("before"), qEnvironmentVariable("CROCHET_CLI_BEFORE") });
    }

    Receiver receiver;
    if (!receiver.start(QCoreApplication::applicationFilePath())) {
        print(QStringLiteral("the receiver did not start"));
        return 1;
    }
    print(QStringLiteral("receiver: %1 (%2)").arg(receiver.url().toString(), receiver.describe()));

    // A database of NOTIFICATIONS pending notifications for the receiver, and an empty one set to it.
    QTemporaryDir dir;
    const auto templatePath = dir.filePath(QStringLiteral("template.sqlite"));
    const auto emptyPath = dir.filePath(QStringLiteral("empty.sqlite"));
    const auto csvPath = dir.filePath(QStringLiteral("accounts.csv"));
    QList<QPair<QString, QByteArray>> stored;
    {
        Database database(templatePath);
        if (!database.open() || !TestFixtures::writeFile(csvPath, TestFixtures::pendingAccountsCsv(notifications))) {
            return 1;
        }
        TestFixtures::setWebhookUrl(&database, receiver.url().toString());
        const std::atomic_bool cancelled = false;
        if (UserImporter::run(&database, csvPath, cancelled).created != notifications) {
            return 1;
        }
        QSqlQuery query(database.connection());
        if (!query.exec(QStringLiteral("SELECT id, body FROM notifications ORDER BY rowid"))) {
            return 1;
        }
        while (query.next()) {
            stored.append({ query.value(0).toString(), query.value(1).toString().toUtf8() });
        }
        Database empty(emptyPath);
        if (!empty.open() || !TestFixtures::setWebhookUrl(&empty, receiver.url().toString())) {
            return 1;
        }
    }
    if (stored.size() != notifications) {
        print(QStringLiteral("%1 notifications written for %2 accounts").arg(stored.size()).arg(notifications));
        return 1;
    }
    print(QStringLiteral("payload: %1 bytes of JSON, e.g. %2")
              .arg(stored.constFirst().second.size())
              .arg(QString::fromUtf8(stored.constFirst().second)));

    // Each Crochet figure is compared with the ceiling measured just before it: the machine's speed drifts.
    Figures ceiling, ceilingCpu, peer, gap;
    QHash<QString, Figures> flush, flushCpu, import;
    const auto measureCeiling = [&] {
        receiver.expect(notifications);
        qint64 bareCpu = 0;
        const auto bareMs = qMax<qint64>(1, barePoster(receiver.url(), stored, &bareCpu));
        ceiling.values << notifications * 1000.0 / bareMs;
        ceiling.ratios << 1.0;
        ceilingCpu.values << double(bareCpu) / notifications;
        return ceiling.values.constLast();
    };
    const auto runPath = dir.filePath(QStringLiteral("run.sqlite"));
    // The "before" build may know an older schema: CROCHET_CLI_BEFORE_SCHEMA gives its copies that version, which is
    // only right when the schemas between differ in what rows hold, not in their tables (7 and 8).
    const int beforeSchema = qEnvironmentVariableIntValue("CROCHET_CLI_BEFORE_SCHEMA");
    const auto copyFor = [&](const QString& name, const QString& from, const QString& to) {
        if (!QFile::copy(from, to)) {
            return false;
        }
        if (name != QLatin1String("before") || beforeSchema <= 0) {
            return true;
        }
        Database copy(to);
        if (!copy.open()) {
            return false;
        }
        QSqlQuery query(copy.connection());
        return query.exec(QStringLiteral("PRAGMA user_version = %1").arg(beforeSchema));
    };
    for (int run = 1; run <= runs; ++run) {
        // (b), against (a) just before
        auto bareRate = measureCeiling();
        receiver.expect(peerCount);
        const auto peerMs = qMax<qint64>(1, peerSender(receiver.url(), stored.mid(0, peerCount)));
        peer.values << peerCount * 1000.0 / peerMs;
        peer.ratios << peer.values.constLast() / bareRate;
        print(QStringLiteral("run %1: (a) bare poster %2/s (CPU %3 µs each); (b) peer %4/s")
                  .arg(run)
                  .arg(bareRate, 0, 'f', 0)
                  .arg(ceilingCpu.values.constLast(), 0, 'f', 0)
                  .arg(peer.values.constLast(), 0, 'f', 0));
        for (const auto& [name, program] : std::as_const(builds)) {
            // (c)
            bareRate = measureCeiling();
            QFile::remove(runPath);
            qint64 lastMs = 0;
            qint64 exitMs = 0;
            qint64 cpu = 0;
            if (!copyFor(name, templatePath, runPath)
                || !runCli(program,
                           { QStringLiteral("--database"), runPath, QStringLiteral("deliveries"),
                             QStringLiteral("flush"), QStringLiteral("--wait"), QStringLiteral("600") },
                           receiver, notifications, &lastMs, &exitMs, &cpu)) {
                return 1;
            }
            flush[name].values << notifications * 1000.0 / qMax<qint64>(1, lastMs);
            flush[name].ratios << flush[name].values.constLast() / bareRate;
            flushCpu[name].values << double(cpu) / notifications;
            flushCpu[name].ratios << flushCpu[name].values.constLast() / ceilingCpu.values.constLast();
            print(QStringLiteral("run %1 %2: (a) %3/s (CPU %4 µs each); (c) flush: last received at %5 ms, exit at %6 "
                                 "ms, %7/s, CPU %8 µs each")
                      .arg(run)
                      .arg(name)
                      .arg(bareRate, 0, 'f', 0)
                      .arg(ceilingCpu.values.constLast(), 0, 'f', 0)
                      .arg(lastMs)
                      .arg(exitMs)
                      .arg(flush[name].values.constLast(), 0, 'f', 0)
                      .arg(flushCpu[name].values.constLast(), 0, 'f', 0));
            // (d)
            bareRate = measureCeiling();
            QFile::remove(runPath);
            if (!copyFor(name, emptyPath, runPath)
                || !runCli(program,
                           { QStringLiteral("--database"), runPath, QStringLiteral("user"), QStringLiteral("import"),
                             csvPath },
                           receiver, notifications, &lastMs, &exitMs, &cpu)) {
                return 1;
            }
            import[name].values << notifications * 1000.0 / qMax<qint64>(1, lastMs);
            import[name].ratios << import[name].values.constLast() / bareRate;
            print(QStringLiteral("run %1 %2: (a) %3/s; (d) user import: last received at %4 ms, exit at %5 ms, %6/s")
                      .arg(run)
                      .arg(name)
                      .arg(bareRate, 0, 'f', 0)
                      .arg(lastMs)
                      .arg(exitMs)
                      .arg(import[name].values.constLast(), 0, 'f', 0));
        }
        // (e)
        if (measureWindow) {
            QProcess window;
            auto environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
            window.setProcessEnvironment(environment);
            window.start(windowProgram, { QString::number(notifications) });
            window.waitForFinished(600000);
            const auto output = QString::fromUtf8(window.readAllStandardOutput());
            const auto match = QRegularExpression(QStringLiteral("longest gap (\\d+) ms")).match(output);
            if (!match.hasMatch()) {
                print(QStringLiteral("BenchImportWindow: %1").arg(output.trimmed()));
                return 1;
            }
            gap.values << match.captured(1).toDouble();
            print(QStringLiteral("run %1: (e) window: longest event-loop gap %2 ms").arg(run).arg(gap.values.last()));
        }
    }
    receiver.stop();

    print(QStringLiteral("%1 notifications, %2 runs: min / median / max, and as a ratio to (a) in the same run")
              .arg(notifications)
              .arg(runs));
    print(QStringLiteral("(a) bare QNetworkAccessManager poster: %1 notifications/s; its CPU %2 µs each")
              .arg(BenchSupport::figures(ceiling.values, 0), BenchSupport::figures(ceilingCpu.values, 0)));
    print(QStringLiteral("(b) Open WebUI-style sender (%1): %2 notifications/s; ratio %3")
              .arg(peerCount)
              .arg(BenchSupport::figures(peer.values, 0), BenchSupport::figures(peer.ratios, 2)));
    for (const auto& [name, program] : std::as_const(builds)) {
        print(
            QStringLiteral("(c) %1: crochet-cli deliveries flush: %2 notifications/s; ratio %3 (target 0.80)")
                .arg(name, BenchSupport::figures(flush[name].values, 0), BenchSupport::figures(flush[name].ratios, 2)));
        print(
            QStringLiteral("    its CPU (user + system): %1 µs per notification (target 150); ratio to (a)'s CPU %2")
                .arg(BenchSupport::figures(flushCpu[name].values, 0), BenchSupport::figures(flushCpu[name].ratios, 2)));
        print(QStringLiteral("(d) %1: crochet-cli user import, start to last received: %2 notifications/s; ratio %3 "
                             "(target 0.70)")
                  .arg(name, BenchSupport::figures(import[name].values, 0),
                       BenchSupport::figures(import[name].ratios, 2)));
    }
    if (measureWindow) {
        print(QStringLiteral("(e) window, longest event-loop gap: %1 ms (target < 50)")
                  .arg(BenchSupport::figures(gap.values, 0)));
    }
    return 0;
}
