#include "Icons.h"

#include "Outbox.h"

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
    auto* style = QApplication::style();
    switch (*state) {
    case Outbox::State::Pending:
        return style->standardIcon(QStyle::SP_BrowserReload);
    case Outbox::State::Delivered:
        return style->standardIcon(QStyle::SP_DialogApplyButton);
    case Outbox::State::Failed:
        return style->standardIcon(QStyle::SP_MessageBoxCritical);
    }
    return {};
}
