#pragma once
// The GUI side of the engine: owns the engine thread and its EngineWorker,
// and the models the views read (ModuleGraphModel, JournalModel,
// EngineStatus, and the test runs' TestRunModel), all on the GUI thread.
// open() replaces the running app. Test runs go to a TestSession on a
// "tests" thread of its own.
#include "testing/testRunModel.h" // sy::TestJob and its metatype

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>

class QThread;

namespace sy {

class EngineStatus;
class EngineWorker;
class IsolateStorage;
class JournalModel;
class ModuleGraphModel;
class RequestRate;
class TestRunModel;
class TestSession;
struct JournalEvent;

class EngineHost : public QObject {
    Q_OBJECT
public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    ModuleGraphModel *modules() const { return m_modules; }
    JournalModel *events() const { return m_events; }
    EngineStatus *status() const { return m_status; }
    /// The app's test files and their last results (TestSession feeds it).
    TestRunModel *tests() const { return m_tests; }
    /// The test session's worker module graph (test files and what they
    /// import): a model of its own, apart from modules() (the dev server's).
    ModuleGraphModel *testModules() const { return m_testModules; }
    /// True from a run request until that run ended (pre-bundling included).
    bool testsBusy() const { return m_testsBusy; }

    /// The running app's own KV/D1 storage (the dev server's, kept in
    /// <app>/.switchyard/storage); null when no app runs or it declares no
    /// storage bindings. appStorageChanged() tells when it is replaced.
    std::shared_ptr<IsolateStorage> appStorage() const { return m_appStorage; }

    /// Port the dev server asks for (default 5173; taken -> any free one).
    void setPort(quint16 port) { m_port = port; }
    /// Whether the app's files are watched (default true).
    void setWatch(bool watch) { m_watch = watch; }

public slots:
    /// Stops the running app (if any), clears the models and starts `dir`
    /// on a fresh engine thread. loaded() or failed() follow.
    void open(const QString &dir);
    /// Stops the engine thread (blocks until the server is down).
    void stop();
    /// Asks the engine thread to inspect `file` (a module's file path);
    /// inspected() follows.
    void inspect(const QString &file);

    /// Runs `jobs` on the tests thread (an empty list: every test file,
    /// found anew). Ignored while a run is busy.
    void runTests(const QList<sy::TestJob> &jobs);
    /// Finds the app's test files again (tests() follows).
    void discoverTests();
    /// Ends the test run in progress (its isolates are terminated).
    void cancelTests();
    /// Makes testModules() hold `file`'s graph; testGraphReady() follows.
    void loadTestGraph(const QString &file);

signals:
    /// The app is prepared, the server listens, the module model is filled.
    void loaded();
    void failed(const QString &message);
    /// sy::inspectModuleEverywhere() of `file`, as JSON text.
    void inspected(const QString &file, const QByteArray &json);
    /// A test run was asked for (true) / ended (false).
    void testsBusyChanged(bool busy);
    /// What the test session is doing ("" when nothing to say).
    void testStatusMessage(const QString &message);
    /// The test settings or files could not be read, or pre-bundling failed.
    void testsFailed(const QString &message);
    /// testModules() holds `file` and what it imports.
    void testGraphReady(const QString &file);
    /// appStorage() changed (an app started, or stopped).
    void appStorageChanged();

private:
    void startTestSession(const QString &dir);
    void stopTestSession();
    void eventArrived(const sy::JournalEvent &event);
    void updateRate();

    ModuleGraphModel *m_modules;
    JournalModel *m_events;
    EngineStatus *m_status;
    TestRunModel *m_tests;
    ModuleGraphModel *m_testModules;
    QThread *m_testThread = nullptr;
    TestSession *m_testSession = nullptr;
    bool m_testsBusy = false;
    QThread *m_thread = nullptr;
    EngineWorker *m_worker = nullptr;
    std::shared_ptr<IsolateStorage> m_appStorage;
    std::unique_ptr<RequestRate> m_rate;
    QTimer m_rateTimer;
    quint16 m_port = 5173;
    bool m_watch = true;
};

} // namespace sy
