#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QString>
#include <QTextStream>

#include <memory>
#include <optional>

class Database;
class Settings;

// What every command shares: the output streams and the database, opened on first use.
class CliContext
{
    Q_DECLARE_TR_FUNCTIONS(CliContext)

public:
    enum ExitCode
    {
        Success = 0,
        Failure = 1,
        UsageError = 2,
    };

    explicit CliContext(QString databasePath);
    ~CliContext();
    Q_DISABLE_COPY_MOVE(CliContext)

    // One line to stdout or stderr, flushed at once so that a killed process has shown everything it said. Whatever
    // the caller forgot, no control character other than a line break or a tab reaches the terminal (SafeText).
    void print(const QString& line = {});
    void error(const QString& line);
    // A JSON document for scripts, indented. Control and invisible characters in its strings are written as \uXXXX
    // escapes, so that it reaches the terminal intact and a JSON parser reads back exactly what was stored.
    void printJson(const QJsonDocument& document);

    // Opens (and creates or migrates) the database; prints the reason and returns nullptr when it cannot. A
    // write-protected database is opened read-only.
    Database* database();
    Settings* settings();
    // For commands that change the database: opens it, and prints why and returns false when it cannot be written.
    bool requireWritable();

    // The first line of standard input, without its line break, for secrets that must stay out of the command line
    // (ps, shell history). Says why on stderr and returns nothing when there is no line, it is not UTF-8 or it is
    // longer than MaximumInputLine bytes.
    std::optional<QString> readInputLine();
    static constexpr qint64 MaximumInputLine = 64 * 1024;

    // ISO 8601 in local time with its offset from UTC; empty for an invalid time.
    static QString formatTime(const QDateTime& time);

private:
    QString m_databasePath;
    QTextStream m_out;
    QTextStream m_err;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<Settings> m_settings;
    bool m_failed = false;
};
