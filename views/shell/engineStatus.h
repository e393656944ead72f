#pragma once
// What the dashboard shows of the running engine besides its item models:
// the project, the server URL, each environment's browserHash, the
// generation and the request rate. Lives on the GUI thread; the app's engine
// host writes it from queued signals, views only read it.
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

namespace sy {

class EngineStatus : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Loading, Ready, Failed };
    Q_ENUM(State)

    explicit EngineStatus(QObject *parent = nullptr);

    State state() const { return m_state; }
    /// Absolute path of the open app folder ("" before one is opened).
    QString projectDir() const { return m_projectDir; }
    /// wrangler.jsonc "name" (or the folder name until it is loaded).
    QString projectName() const { return m_projectName; }
    /// "http://127.0.0.1:5173" once the server listens, else "".
    QString serverUrl() const { return m_serverUrl; }
    /// Environment name ("client", "ssr", "worker") -> browserHash.
    QMap<QString, QString> browserHashes() const { return m_browserHashes; }
    qint64 generation() const { return m_generation; }
    double requestsPerSecond() const { return m_requestsPerSecond; }
    /// Why loading failed (State::Failed), else "".
    QString errorMessage() const { return m_error; }
    /// What of the app's vite.config the engine does not apply (plugins it
    /// does not run, options it ignores, a config that could not be read),
    /// one line each; empty when everything applies or there is no config.
    QStringList configWarnings() const { return m_configWarnings; }

public slots:
    void setLoading(const QString &projectDir);
    void setReady(const QString &projectName, const QString &serverUrl);
    void setFailed(const QString &message);
    void setConfigWarnings(const QStringList &warnings);
    void setBrowserHashes(const QMap<QString, QString> &hashes);
    void setGeneration(qint64 generation);
    void setRequestsPerSecond(double rate);
    void reset();

signals:
    /// Any field changed.
    void changed();
    /// The state changed (after `changed`).
    void stateChanged(sy::EngineStatus::State state);

private:
    void setState(State state);
    State m_state = State::Idle;
    QString m_projectDir;
    QString m_projectName;
    QString m_serverUrl;
    QMap<QString, QString> m_browserHashes;
    qint64 m_generation = 0;
    double m_requestsPerSecond = 0;
    QString m_error;
    QStringList m_configWarnings;
};

} // namespace sy
