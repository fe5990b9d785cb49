#pragma once

#include "CliCommand.h"

class QNetworkAccessManager;

// crochet-cli webhook …: the webhook URL, its format and timeout, signing secrets, custom headers, and a test send.
class WebhookCommand : public CliCommand
{
    Q_OBJECT

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("webhook"); }
    QString description() const override;
    QList<Action> actions() const override;

    // An HTTP token (RFC 9110): what a header name may be made of.
    // Headers Crochet sets itself, which a custom header may not replace.

protected:
    int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) override;

private:
    int show(bool reveal);
    int set(const QCommandLineParser& parser, const QString& url);
    int clear();
    int test();
    int generateSecret();
    int clearSecret();
    int setHeader(const QString& name, const QString& value);
    int removeHeader(const QString& name);
    void warnIfEnvironmentOverrides();

    QNetworkAccessManager* m_network = nullptr;
};
