#pragma once

#include "CliCommand.h"
#include "webhooks/Endpoint.h"

#include <QDateTime>

#include <functional>
#include <optional>

class QNetworkAccessManager;

// crochet-cli webhook …: the main endpoint's URL, format and timeout, signing secrets, custom headers, and a test
// send (crochet-cli endpoint … manages every endpoint).
class WebhookCommand : public CliCommand
{
    Q_OBJECT

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("webhook"); }
    QString description() const override;
    QList<Action> actions() const override;

protected:
    int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) override;

private:
    int show(bool reveal);
    int set(const QCommandLineParser& parser, const QString& url);
    int clear();
    int test();
    int generateSecret();
    int setSecret();
    // Makes secret the signing secret; the one it replaces keeps signing for a day (its end in previousSignsUntil).
    bool saveSecret(const QString& secret, QDateTime* previousSignsUntil);
    void printPreviousSecret(const QDateTime& previousSignsUntil);
    // The action's last argument, or the first line of standard input with --option; nothing (and a message) when
    // both or neither are given, or the input cannot be read.
    std::optional<QString> argumentOrInput(const QStringList& words, const QCommandLineParser& parser,
                                           const QString& option, const QString& argument);
    int clearSecret();
    int setHeader(const QString& name, const QString& value);
    int removeHeader(const QString& name);
    void mentionEnvironmentEndpoint();
    // Changes the main endpoint in one transaction (see EndpointStore::update); says why on failure.
    bool changeMain(const std::function<bool(Endpoint& endpoint)>& change);

    QNetworkAccessManager* m_network = nullptr;
};
