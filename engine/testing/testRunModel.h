#pragma once
// Qt item model over an app's test runs, as the Tests panel shows them: a tree
// of files -> suites -> tests with status, duration, errors and console
// output. Discovery fills the files (setFiles); runs update them live through
// TestRunFeed, which queues the runner's callbacks onto the model's thread.
// A file keeps its last results (and its KV/D1 storage) until it runs again,
// so "run this test" or "run the failed ones" leaves the others' results be.
#include "testing/testResult.h"
#include "testing/testRunner.h"

#include <QAbstractItemModel>
#include <QList>
#include <QMetaType>
#include <QStringList>
#include <memory>
#include <vector>

namespace sy {

/// Tree model: top-level rows are test files (sorted by relative path), below
/// them the suites and tests in collection order. Columns Name, Status,
/// Duration. Changes only on its own thread (slots; TestRunFeed queues).
class TestRunModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, DurationColumn, ColumnCount };
    enum Kind { FileKind, SuiteKind, TestKind };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< Kind
        StatusRole,                  ///< int(TestStatus); suites: aggregated over their tests
        QueuedRole,                  ///< bool, files: part of the current run, not started yet
        FilePathRole,                ///< absolute path of the item's file
        RelativePathRole,            ///< the file relative to the app root ('/'-separated)
        TestIdRole,                  ///< harness id (suites and tests; empty for files)
        FullNameRole,                ///< "suite > test"; files: the relative path
        LineRole,                    ///< 1-based line in the file, 0 when unknown
        DurationMsRole,     ///< double: test's duration, suite's tests summed, file's wall time
        IsolateStartMsRole, ///< double: the file's isolate start (any item of the file)
        ModuleLoadMsRole,   ///< double: the file's module load
        TestTimeMsRole,     ///< double: the file's test time
        ErrorsRole, ///< QVariantList of QVariantMap {phase,name,message,stack,expected,actual,diff}
        ErrorsTextRole,  ///< the errors as readable text (diff and stack included)
        ConsoleRole,     ///< QVariantList of QVariantMap {testId,level,text}
        ConsoleTextRole, ///< the console lines as text ("[warn] " before non-log levels)
        HasStorageRole,  ///< bool: the storage of the item's file's last run is kept
    };

    explicit TestRunModel(QObject *parent = nullptr);
    ~TestRunModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The file row of `file` (absolute path), or an invalid index.
    QModelIndex fileIndex(const QString &file) const;
    /// The suite or test `testId` of `file`, or an invalid index.
    QModelIndex testIndex(const QString &file, const QString &testId) const;
    /// The app root of the last setFiles().
    QString root() const { return m_root; }

    /// The KV/D1 storage of `file`'s last run (null when none was kept).
    std::shared_ptr<IsolateStorage> storage(const QString &file) const;

    /// Jobs running what `indexes` select: a file row runs the whole file, a
    /// suite its tests, a test itself; one job per file, in row order.
    std::vector<TestJob> jobsFor(const QModelIndexList &indexes) const;
    /// Jobs re-running what failed: a file that failed outside its tests
    /// (import error, killed isolate, hook error) as a whole, else its failed tests.
    std::vector<TestJob> failedJobs() const;
    /// Every file of the model, whole.
    std::vector<TestJob> allJobs() const;

    /// True between beginRun() and endRun().
    bool isRunning() const { return m_running; }
    /// Totals of the last run that ended (zero before).
    TestRunSummary lastSummary() const { return m_summary; }
    /// Tests (not suites) of the whole tree in `status`.
    int count(TestStatus status) const;

    /// A duration as the model shows it: "0.8 ms", "31 ms", "1.25 s".
    static QString formatDuration(double ms);

public slots:
    /// Discovery: the app's test files (absolute paths under `root`). Files
    /// already known keep their results; files gone are removed (a file of
    /// the current run stays until the run ends).
    void setFiles(const QString &root, const QStringList &files);
    /// Forgets every file (another app was opened).
    void clear();

    /// A run of `jobs` starts (job i is the runner's file i): their files are
    /// queued (added when new); with onlyTestIds only those tests will change.
    void beginRun(const QList<sy::TestJob> &jobs);
    /// Runner file `file` got its isolate: running; its last errors, times,
    /// storage and (of the tests it runs) console lines are dropped.
    void startFile(int file);
    /// The file's suites and tests are known.
    void collectFile(int file, const sy::TestFileResult &result);
    /// A test started / ended (ignored for tests a partial run does not run).
    void startTest(int file, const sy::TestCaseResult &test);
    void finishTest(int file, const sy::TestCaseResult &test);
    /// A console line of the file (its testId says which test wrote it).
    void addConsoleLine(int file, const sy::TestConsoleLine &line);
    /// The file's final result (statuses, errors, times, storage).
    void finishFile(int file, const sy::TestFileResult &result);
    /// The run is over; files it never started are no longer queued.
    void endRun(const sy::TestRunSummary &summary);

signals:
    /// beginRun() (true) and endRun() or clear() (false).
    void runningChanged(bool running);
    /// After endRun(): the run's totals.
    void runFinished(const sy::TestRunSummary &summary);

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    Node *runFile(int file) const;
    Node *findTest(Node *file, const std::string &id) const;
    void applyCases(Node *file, const std::vector<TestCaseResult> &cases, bool keepUnselected);
    void updateCase(Node *node, const TestCaseResult &test);
    void changed(Node *node, bool withAncestors);
    void fileChanged(Node *file);
    TestStatus statusOf(const Node *node) const;
    TestStatus partialFileStatus(const Node *file) const;
    double durationOf(const Node *node) const;
    QVariant errorsOf(const Node *node) const;
    QString errorsTextOf(const Node *node) const;
    /// Whether console `line` belongs to `node` (file: every line; suite: the
    /// lines of the tests below it; test: its own).
    bool lineBelongs(const TestConsoleLine &line, const Node *node) const;
    QVariant consoleOf(const Node *node) const;
    QString consoleTextOf(const Node *node) const;
    QString statusText(const Node *node) const;
    void collectTestIds(const Node *node, std::vector<std::string> &ids) const;
    int insertFile(const QString &file, const QString &relativePath);

    QString m_root;
    std::vector<std::unique_ptr<Node>> m_files;
    std::vector<Node *> m_run; ///< file nodes of the current run, by the runner's file index
    bool m_running = false;
    TestRunSummary m_summary;
};

} // namespace sy

Q_DECLARE_METATYPE(sy::TestJob)
Q_DECLARE_METATYPE(sy::TestFileResult)
Q_DECLARE_METATYPE(sy::TestCaseResult)
Q_DECLARE_METATYPE(sy::TestConsoleLine)
Q_DECLARE_METATYPE(sy::TestRunSummary)
