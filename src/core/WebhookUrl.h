#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

class Settings;

// Everything about the webhook URL itself: validation, where the effective one comes from, and masking.
class WebhookUrl
{
    Q_DECLARE_TR_FUNCTIONS(WebhookUrl)

public:
    enum class Verdict
    {
        Valid,
        Empty,
        Invalid,
    };

    struct Check
    {
        Verdict verdict = Verdict::Empty;
        QString message; // translated, empty when valid
        QUrl url;
        bool isValid() const { return verdict == Verdict::Valid; }
    };

    enum class Source
    {
        None,
        Settings,
        Environment,
    };

    struct Effective
    {
        QString url;
        Source source = Source::None;
    };

    static constexpr const char* EnvironmentVariable = "WEBHOOK_URL";

    // http and https only, a host, no spaces or control characters; parsed by QUrl in strict mode.
    static Check validate(const QString& text);

    // WEBHOOK_URL while it is set and non-empty, then the saved setting.
    static Effective effective(const Settings& settings);
    static QString environmentValue();
    static QString sourceName(Source source);

    // Scheme, host and port, then an ellipsis and the last 4 characters of the path and query.
    static QString mask(const QString& url);
};
