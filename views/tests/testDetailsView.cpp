#include "views/tests/testDetailsView.h"

#include "testing/testResult.h"
#include "testing/testRunModel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace sy {

namespace {

QString ms(const QModelIndex &index, int role)
{
    return TestRunModel::formatDuration(index.data(role).toDouble());
}

/// One error as HTML: "[phase] Name: message", the diff with Vitest's colours
/// (- expected in green, + received in red), or expected/received, then the stack.
QString errorHtml(const QVariantMap &e)
{
    auto field = [&](const char *key) { return e.value(QLatin1String(key)).toString(); };
    QString html = QStringLiteral("<p style='color:#c0392b'>");
    if (!field("phase").isEmpty())
        html += QLatin1Char('[') + field("phase").toHtmlEscaped() + QStringLiteral("] ");
    if (!field("name").isEmpty())
        html += QStringLiteral("<b>") + field("name").toHtmlEscaped() + QStringLiteral("</b>: ");
    html += field("message").toHtmlEscaped() + QStringLiteral("</p>");
    if (!field("diff").isEmpty()) {
        html += QStringLiteral("<pre>");
        for (const QString &line : field("diff").split(QLatin1Char('\n'))) {
            const QString escaped = line.toHtmlEscaped();
            if (line.startsWith(QLatin1Char('-')))
                html += QStringLiteral("<span style='color:#1e8e3e'>") + escaped +
                        QStringLiteral("</span>\n");
            else if (line.startsWith(QLatin1Char('+')))
                html += QStringLiteral("<span style='color:#c0392b'>") + escaped +
                        QStringLiteral("</span>\n");
            else
                html += escaped + QLatin1Char('\n');
        }
        html += QStringLiteral("</pre>");
    } else if (!field("expected").isEmpty() || !field("actual").isEmpty()) {
        html += QStringLiteral("<pre><span style='color:#1e8e3e'>%1 %2</span>\n"
                               "<span style='color:#c0392b'>%3 %4</span></pre>")
                    .arg(TestDetailsView::tr("Expected:"), field("expected").toHtmlEscaped(),
                         TestDetailsView::tr("Received:"), field("actual").toHtmlEscaped());
    }
    if (!field("stack").isEmpty())
        html += QStringLiteral("<pre style='color:#666'>") + field("stack").toHtmlEscaped() +
                QStringLiteral("</pre>");
    return html;
}

} // namespace

TestDetailsView::TestDetailsView(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("testTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_title->setWordWrap(true);
    m_location = new QLabel(this);
    m_location->setObjectName(QStringLiteral("testLocation"));
    m_location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_durations = new QLabel(this);
    m_durations->setObjectName(QStringLiteral("testDurations"));
    m_durations->setWordWrap(true);

    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("testRun"));
    m_run->setToolTip(tr("Run this file, suite or test"));
    m_storage = new QPushButton(tr("Show storage"), this);
    m_storage->setObjectName(QStringLiteral("testShowStorage"));
    m_storage->setToolTip(tr("Open the KV and D1 storage the file's isolate left after its run"));
    m_graph = new QPushButton(tr("Show module graph"), this);
    m_graph->setObjectName(QStringLiteral("testShowGraph"));
    m_graph->setToolTip(tr("Show the test file and what it imports in the module graph"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_storage);
    buttons->addWidget(m_graph);
    buttons->addStretch(1);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_errorsLabel = new QLabel(tr("Errors"), this);
    m_errors = new QTextBrowser(this);
    m_errors->setObjectName(QStringLiteral("testErrors"));
    m_errors->setOpenLinks(false);
    m_consoleLabel = new QLabel(tr("Console output"), this);
    m_console = new QPlainTextEdit(this);
    m_console->setObjectName(QStringLiteral("testConsole"));
    m_console->setReadOnly(true);
    m_console->setFont(mono);
    m_console->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *errorsBox = new QWidget(this);
    auto *errorsLayout = new QVBoxLayout(errorsBox);
    errorsLayout->setContentsMargins(0, 0, 0, 0);
    errorsLayout->addWidget(m_errorsLabel);
    errorsLayout->addWidget(m_errors);
    auto *consoleBox = new QWidget(this);
    auto *consoleLayout = new QVBoxLayout(consoleBox);
    consoleLayout->setContentsMargins(0, 0, 0, 0);
    consoleLayout->addWidget(m_consoleLabel);
    consoleLayout->addWidget(m_console);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(errorsBox);
    split->addWidget(consoleBox);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_location);
    layout->addWidget(m_durations);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    connect(m_run, &QPushButton::clicked, this, [this] {
        if (m_index.isValid())
            emit runRequested(m_index);
    });
    connect(m_storage, &QPushButton::clicked, this, [this] {
        if (m_index.isValid())
            emit storageRequested(m_index.data(TestRunModel::FilePathRole).toString());
    });
    connect(m_graph, &QPushButton::clicked, this, [this] {
        if (m_index.isValid())
            emit moduleGraphRequested(m_index.data(TestRunModel::FilePathRole).toString());
    });
    refresh();
}

