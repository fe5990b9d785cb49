#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <memory>

class QTcpSocket;

// A loopback HTTP receiver for the tests (127.0.0.1 only). It must misbehave at the socket level (never answer,
// reset mid-response, send a huge body), which Qt's HTTP server cannot do, so it speaks minimal HTTP/1.1 itself.
class TestReceiver : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const;
    };

    enum class Behaviour
    {
        Answer,
        NeverAnswer,
        ResetMidResponse,
        HugeBody,
        Garbage, // an answer that is not HTTP, then the connection closes
        HugeHeader, // a 200 whose one header line is hugeBodyBytes long
    };

    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        Behaviour behaviour = Behaviour::Answer;
        qint64 hugeBodyBytes = 0;
        int delayMs = 0; // answer this long after the request arrived
    };

    explicit TestReceiver(QObject* parent = nullptr);
    ~TestReceiver() override;

    bool listen(quint16 port = 0);
    // HTTPS with the given PEM certificate and key; url() then starts with https.
    bool listenTls(const QString& certificatePath, const QString& keyPath, quint16 port = 0);
    void close();
    quint16 port() const { return m_server->serverPort(); }
    QUrl url(const QString& path = QStringLiteral("/hook")) const;

    // Responses are used in order; the last one repeats.
    void setResponses(const QList<Response>& responses);
    // Or each request is answered by what responder returns for it (a rate-limited service, for example).
    void setResponder(std::function<Response(const Request& request)> responder);
    void setStatus(int status);
    static Response status(int code, QByteArray body = {});

    const QList<Request>& requests() const { return m_requests; }
    int count() const { return static_cast<int>(m_requests.size()); }

signals:
    void requestReceived(const TestReceiver::Request& request);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void respond(QTcpSocket* socket, const Response& response);
    Response nextResponse(const Request& request);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QList<Response> m_responses;
    std::function<Response(const Request& request)> m_responder;
    QList<Request> m_requests;
    int m_served = 0;
    QList<QTcpSocket*> m_sockets;
};
