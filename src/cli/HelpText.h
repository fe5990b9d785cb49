#pragma once

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

// Builds translated help pages: a usage line, a description and aligned sections of names and descriptions.
class HelpText
{
    Q_DECLARE_TR_FUNCTIONS(HelpText)

public:
    using Rows = QList<QPair<QString, QString>>;

    void addUsage(const QString& synopsis);
    void addParagraph(const QString& text);
    void addSection(const QString& title, const Rows& rows);
    void addOptions(const QList<QCommandLineOption>& options);
    QString text() const { return m_text; }

    static QString optionSyntax(const QCommandLineOption& option);

private:
    QString m_text;
};
