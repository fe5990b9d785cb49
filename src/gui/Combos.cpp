#include "Combos.h"

#include "webhooks/PayloadFormat.h"

#include <QComboBox>
#include <QSignalBlocker>

namespace Combos {

void refill(QComboBox* combo, const QList<QPair<QString, QVariant>>& items)
{
    const auto selected = combo->currentData();
    const QSignalBlocker blocker(combo);
    combo->clear();
    for (const auto& [text, data] : items) {
        combo->addItem(text, data);
    }
    combo->setCurrentIndex(qMax(0, combo->findData(selected)));
}

void fillFormats(QComboBox* combo)
{
    QList<QPair<QString, QVariant>> items;
    for (const auto format : PayloadFormat::all()) {
        items.append({ PayloadFormat::displayName(format), PayloadFormat::key(format) });
    }
    refill(combo, items);
}

} // namespace Combos
