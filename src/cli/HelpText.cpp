#include "HelpText.h"

namespace {

constexpr qsizetype MaximumNameColumn = 34;

} // namespace

void HelpText::addUsage(const QString& synopsis)
{
    m_text += tr("Usage: %1").arg(synopsis) + QLatin1Char('\n');
}

void HelpText::addParagraph(const QString& text)
{
    m_text += QLatin1Char('\n') + text + QLatin1Char('\n');
}

void HelpText::addSection(const QString& title, const Rows& rows)
{
    if (rows.isEmpty()) {
        return;
    }
    qsizetype width = 0;
    for (const auto& row : rows) {
        width = qMax(width, row.first.size());
    }
    width = qMin(width, MaximumNameColumn);
    m_text += QLatin1Char('\n') + title + QLatin1Char('\n');
    for (const auto& [name, description] : rows) {
        QString line = QStringLiteral("  ") + name;
        if (name.size() > width) {
            line += QLatin1Char('\n') + QString(width + 2, QLatin1Char(' '));
        } else {
            line += QString(width - name.size(), QLatin1Char(' '));
        }
        m_text += line + QStringLiteral("  ") + description + QLatin1Char('\n');
    }
}

void HelpText::addOptions(const QList<QCommandLineOption>& options)
{
    Rows rows;
    for (const auto& option : options) {
        rows.append({ optionSyntax(option), option.description() });
    }
    addSection(tr("Options:"), rows);
}

QString HelpText::optionSyntax(const QCommandLineOption& option)
{
    QStringList names;
    for (const auto& name : option.names()) {
        names << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    }
    QString syntax = names.join(QStringLiteral(", "));
    if (!option.valueName().isEmpty()) {
        syntax += QStringLiteral(" <") + option.valueName() + QLatin1Char('>');
    }
    return syntax;
}
