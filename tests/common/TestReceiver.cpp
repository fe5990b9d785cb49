#include "TestReceiver.h"

#include <QFile>
#include <QSslKey>
#include <QSslServer>
#include <QTcpSocket>
#include <QTimer>

namespace {

constexpr const char* BufferProperty = "receiverBuffer";

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 404:
        return "Not Found";
    case 410:
        return "Gone";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QByteArray TestReceiver::Request::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

TestReceiver::TestReceiver(QObject* parent)
    : QObject(parent)
{
    m_responses.append(Response {});
}

TestReceiver::~TestReceiver()
{
    close();
}

bool TestReceiver::listen(quint16 port)
{
    m_server = std::make_unique<QTcpServer>();
    m_tls = false;
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &TestReceiver::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, port);
}

bool TestReceiver::listenTls(const QString& certificatePath, const QString& keyPath, quint16 port)
{
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        return false;
    }
    auto configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(QSslCertificate::fromPath(certificatePath, QSsl::Pem));
    configuration.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    m_server = std::move(server);
    m_tls = true;
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &TestReceiver::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, port);
}

void TestReceiver::close()
{
    if (m_server) {
        m_server->close();
    }
    const auto sockets = std::exchange(m_sockets, {});
    for (auto* socket : sockets) {
        socket->abort();
        socket->deleteLater();
    }
}

QUrl TestReceiver::url(const QString& path) const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

void TestReceiver::setResponses(const QList<Response>& responses)
{
    m_responses = responses;
    m_served = 0;
}

void TestReceiver::setStatus(int code)
{
    setResponses({ status(code) });
}

TestReceiver::Response TestReceiver::status(int code, QByteArray body)
{
    Response response;
    response.status = code;
    response.body = std::move(body);
    return response;
}

void TestReceiver::setResponder(std::function<Response(const Request& request)> responder)
{
    m_responder = std::move(responder);
}

TestReceiver::Response TestReceiver::nextResponse(const Request& request)
{
    if (m_responder) {
        ++m_served;
        return m_responder(request);
    }
    const auto index = qMin(m_served, static_cast<int>(m_responses.size()) - 1);
    ++m_served;
    return m_responses.value(index);
}

void TestReceiver::onNewConnection()
{
    while (auto* socket = m_server->nextPendingConnection()) {
        m_sockets.append(socket);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_sockets.removeAll(socket);
            socket->deleteLater();
        });
    }
}

void TestReceiver::onReadyRead(QTcpSocket* socket)
{
    QByteArray buffer = socket->property(BufferProperty).toByteArray() + socket->readAll();
    // Several requests may arrive on one kept-alive connection.
    while (true) {
        const auto headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            break;
        }
        Request request;
        const auto lines = buffer.left(headerEnd).split('\n');
        const auto requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const auto colon = lines.at(i).indexOf(':');
            if (colon > 0) {
                const QByteArray name = lines.at(i).left(colon).trimmed();
                const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
                request.headers.append({ name, value });
                if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
                    length = value.toLongLong();
                }
            }
        }
        if (buffer.size() < headerEnd + 4 + length) {
            break;
        }
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        m_requests.append(request);
        const auto response = nextResponse(request);
        emit requestReceived(request);
        if (response.delayMs > 0) {
            QTimer::singleShot(response.delayMs, socket, [this, socket, response] { respond(socket, response); });
        } else {
            respond(socket, response);
        }
        if (response.behaviour != Behaviour::Answer) {
            break;
        }
    }
    socket->setProperty(BufferProperty, buffer);
}

void TestReceiver::respond(QTcpSocket* socket, const Response& response)
{
    switch (response.behaviour) {
    case Behaviour::NeverAnswer:
        return;
    case Behaviour::ResetMidResponse:
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial");
        socket->flush();
        socket->abort();
        return;
    case Behaviour::Garbage:
        socket->write("garbage that is not HTTP\r\n\r\n");
        socket->disconnectFromHost();
        return;
    case Behaviour::HugeHeader: {
        socket->write("HTTP/1.1 200 OK\r\nX-Huge: ");
        const QByteArray chunk(64 * 1024, 'h');
        for (qint64 sent = 0; sent < response.hugeBodyBytes; sent += chunk.size()) {
            socket->write(
                chunk.left(static_cast<qsizetype>(qMin<qint64>(chunk.size(), response.hugeBodyBytes - sent))));
        }
        socket->write("\r\nContent-Length: 0\r\n\r\n");
        return;
    }
    case Behaviour::HugeBody: {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status)
            + "\r\nContent-Type: text/plain\r\nContent-Length: " + QByteArray::number(response.hugeBodyBytes)
            + "\r\n\r\n";
        socket->write(head);
        const QByteArray chunk(64 * 1024, 'x');
        for (qint64 sent = 0; sent < response.hugeBodyBytes && socket->state() == QAbstractSocket::ConnectedState;
             sent += chunk.size()) {
            socket->write(
                chunk.left(static_cast<qsizetype>(qMin<qint64>(chunk.size(), response.hugeBodyBytes - sent))));
            if (socket->bytesToWrite() > 4 * 1024 * 1024) {
                socket->waitForBytesWritten(100);
            }
        }
        return;
    }
    case Behaviour::Answer:
        break;
    }
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
    for (const auto& [name, value] : response.headers) {
        out += name + ": " + value + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n" + response.body;
    socket->write(out);
}
