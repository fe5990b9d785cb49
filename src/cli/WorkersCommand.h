#pragma once

#include "CliCommand.h"

// crochet-cli workers: the processes delivering notifications on this database, from their heartbeats.
class WorkersCommand : public CliCommand
{
    Q_OBJECT

public:
    using CliCommand::CliCommand;

    QString name() const override { return QStringLiteral("workers"); }
    QString description() const override;
    QList<Action> actions() const override;

protected:
    int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) override;
};
