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
    CliApplication cli;
    return cli.run(QCoreApplication::arguments());
}
