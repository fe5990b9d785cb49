#include "Icons.h"

#include "outbox/Outbox.h"

#include <QApplication>
#include <QStyle>

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

QIcon Icons::deliveryState(const QString& stateKey)
{
    const auto state = Outbox::stateFromKey(stateKey);
    if (!state) {
        return {};
    }
    // Loaded once: the style reads its image files again on every call, and a view asks for every row it lays out.
    static const QIcon pending = QApplication::style()->standardIcon(QStyle::SP_BrowserReload);
    static const QIcon delivered = QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton);
    static const QIcon failed = QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
    switch (*state) {
    case Outbox::State::Pending:
        return pending;
    case Outbox::State::Delivered:
        return delivered;
    case Outbox::State::Failed:
        return failed;
    }
    return {};
}
