#include "views/tests/testsPanel.h"

#include "views/tests/testDetailsView.h"
#include "views/tests/testStatusIconModel.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace sy {

TestsPanel::TestsPanel(TestRunModel *model, QWidget *parent)
    : QWidget(parent), m_model(model), m_icons(new TestStatusIconModel(this))
{
    setObjectName(QStringLiteral("testsPanel"));
    m_icons->setSourceModel(model);

    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_runAll = m_toolBar->addAction(tr("Run all"));
    m_runAll->setObjectName(QStringLiteral("testsRunAll"));
    m_runAll->setToolTip(tr("Find the app's test files again and run them all"));
    m_runFailed = m_toolBar->addAction(tr("Run failed"));
    m_runFailed->setObjectName(QStringLiteral("testsRunFailed"));
    m_runFailed->setToolTip(tr("Run the failed tests again (whole files that failed to load)"));
    m_runSelected = m_toolBar->addAction(tr("Run selected"));
    m_runSelected->setObjectName(QStringLiteral("testsRunSelected"));
    m_runSelected->setToolTip(
        tr("Run the selected files, suites and tests (double-click runs one)"));
    m_stop = m_toolBar->addAction(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("testsStop"));
    m_stop->setToolTip(tr("Stop the run: running isolates are terminated"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("testsStatus"));
    m_status->setContentsMargins(8, 0, 8, 0);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("testsTree"));
    m_tree->setModel(m_icons);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setUniformRowHeights(true);
    m_tree->setExpandsOnDoubleClick(false); // double-click runs
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(TestRunModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(TestRunModel::StatusColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(TestRunModel::DurationColumn,
                                           QHeaderView::ResizeToContents);

    m_details = new TestDetailsView(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_toolBar);
    top->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_runAll, &QAction::triggered, this, [this] { requestRun({}); });
    connect(m_runFailed, &QAction::triggered, this, [this] { runJobs(m_model->failedJobs()); });
    connect(m_runSelected, &QAction::triggered, this,
            [this] { runIndexes(m_tree->selectionModel()->selectedRows()); });
    connect(m_stop, &QAction::triggered, this, &TestsPanel::stopRequested);
    connect(m_tree, &QTreeView::doubleClicked, this,
            [this](const QModelIndex &index) { runIndexes({index}); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { m_details->setIndex(current); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TestsPanel::updateActions);
    connect(m_details, &TestDetailsView::runRequested, this,
            [this](const QModelIndex &index) { runIndexes({index}); });
    connect(m_details, &TestDetailsView::storageRequested, this, &TestsPanel::storageRequested);
    connect(m_details, &TestDetailsView::moduleGraphRequested, this,
            &TestsPanel::moduleGraphRequested);

    // A file's tests appear when it is collected: show them.
    connect(m_icons, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (parent.isValid())
            m_tree->expandRecursively(parent);
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_icons, signal, this, [this] {
            scheduleDetailsRefresh();
            updateActions();
        });
    connect(m_icons, &QAbstractItemModel::modelReset, this, [this] {
        scheduleDetailsRefresh();
        updateActions();
    });
    connect(m_icons, &QAbstractItemModel::dataChanged, this, &TestsPanel::scheduleDetailsRefresh);
    connect(m_model, &TestRunModel::runningChanged, this, &TestsPanel::updateActions);
    connect(m_model, &TestRunModel::runFinished, this, &TestsPanel::updateActions);
    updateActions();
}

QAbstractItemModel *TestsPanel::treeModel() const
{
    return m_icons;
}

bool TestsPanel::select(const QString &file, const QString &testId)
{
    const QModelIndex source =
        testId.isEmpty() ? m_model->fileIndex(file) : m_model->testIndex(file, testId);
    const QModelIndex index = m_icons->mapFromSource(source);
    if (!index.isValid())
        return false;
    m_tree->scrollTo(index);
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    return true;
}

QString TestsPanel::statusText() const
{
    return m_status->text();
}

void TestsPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateActions();
}

void TestsPanel::setStatusMessage(const QString &message)
{
    m_message = message;
    updateStatus();
}

void TestsPanel::setError(const QString &message)
{
    m_error = message;
    updateStatus();
}

void TestsPanel::requestRun(const QList<TestJob> &jobs)
{
    if (m_busy || m_model->isRunning())
        return;
    m_error.clear();
    updateStatus();
    emit runRequested(jobs);
}

void TestsPanel::runJobs(const std::vector<TestJob> &jobs)
{
    if (!jobs.empty())
        requestRun(QList<TestJob>(jobs.begin(), jobs.end()));
}

void TestsPanel::runIndexes(const QModelIndexList &proxyIndexes)
{
    QModelIndexList source;
    for (const QModelIndex &index : proxyIndexes)
        source << m_icons->mapToSource(index);
    runJobs(m_model->jobsFor(source));
}

void TestsPanel::updateActions()
{
    const bool running = m_busy || m_model->isRunning();
    const bool hasFiles = m_model->rowCount() > 0;
    m_runAll->setEnabled(!running);
    m_runFailed->setEnabled(!running && !m_model->failedJobs().empty());
    m_runSelected->setEnabled(!running && hasFiles && m_tree->selectionModel()->hasSelection());
    m_stop->setEnabled(running);
    updateStatus();
}

void TestsPanel::updateStatus()
{
    m_status->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #c0392b"));
    m_status->setToolTip(m_error);
    QString text = m_error.isEmpty() ? m_message : m_error;
    if (text.isEmpty()) {
        const int passed = m_model->count(TestStatus::Passed);
        const int failed = m_model->count(TestStatus::Failed);
        const int files = m_model->rowCount();
        if (m_model->isRunning())
            text = tr("Running… %1 passed, %2 failed").arg(passed).arg(failed);
        else if (m_model->lastSummary().files > 0)
            text = tr("%1 passed, %2 failed, %3 skipped · %n file(s) in %4", nullptr,
                      m_model->lastSummary().files)
                       .arg(passed)
                       .arg(failed)
                       .arg(m_model->count(TestStatus::Skipped))
                       .arg(TestRunModel::formatDuration(m_model->lastSummary().wallMs));
        else
            text = tr("%n test file(s)", nullptr, files);
    }
    m_status->setText(text);
}

void TestsPanel::scheduleDetailsRefresh()
{
    // Runs change many rows per second: refresh the details once per burst.
    if (m_refreshPending)
        return;
    m_refreshPending = true;
    QTimer::singleShot(0, this, [this] {
        m_refreshPending = false;
        m_details->refresh();
        updateStatus();
        m_runFailed->setEnabled(!m_busy && !m_model->isRunning() && !m_model->failedJobs().empty());
    });
}

} // namespace sy
