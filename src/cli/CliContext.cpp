#include "CliContext.h"

#include "Database.h"
#include "SafeText.h"
#include "Settings.h"

#include <cstdio>

CliContext::CliContext(QString databasePath)
    : m_databasePath(std::move(databasePath))
    , m_out(stdout)
    , m_err(stderr)
{
}

CliContext::~CliContext()
{
    m_settings.reset();
    m_database.reset();
}

void CliContext::print(const QString& line)
{
    m_out << SafeText::printable(line, SafeText::Lines::Keep) << '\n';
    m_out.flush();
}

void CliContext::error(const QString& line)
{
    m_out.flush();
    m_err << SafeText::printable(line, SafeText::Lines::Keep) << '\n';
    m_err.flush();
}

Database* CliContext::database()
{
    if (m_database || m_failed) {
        return m_database.get();
    }
    auto database = std::make_unique<Database>(m_databasePath);
    QString problem;
    if (!database->open(&problem)) {
        m_failed = true;
        error(problem);
        return nullptr;
    }
    m_database = std::move(database);
    return m_database.get();
}

Settings* CliContext::settings()
{
    if (!m_settings && database()) {
        m_settings = std::make_unique<Settings>(m_database.get());
    }
    return m_settings.get();
}

QString CliContext::formatTime(const QDateTime& time)
{
    if (!time.isValid()) {
        return {};
    }
    return time.toOffsetFromUtc(time.toLocalTime().offsetFromUtc()).toString(Qt::ISODate);
}
