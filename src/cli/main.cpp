#include "CliApplication.h"
#include "Version.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // The same identity as the window's, so that both find the same default database.
    QCoreApplication::setOrganizationName(QStringLiteral("Crochet"));
    QCoreApplication::setApplicationName(QStringLiteral("Crochet"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CROCHET_VERSION));
    // The bytes as given: QCoreApplication::arguments() has already replaced invalid UTF-8 with U+FFFD.
    QList<QByteArray> arguments;
    for (int i = 0; i < argc; ++i) {
        arguments.append(QByteArray(argv[i]));
    }
    CliApplication cli;
    return cli.run(arguments);
}
