#include "timeline/journalWindow.h"

#include "timeline/replayStatePanel.h"
#include "timeline/timelineCanvas.h"
#include "timeline/timelineModel.h"
#include "timeline/timelineView.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

namespace sy {

JournalWindow::JournalWindow(QWidget *parent)
    : QMainWindow(parent), m_model(new TimelineModel(this)), m_view(new TimelineView),
      m_panel(new ReplayStatePanel)
{
    setWindowTitle(tr("Journal"));
    m_view->setModel(m_model);
    setCentralWidget(m_view);
    auto *dock = new QDockWidget(tr("State at Cursor"), this);
    dock->setObjectName(QStringLiteral("replayStateDock"));
    dock->setWidget(m_panel);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    connect(m_view, &TimelineView::cursorMoved, m_panel, &ReplayStatePanel::setTimeMs);
    resize(1100, 700);
}

JournalWindow::~JournalWindow() = default;

bool JournalWindow::open(const QString &path, QString *error)
{
    m_panel->setReplay(nullptr);
    m_model->clear();
    QString err;
    const bool ok = m_replay.loadFile(path, &err);
    if (error)
        *error = err;
    m_path = path;
    setWindowTitle(tr("%1 — Journal").arg(QFileInfo(path).fileName()));
    m_replay.fill(*m_model);
    m_view->canvas()->fitAll();
    m_panel->setReplay(&m_replay);
    if (!m_replay.events().empty())
        setTimeMs(m_replay.timeRange().second);
    statusBar()->showMessage(ok ? tr("Read-only, events: %1").arg(m_replay.events().size())
                                : tr("Cannot read the journal: %1").arg(err));
    return ok;
}

JournalWindow *JournalWindow::showJournal(const QString &path, QWidget *parent)
{
    auto *window = new JournalWindow(parent);
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    QString error;
    if (!window->open(path, &error))
        QMessageBox::warning(window, tr("Cannot Open Journal"),
                             tr("%1 is not a readable journal: %2").arg(path, error));
    return window;
}

void JournalWindow::setTimeMs(qint64 ms)
{
    m_view->setCursorMs(ms);
    m_panel->setTimeMs(ms);
}

} // namespace sy
