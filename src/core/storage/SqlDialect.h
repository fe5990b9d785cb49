#pragma once

#include <QString>

class QSqlDatabase;
class QSqlError;

// Where SQLite and PostgreSQL differ, once: every statement in src/core is written in the SQL both accept, and asks
// here for the few words that must differ (types in the schema, write locks, row locks, two-argument max).
namespace SqlDialect {

enum class Engine
{
    Sqlite,
    Postgres,
};

// A migration's text (written for SQLite) for engine. On PostgreSQL: INTEGER columns are BIGINT (times are
// milliseconds), INTEGER PRIMARY KEY AUTOINCREMENT is an identity column, and the {rowid} token becomes an identity
// column named rowid, SQLite's implicit row number, which the statements order by, and WITHOUT ROWID goes. On SQLite
// {rowid} disappears.
QString schema(Engine engine, const QString& sqliteText);

// The statement that starts a write transaction: BEGIN IMMEDIATE takes SQLite's write lock at once, so that two
// writers cannot both read and then fail to upgrade; PostgreSQL locks rows as it writes them.
QString beginWrite(Engine engine);

// Appended to the SELECT of a claim: on PostgreSQL, the rows it picks are locked, and rows another transaction holds
// are passed over rather than waited for (SQLite's write lock already keeps claims apart).
QString skipLocked(Engine engine);

// The scalar function that returns the larger of its arguments (SQLite: max(a, b); PostgreSQL: greatest(a, b)).
QString greatest(Engine engine);

// The value to bind to LIMIT ?: a negative limit means none (SQLite's meaning; PostgreSQL refuses it).
qint64 limit(qint64 rows);

// ORDER BY a nullable column with NULL before every value when ascending, after when descending (SQLite's order;
// PostgreSQL sorts NULL last by default). Appended to the column.
QString nullsFirst(Engine engine, bool ascending);

// " INDEXED BY index" on SQLite, where the planner needs telling; nothing on PostgreSQL.
QString indexedBy(Engine engine, const QString& index);

// PostgreSQL's LISTEN/NOTIFY channels (DatabaseListener): an outbox write (wakes the workers at once) and a settings
// or endpoint change (every worker and window reloads them).
inline const char* const OutboxChannel = "crochet_outbox";
inline const char* const SettingsChannel = "crochet_settings";
// NOTIFY channel on db's connection (delivered when its transaction commits); nothing on SQLite, where the workers
// poll.
void notify(const QSqlDatabase& db, const char* channel);

// Whether a statement failed on a UNIQUE constraint.
bool isUniqueViolation(const QSqlError& error);

} // namespace SqlDialect
