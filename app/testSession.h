#pragma once
// The dashboard's test runs: finds the app's test files and runs them the way
// `switchyard test` does, each file in its own fresh isolate with its own
// KV/D1 storage, on a "tests" thread of its own (never the GUI thread, never
// the engine thread that runs the dev server's live loop). It keeps a
// DevSession of its own whose cache folder is <root>/.switchyard/test: test
// pre-bundles never race the dev server's, and the dev server's
// re-optimizations never disturb a run. Results reach the GUI as queued
// signals into a TestRunModel; the worker graph of the session feeds a
// ModuleGraphModel of its own (the test files' module graph).
#include "testing/testRunModel.h"

#include <QObject>
#include <QString>
#include <memory>

namespace sy {

class ModuleGraphModel;

class TestSession : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString projectDir;
        int maxWorkers = 0; ///< files in parallel; 0 = number of cores
    };

    /// `results` and `graph` live on the GUI thread; the session only feeds
    /// them (queued). Move the session to its thread before calling slots.
    TestSession(Options options, TestRunModel *results, ModuleGraphModel *graph);
    ~TestSession() override;

    /// Thread-safe, from any thread: ends the run in progress (its isolates
    /// are terminated, files not started stay as they were) or the one about
    /// to start after its pre-bundling.
    void cancel();

public slots:
    /// Loads the app's test settings (package.json "switchyard.test") and
    /// finds its test files; emits discovered() (or failed()).
    void discover();
    /// Runs `jobs` (each a file, optionally some of its tests); an empty list
    /// runs every file found. Discovers first, then prepares a fresh
    /// DevSession (test files' dependencies pre-bundled in .switchyard/test,
    /// edited files transformed anew), then blocks this thread until the run
    /// ended. Emits busyChanged(true) ... busyChanged(false).
    void run(const QList<sy::TestJob> &jobs);
    /// Makes sure the test session's graph holds `file` (preparing a session
    /// when none has it yet), then emits graphReady(file).
    void loadGraph(const QString &file);
    /// Drops the session (on the tests thread, before it quits).
    void stop();

signals:
    /// The app root and its test files (absolute paths).
    void discovered(const QString &root, const QStringList &files);
    /// A run was asked for (true) / is over (false), pre-bundling included.
    void busyChanged(bool busy);
    /// What the session is doing, for a status line ("" when idle).
    void statusMessage(const QString &message);
    /// The app's test settings or its files could not be read, or a
    /// pre-bundle failed.
    void failed(const QString &message);
    /// The graph model must be emptied: a new session's rows follow.
    void graphReset();
    /// The graph model holds `file` (queued after its rows).
    void graphReady(const QString &file);

private:
    bool loadProject(QString *error);
    QStringList findFiles();
    bool prepareSession(const QStringList &files);
    bool graphHas(const QString &file);
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace sy