void TestDetailsView::setIndex(const QModelIndex &index)
{
    m_index = index.siblingAtColumn(TestRunModel::NameColumn);
    refresh();
}

void TestDetailsView::refresh()
{
    const QModelIndex index = m_index;
    const bool valid = index.isValid();
    m_run->setEnabled(valid);
    m_graph->setEnabled(valid);
    m_storage->setEnabled(valid && index.data(TestRunModel::HasStorageRole).toBool());
    if (!valid) {
        m_title->setText(tr("Select a test file, suite or test."));
        m_location->clear();
        m_durations->clear();
        m_errors->clear();
        m_console->clear();
        m_errorsLabel->setText(tr("Errors"));
        m_consoleLabel->setText(tr("Console output"));
        return;
    }

    const int kind = index.data(TestRunModel::KindRole).toInt();
    const QString status = index.siblingAtColumn(TestRunModel::StatusColumn).data().toString();
    const QString name = kind == TestRunModel::FileKind
                             ? index.data(TestRunModel::RelativePathRole).toString()
                             : index.data(TestRunModel::FullNameRole).toString();
    m_title->setText(QStringLiteral("<b>%1</b> — %2").arg(name.toHtmlEscaped(), status));

    const int line = index.data(TestRunModel::LineRole).toInt();
    const QString file = index.data(TestRunModel::RelativePathRole).toString();
    m_location->setText(line > 0 ? QStringLiteral("%1:%2").arg(file).arg(line) : file);

    const int state = index.data(TestRunModel::StatusRole).toInt();
    const bool ran = state != int(TestStatus::Pending) && state != int(TestStatus::Running) &&
                     !index.data(TestRunModel::QueuedRole).toBool();
    const QString split = tr("isolate start %1 · module load %2 · test time %3")
                              .arg(ms(index, TestRunModel::IsolateStartMsRole),
                                   ms(index, TestRunModel::ModuleLoadMsRole),
                                   ms(index, TestRunModel::TestTimeMsRole));
    if (!ran && index.data(TestRunModel::IsolateStartMsRole).toDouble() <= 0)
        m_durations->setText(state == int(TestStatus::Running) ? tr("Running…")
                                                               : tr("Not run yet"));
    else if (kind == TestRunModel::FileKind)
        m_durations->setText(
            tr("File: %1 · wall %2").arg(split, ms(index, TestRunModel::DurationMsRole)));
    else
        m_durations->setText(tr("%1 %2 — its file: %3")
                                 .arg(kind == TestRunModel::TestKind ? tr("Test") : tr("Suite"),
                                      ms(index, TestRunModel::DurationMsRole), split));

    const QVariantList errors = index.data(TestRunModel::ErrorsRole).toList();
    QString html;
    for (const QVariant &e : errors)
        html += errorHtml(e.toMap());
    m_errors->setHtml(html);
    m_errorsLabel->setText(errors.isEmpty() ? tr("Errors") : tr("Errors (%1)").arg(errors.size()));

    const QString console = index.data(TestRunModel::ConsoleTextRole).toString();
    if (m_console->toPlainText() != console)
        m_console->setPlainText(console);
    const int lines = index.data(TestRunModel::ConsoleRole).toList().size();
    m_consoleLabel->setText(lines ? tr("Console output (%n line(s))", nullptr, lines)
                                  : tr("Console output"));
}

QString TestDetailsView::durationsText() const
{
    return m_durations->text();
}

QString TestDetailsView::errorsText() const
{
    return m_errors->toPlainText();
}

QString TestDetailsView::consoleText() const
{
    return m_console->toPlainText();
}

} // namespace sy
