#pragma once

#include "EndpointCommandBase.h"

// crochet-cli webhook …: the main endpoint's URL, format and timeout, and what EndpointCommandBase does to it (show,
// test, signing secrets, custom headers); crochet-cli endpoint … manages every endpoint.
class WebhookCommand : public EndpointCommandBase
{
    Q_OBJECT

public:
    using EndpointCommandBase::EndpointCommandBase;

    QString name() const override { return QStringLiteral("webhook"); }
    QString description() const override;
    QList<Action> actions() const override;

protected:
    int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) override;
    QList<Argument> targetArguments() const override { return {}; }
    // The main endpoint; for a test, WEBHOOK_URL's while the main one has no URL.
    std::optional<Endpoint> target(const QStringList& action, const QStringList& positional) override;

private:
    int set(const QCommandLineParser& parser, const QString& url);
    int clear();
    void mentionEnvironmentEndpoint();
};
