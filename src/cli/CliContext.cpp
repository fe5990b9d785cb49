#include "CliContext.h"

#include "storage/Database.h"
#include "storage/Settings.h"
#include "text/SafeText.h"

#include <QFile>
#include <QStringDecoder>

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

void CliContext::printJson(const QJsonDocument& document)
{
    // QJsonDocument already escapes C0 controls in strings; a raw line break is only ever its own indentation.
    const auto text = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    QString escaped;
    escaped.reserve(text.size());
    const auto escape = [&escaped](QChar unit) {
        escaped += QStringLiteral("\\u%1").arg(unit.unicode(), 4, 16, QLatin1Char('0'));
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto unit = text.at(i);
        if (unit.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            const auto codePoint = QChar::surrogateToUcs4(unit, text.at(i + 1));
            if (SafeText::isInvisible(codePoint)) {
                escape(unit);
                escape(text.at(i + 1));
            } else {
                escaped += unit;
                escaped += text.at(i + 1);
            }
            ++i;
        } else if (unit.isSurrogate()
                   || (unit != QLatin1Char('\n')
                       && (SafeText::isControl(unit.unicode()) || SafeText::isInvisible(unit.unicode())))) {
            escape(unit);
        } else {
            escaped += unit;
        }
    }
    m_out << escaped;
    m_out.flush();
}

std::optional<QString> CliContext::readInputLine()
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        error(tr("Cannot read standard input: %1").arg(input.errorString()));
        return std::nullopt;
    }
    auto line = input.readLine(MaximumInputLine + 2);
    if (line.isEmpty()) {
        error(tr("Standard input is empty: give the value on its first line."));
        return std::nullopt;
    }
    const bool complete = line.endsWith('\n') || line.size() <= MaximumInputLine;
    while (line.endsWith('\n') || line.endsWith('\r')) {
        line.chop(1);
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(line);
    line.fill('\0');
    if (!complete) {
        text.fill(QLatin1Char(' '));
        error(tr("The first line of standard input is too long (%1 bytes at most).").arg(MaximumInputLine));
        return std::nullopt;
    }
    if (decoder.hasError()) {
        text.fill(QLatin1Char(' '));
        error(tr("The first line of standard input is not valid UTF-8."));
        return std::nullopt;
    }
    return text;
}

Database* CliContext::database()
{
    if (m_database || m_failed) {
        return m_database.get();
    }
    auto database = std::make_unique<Database>(m_databasePath);
    QString problem;
    if (!database->open(&problem, Database::Access::ReadOnlyIfProtected)) {
        m_failed = true;
        error(problem);
        return nullptr;
    }
    m_database = std::move(database);
    return m_database.get();
}

bool CliContext::requireWritable()
{
    auto* opened = database();
    if (opened && opened->isReadOnly()) {
        error(tr("The database %1 is read-only: this command would change it, so nothing was done.")
                  .arg(opened->describe()));
        return false;
    }
    return opened != nullptr;
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
