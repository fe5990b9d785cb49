#pragma once

#include <QString>

class CliContext;

// The lines crochet-cli serve writes to stderr, one per attempt outcome and per state change. Under systemd (stderr is
// the journal: JOURNAL_STREAM names it) each line starts with its syslog priority ("<6>") and has no time, the journal
// adds both; elsewhere a line starts with the local time and its level. Qt's own messages (the worker's warnings)
// take the same form while a ServiceLog is installed.
class ServiceLog
{
public:
    enum class Level
    {
        Error = 3,
        Warning = 4,
        Notice = 5,
        Info = 6,
        Debug = 7,
    };

    explicit ServiceLog(CliContext* context);
    ~ServiceLog();
    ServiceLog(const ServiceLog&) = delete;
    ServiceLog& operator=(const ServiceLog&) = delete;

    void write(Level level, const QString& message) const;
    void info(const QString& message) const { write(Level::Info, message); }
    void notice(const QString& message) const { write(Level::Notice, message); }
    void warning(const QString& message) const { write(Level::Warning, message); }
    void error(const QString& message) const { write(Level::Error, message); }

    bool toJournal() const { return m_journal; }
    // Whether stderr is the stream JOURNAL_STREAM ("device:inode") names.
    static bool stderrIsJournal();

private:
    CliContext* m_context;
    bool m_journal;
};
