#include "text/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {

QTranslator*& appTranslator()
{
    static QTranslator* translator = nullptr;
    return translator;
}

QTranslator*& qtTranslator()
{
    static QTranslator* translator = nullptr;
    return translator;
}

QString& currentLanguage()
{
    static QString language = QStringLiteral("en");
    return language;
}

void removeTranslator(QTranslator*& translator)
{
    if (translator) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
        translator = nullptr;
    }
}

} // namespace

QStringList Translations::available()
{
    QStringList languages { QStringLiteral("en") };
    const auto files = QDir(QStringLiteral(":/i18n")).entryList({ QStringLiteral("crochet_*.qm") });
    for (const auto& file : files) {
        languages << file.mid(8, file.size() - 8 - 3);
    }
    return languages;
}

bool Translations::isSupported(const QString& language)
{
    return available().contains(language);
}

QString Translations::systemLanguage()
{
    const auto uiLanguages = QLocale::system().uiLanguages();
    const auto supported = available();
    for (const auto& tag : uiLanguages) {
        const auto language = tag.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (supported.contains(language)) {
            return language;
        }
    }
    return QStringLiteral("en");
}

QString Translations::current()
{
    return currentLanguage();
}

QString Translations::install(const QString& requested)
{
    const auto language = requested.isEmpty() || !isSupported(requested) ? systemLanguage() : requested;
    removeTranslator(appTranslator());
    removeTranslator(qtTranslator());
    currentLanguage() = language;
    QLocale::setDefault(QLocale(language));
    if (language == QLatin1String("en")) {
        return language;
    }
    auto* app = new QTranslator;
    if (app->load(QStringLiteral(":/i18n/crochet_%1.qm").arg(language))) {
        QCoreApplication::installTranslator(app);
        appTranslator() = app;
    } else {
        delete app;
    }
    auto* qt = new QTranslator;
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator() = qt;
    } else {
        delete qt;
    }
    return language;
}
