#include "shell/engineStatus.h"

#include <QDir>
#include <QFileInfo>

namespace sy {

EngineStatus::EngineStatus(QObject *parent) : QObject(parent) {}

void EngineStatus::setState(State state)
{
    const bool stateChangedNow = state != m_state;
    m_state = state;
    emit changed();
    if (stateChangedNow)
        emit stateChanged(state);
}

void EngineStatus::setLoading(const QString &projectDir)
{
    m_projectDir = QDir::cleanPath(QFileInfo(projectDir).absoluteFilePath());
    m_projectName = QFileInfo(m_projectDir).fileName();
    m_serverUrl.clear();
    m_browserHashes.clear();
    m_generation = 0;
    m_requestsPerSecond = 0;
    m_error.clear();
    m_configWarnings.clear();
    setState(State::Loading);
}

void EngineStatus::setReady(const QString &projectName, const QString &serverUrl)
{
    if (!projectName.isEmpty())
        m_projectName = projectName;
    m_serverUrl = serverUrl;
    setState(State::Ready);
}

void EngineStatus::setFailed(const QString &message)
{
    m_error = message;
    m_serverUrl.clear();
    setState(State::Failed);
}

void EngineStatus::setConfigWarnings(const QStringList &warnings)
{
    if (warnings == m_configWarnings)
        return;
    m_configWarnings = warnings;
    emit changed();
}

void EngineStatus::setBrowserHashes(const QMap<QString, QString> &hashes)
{
    if (hashes == m_browserHashes)
        return;
    m_browserHashes = hashes;
    emit changed();
}

void EngineStatus::setGeneration(qint64 generation)
{
    if (generation == m_generation)
        return;
    m_generation = generation;
    emit changed();
}

void EngineStatus::setRequestsPerSecond(double rate)
{
    if (qFuzzyCompare(rate + 1, m_requestsPerSecond + 1))
        return;
    m_requestsPerSecond = rate;
    emit changed();
}

void EngineStatus::reset()
{
    m_projectDir.clear();
    m_projectName.clear();
    m_serverUrl.clear();
    m_browserHashes.clear();
    m_generation = 0;
    m_requestsPerSecond = 0;
    m_error.clear();
    m_configWarnings.clear();
    setState(State::Idle);
}

} // namespace sy
