#pragma once

#include "EndpointCommandBase.h"

// crochet-cli endpoint …: every webhook endpoint by name: list, add, change, enable, disable, remove, and what
// EndpointCommandBase does to one (show, test, signing secrets, custom headers).
class EndpointCommand : public EndpointCommandBase
{
    Q_OBJECT

public:
    using EndpointCommandBase::EndpointCommandBase;

    QString name() const override { return QStringLiteral("endpoint"); }
    QString description() const override;
    QList<Action> actions() const override;

protected:
    int run(const QStringList& action, const QCommandLineParser& parser, const QStringList& positional) override;
    QList<Argument> targetArguments() const override;
    // The endpoint named by the first argument.
    std::optional<Endpoint> target(const QStringList& action, const QStringList& positional) override;

private:
    // What add and set may change, read from the command line.
    struct Changes
    {
        std::optional<QString> url;
        std::optional<PayloadFormat::Format> format;
        std::optional<int> timeout;
        std::optional<QList<Event>> events;
        std::optional<std::optional<bool>> digest; // on, off, or auto (the format's default)
        std::optional<int> digestWindow;
        void applyTo(Endpoint& endpoint) const;
    };

    int list(bool json);
    int add(const QCommandLineParser& parser, const QString& name, const QString& url);
    int set(const QCommandLineParser& parser, const Endpoint& endpoint, const QStringList& positional);
    int enable(const Endpoint& endpoint, bool enabled);
    int remove(const QCommandLineParser& parser, const Endpoint& endpoint);
    // Checks changes->url (when given) and reads --format, --timeout and --events into changes; false after a message
    // when one is not valid.
    bool readChanges(const QCommandLineParser& parser, Changes* changes);
    // --digest and --digest-window, when given; false after a message when one is not valid.
    bool readDigest(const QCommandLineParser& parser, Changes* changes);
    // --events, when given; false after a message when a key is not an event one can subscribe to.
    bool readEvents(const QCommandLineParser& parser, std::optional<QList<Event>>* events);
    // Asks on the terminal whether to remove endpoint; nullopt (after a message) when there is no terminal to ask on.
    std::optional<bool> confirmRemoval(const Endpoint& endpoint);
    // "Main (https://example.com/…oken)", for messages.
    static QString describe(const Endpoint& endpoint);
};
