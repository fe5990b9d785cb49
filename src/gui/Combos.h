#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

class QComboBox;

// Filling the combo boxes whose texts follow the interface language.
namespace Combos {

// Replaces the items (text, data) of combo, keeping the selected data selected (the first item otherwise), without
// emitting currentIndexChanged.
void refill(QComboBox* combo, const QList<QPair<QString, QVariant>>& items);
// Every payload format, by its display name, with its key as data.
void fillFormats(QComboBox* combo);

} // namespace Combos
