#include "Icons.h"
#include "MainWindow.h"
#include "Version.h"
#include "outbox/DeliveryService.h"
#include "storage/Database.h"
#include "text/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <cstdio>

namespace {

QCommandLineOption databaseOption()
{
    return { QStringLiteral("database"),
             QApplication::translate("main",
                                     "Use the database at <path>: a file, or a PostgreSQL URL "
                                     "(postgresql://user@host:5432/database). Default: $DATABASE_URL when set."),
             QApplication::translate("main", "path or URL") };
}

QCommandLineOption languageOption()
{
    return { QStringLiteral("lang"), QApplication::translate("main", "Interface language: fr or en."),
             QApplication::translate("main", "language") };
}

// --lang must be known before anything is shown, --help included, so it is looked for first.
QString requestedLanguage(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOption(languageOption());
    parser.addOption(databaseOption());
    parser.parse(arguments);
    return parser.value(QStringLiteral("lang"));
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Crochet"));
    QApplication::setApplicationName(QStringLiteral("Crochet"));
    QApplication::setApplicationVersion(QStringLiteral(CROCHET_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.crochet.Crochet"));
    QApplication::setWindowIcon(Icons::application());

    const auto language = requestedLanguage(QApplication::arguments());
    if (!language.isEmpty() && language != QLatin1String("fr") && language != QLatin1String("en")) {
        Translations::install(MainWindow::savedLanguage());
        std::fputs(qPrintable(QApplication::translate("main", "Unknown language \"%1\": use fr or en.").arg(language)
                              + QLatin1Char('\n')),
                   stderr);
        return 2;
    }
    Translations::install(language.isEmpty() ? MainWindow::savedLanguage() : language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Crochet: local accounts with reliable webhook notifications."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(databaseOption());
    parser.addOption(languageOption());
    parser.process(app);

    Database database(Database::location(parser.value(QStringLiteral("database"))));
    QString error;
    if (!database.open(&error)) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Crochet"), error);
        return 1;
    }

    DeliveryService deliveries(&database);
    deliveries.start();

    MainWindow window(&database, &deliveries);
    QObject::connect(&window, &MainWindow::quitRequested, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    window.show();
    return QApplication::exec();
}
