#pragma once
// The Tests panel: the app's test files, suites and tests as a live tree
// (status icons, durations), a toolbar (Run all, Run failed, Run selected,
// Stop), a status line, and the details of the current item. It sees the
// engine only through a TestRunModel and asks for runs with signals; the
// dashboard connects them to the EngineHost.
#include "testing/testRunModel.h"

#include <QWidget>

class QAction;
class QLabel;
class QTreeView;
class QToolBar;

namespace sy {

class TestDetailsView;
class TestStatusIconModel;

class TestsPanel : public QWidget {
    Q_OBJECT
public:
    /// `model` is not owned and must outlive the panel.
    explicit TestsPanel(TestRunModel *model, QWidget *parent = nullptr);

    QTreeView *tree() const { return m_tree; }
    TestDetailsView *details() const { return m_details; }
    /// The tree's model (the icon proxy over the TestRunModel).
    QAbstractItemModel *treeModel() const;
    /// Makes the item of `file` (and `testId`, when given) current.
    bool select(const QString &file, const QString &testId = {});
    /// The status line's text.
    QString statusText() const;

    QAction *runAllAction() const { return m_runAll; }
    QAction *runFailedAction() const { return m_runFailed; }
    QAction *runSelectedAction() const { return m_runSelected; }
    QAction *stopAction() const { return m_stop; }

public slots:
    /// A run was asked for and is not over (pre-bundling included): the run
    /// actions wait, Stop is offered.
    void setBusy(bool busy);
    /// A message from the test session (empty: the last run's totals show).
    void setStatusMessage(const QString &message);
    /// A failure of the test session (settings unreadable, pre-bundling
    /// failed): shown until the next run is asked for.
    void setError(const QString &message);

signals:
    /// Run these jobs; an empty list runs every test file (found anew).
    void runRequested(const QList<sy::TestJob> &jobs);
    void stopRequested();
    /// Open the storage inspector on `file`'s last isolate storage.
    void storageRequested(const QString &file);
    /// Show `file` in the module graph.
    void moduleGraphRequested(const QString &file);

private:
    void requestRun(const QList<TestJob> &jobs);
    void runJobs(const std::vector<TestJob> &jobs);
    void runIndexes(const QModelIndexList &proxyIndexes);
    void updateActions();
    void updateStatus();
    void scheduleDetailsRefresh();

    TestRunModel *m_model;
    TestStatusIconModel *m_icons;
    QToolBar *m_toolBar;
    QAction *m_runAll;
    QAction *m_runFailed;
    QAction *m_runSelected;
    QAction *m_stop;
    QLabel *m_status;
    QTreeView *m_tree;
    TestDetailsView *m_details;
    QString m_message;
    QString m_error;
    bool m_busy = false;
    bool m_refreshPending = false;
};

} // namespace sy
