#pragma once

#include <QString>
#include <QStringList>

// Loads Crochet's and Qt's own catalogues for a language, replacing the ones loaded before.
class Translations
{
public:
    // "fr", "en", or empty for the system's language. Returns the language actually in use.
    static QString install(const QString& language);
    static QString current();
    static QString systemLanguage();
    static QStringList available(); // "en" and every catalogue shipped
    static bool isSupported(const QString& language);
};
