#pragma once
// The GUI side of the engine: owns the engine thread and its EngineWorker,
// and the models the views read (ModuleGraphModel, JournalModel,
// EngineStatus), all on the GUI thread. open() replaces the running app.
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>

class QThread;

namespace sy {

class EngineStatus;
class EngineWorker;
class JournalModel;
class ModuleGraphModel;
class RequestRate;
struct JournalEvent;

class EngineHost : public QObject {
    Q_OBJECT
public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    ModuleGraphModel *modules() const { return m_modules; }
    JournalModel *events() const { return m_events; }
    EngineStatus *status() const { return m_status; }

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

signals:
    /// The app is prepared, the server listens, the module model is filled.
    void loaded();
    void failed(const QString &message);
    /// sy::inspectModuleEverywhere() of `file`, as JSON text.
    void inspected(const QString &file, const QByteArray &json);

private:
    void eventArrived(const sy::JournalEvent &event);
    void updateRate();

    ModuleGraphModel *m_modules;
    JournalModel *m_events;
    EngineStatus *m_status;
    QThread *m_thread = nullptr;
    EngineWorker *m_worker = nullptr;
    std::unique_ptr<RequestRate> m_rate;
    QTimer m_rateTimer;
    quint16 m_port = 5173;
    bool m_watch = true;
};

} // namespace sy
