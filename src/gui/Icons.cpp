#include "Icons.h"

void Icons::initResources()
{
    static const bool initialised = [] {
        Q_INIT_RESOURCE(crochet);
        return true;
    }();
    Q_UNUSED(initialised)
}

QIcon Icons::application()
{
    initResources();
    QIcon icon;
    icon.addFile(QStringLiteral(":/icons/crochet.svg"));
    for (const int size : { 16, 32, 48, 64, 128, 256 }) {
        icon.addFile(QStringLiteral(":/icons/hicolor/%1x%1/apps/crochet.png").arg(size), QSize(size, size));
    }
    return icon;
}
