#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

class Settings;

// Why pending notifications are not being sent at all: no webhook is configured, or the service answered 410 Gone
// for the effective URL. The 410 is kept in the database, so every process stops sending to that URL and the window
// and the CLI can say why notifications wait.
class DeliveryHold
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryHold)

public:
    enum class Reason
    {
        NoWebhook,
        WebhookGone,
    };

    Reason reason = Reason::NoWebhook;
    QString maskedUrl; // WebhookGone: the URL that answered 410, masked
    QDateTime since; // WebhookGone: when it answered 410

    // The hold on the effective webhook URL now, if any.
    static std::optional<DeliveryHold> current(const Settings& settings);
    // Whether the service answered 410 Gone for this exact URL (and no successful test to it came since).
    static bool isGone(const Settings& settings, const QString& url);
    // Records that the service answered 410 Gone for url; nothing is sent to it until the URL changes.
    static bool markGone(Settings& settings, const QString& url, const QDateTime& at);
    // Forgets a 410 for url, for example after a test notification to it was delivered.
    static bool clearGone(Settings& settings, const QString& url);

    // Why the notifications wait, and what to do, in the current language.
    QString message() const;
};
