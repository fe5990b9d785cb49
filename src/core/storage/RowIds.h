#pragma once

#include <QString>

// The ids of new accounts, notifications and digests: UUIDs of version 7 (RFC 9562), a millisecond timestamp
// followed by 74 random bits, as text. Ids made one after another sort one after another, so each new row's id lands
// at the end of its index rather than on a random page: a batch of imported accounts rewrites a few index pages
// instead of most of them, and the pages stay full.
namespace RowIds {

QString create();

} // namespace RowIds
