#pragma once
// The engine as the dashboard runs it: one object living on the engine
// thread that owns the app's DevSession, its DevServer (worker isolate, HTTP
// server, file watcher, hot updater) and an in-memory Journal. Everything it
// tells the GUI goes out as signals (queued to the GUI thread) or through the
// item model feeds it attaches to each environment's graph.
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace sy {

class IsolateStorage;
class JournalModel;
class ModuleGraphModel;

class EngineWorker : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString projectDir;
        quint16 port = 5173; ///< taken -> any free port
        bool watch = true;
    };

    /// `modules` and `events` live on the GUI thread; the worker only connects
    /// feeds to them (queued).
    EngineWorker(Options options, ModuleGraphModel *modules, JournalModel *events);
    ~EngineWorker() override;

public slots:
    /// On the engine thread: loads the project, attaches the model feeds,
    /// starts the dev server (prepare + listen), crawls every environment so
    /// the graphs are complete, then emits started() (or failed()).
    void start();
    /// On the engine thread: stops the server and detaches the feeds.
    void stop();
    /// On the engine thread: inspects `file` in every environment holding it
    /// (sy::inspectModuleEverywhere, with the worker runner's cache) and
    /// emits inspected().
    void inspect(const QString &file);

signals:
    /// The server listens at `serverUrl`; the graph rows emitted before this
    /// signal reach the model before it (same thread, queued in order).
    void started(const QString &projectName, const QString &serverUrl);
    void failed(const QString &message);
    /// What of the app's vite.config Switchyard does not apply (ViteConfig::
    /// warnings), emitted once after the project loaded, before started().
    void configWarnings(const QStringList &warnings);
    /// Environment -> browserHash and the generation, after start and after
    /// every hot update.
    void statusChanged(const QMap<QString, QString> &browserHashes, qint64 generation);
    /// The JSON of inspect(), as text (QJsonDocument-parsable).
    void inspected(const QString &file, const QByteArray &json);
    /// The dev server's KV/D1 storage (DevServer::storage(), thread-safe to
    /// read from any thread), emitted before started(); null without bindings.
    void storageReady(std::shared_ptr<sy::IsolateStorage> storage);

private:
    void publishStatus();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace sy
