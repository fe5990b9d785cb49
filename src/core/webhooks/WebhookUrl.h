#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

// Everything about a webhook URL itself: validation, the WEBHOOK_URL variable, and masking.
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

    // What is wrong with a URL, as a code that can be stored and rendered later in the reader's language.
    enum class Problem
    {
        None,
        Empty,
        ControlCharacter,
        Space,
        MissingScheme, // argument: the scheme it probably lacks ("http://" or "https://"), or empty
        NotAUrl,
        UnsupportedScheme, // argument: the scheme, capped
        NoHost,
        UserInfo,
    };

    struct Check
    {
        Verdict verdict = Verdict::Empty;
        QString message; // translated, empty when valid; may quote the URL, so never stored
        Problem problem = Problem::Empty;
        QString argument; // the problem's argument: never any part of the URL that may hold a token
        QUrl url;
        bool isValid() const { return verdict == Verdict::Valid; }
    };

    static constexpr const char* EnvironmentVariable = "WEBHOOK_URL";

    // http and https only, a host, no spaces or control characters; parsed by QUrl in strict mode.
    static Check validate(const QString& text);

    // The problem as one translated sentence. Given the URL typed, a missing scheme is suggested in front of it;
    // without it (a stored problem), the sentence quotes no part of the URL.
    static QString problemText(Problem problem, const QString& argument, const QString& text = {});
    static QString problemKey(Problem problem);
    static Problem problemFromKey(const QString& key); // None when unknown

    // WEBHOOK_URL while it is set and non-empty, then the saved setting.
    static QString environmentValue();

    // Scheme, host and port, then an ellipsis and the last 4 characters of the path and query.
    static QString mask(const QString& url);
};
