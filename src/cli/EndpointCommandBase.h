#pragma once

#include "CliCommand.h"
#include "webhooks/Endpoint.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>
#include <optional>

class QNetworkAccessManager;

// What "webhook" (on the main endpoint) and "endpoint" (on the one named) both do to one endpoint: show it, test it,
// its signing secret and its custom headers. Each command says which endpoint an action targets; the actions
// themselves are written once, here.
class EndpointCommandBase : public CliCommand
{
    Q_OBJECT

public:
    using CliCommand::CliCommand;

protected:
    // The arguments naming the endpoint, before an action's own: none for "webhook", ENDPOINT for "endpoint".
    virtual QList<Argument> targetArguments() const = 0;
    // The endpoint the action applies to (positional starts with targetArguments()); says why and returns nothing
    // when there is none.
    virtual std::optional<Endpoint> target(const QStringList& action, const QStringList& positional) = 0;

    // show, test, secret generate|set|clear, header set|remove, each after targetArguments().
    QList<Action> sharedActions() const;
    // Runs one of sharedActions(): an exit code or Running; nullopt when action is not one of them.
    std::optional<int> runShared(const QStringList& action, const QCommandLineParser& parser,
                                 const QStringList& positional);
    static bool changesDatabase(const QStringList& action);

    // Changes an endpoint in one transaction (see EndpointStore::update); says why on failure.
    bool change(qint64 id, const std::function<bool(Endpoint& endpoint)>& change);

    // The action's last argument, or the first line of standard input with --option; nothing (and a message) when
    // both or neither are given, or the input cannot be read.
    std::optional<QString> argumentOrInput(const QStringList& action, const QCommandLineParser& parser,
                                           const QString& option, const QString& argument);
    // --format and --timeout, when given; false after a message when one is not valid.
    bool readFormat(const QCommandLineParser& parser, std::optional<PayloadFormat::Format>* format);
    bool readTimeout(const QCommandLineParser& parser, std::optional<int>* timeout);

    std::optional<Action> findAction(const QStringList& words) const;

    static QCommandLineOption formatOption();
    static QCommandLineOption timeoutOption();
    static QCommandLineOption urlStdinOption();
    static QCommandLineOption jsonOption();
    static QString formatKeys();
    // "Account created (user.created), …", or that there are none.
    static QString eventsText(const QList<Event>& events);
    static const QString FormatOption;
    static const QString TimeoutOption;
    static const QString UrlStdinOption;
    static const QString JsonOption;

    // An endpoint as "endpoint show --json" and "endpoint list --json" give it; secrets only when reveal.
    static QJsonObject toJson(const Endpoint& endpoint, bool reveal);

private:
    int show(const Endpoint& endpoint, bool reveal);
    int test(const Endpoint& endpoint);
    int generateSecret(const Endpoint& endpoint);
    int setSecret(const Endpoint& endpoint);
    int clearSecret(const Endpoint& endpoint);
    // Makes secret the signing secret; the one it replaces keeps signing for a day (its end in previousSignsUntil).
    bool saveSecret(qint64 id, const QString& secret, QDateTime* previousSignsUntil);
    void printPreviousSecret(const QDateTime& previousSignsUntil);
    int setHeader(const Endpoint& endpoint, const QString& name, const QString& value);
    int removeHeader(const Endpoint& endpoint, const QString& name);
    QNetworkAccessManager* m_network = nullptr;
};
