#include "engineHost.h"

#include "engineWorker.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalEvent.h"
#include "journal/journalModel.h"
#include "requestRate.h"
#include "shell/engineStatus.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QThread>

namespace sy {

EngineHost::EngineHost(QObject *parent)
    : QObject(parent), m_modules(new ModuleGraphModel(this)), m_events(new JournalModel(this)),
      m_status(new EngineStatus(this)), m_rate(std::make_unique<RequestRate>())
{
    qRegisterMetaType<sy::JournalEvent>();
    qRegisterMetaType<sy::ModuleRow>();
    connect(m_events, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                for (int row = first; row <= last; ++row)
                    eventArrived(m_events->event(row));
            });
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &EngineHost::updateRate);
}

EngineHost::~EngineHost()
{
    stop();
}

void EngineHost::open(const QString &dir)
{
    stop();
    m_modules->clear();
    m_events->clear();
    m_rate->clear();
    m_status->setLoading(dir);

    EngineWorker::Options options;
    options.projectDir = m_status->projectDir();
    options.port = m_port;
    options.watch = m_watch;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("engine"));
    m_worker = new EngineWorker(options, m_modules, m_events);
    m_worker->moveToThread(m_thread);
    connect(m_worker, &EngineWorker::statusChanged, m_status,
            [this](const QMap<QString, QString> &hashes, qint64 generation) {
                m_status->setBrowserHashes(hashes);
                m_status->setGeneration(generation);
            });
    connect(m_worker, &EngineWorker::started, this,
            [this](const QString &name, const QString &url) {
                m_status->setReady(name, url);
                m_rateTimer.start();
                emit loaded();
            });
    connect(m_worker, &EngineWorker::failed, this, [this](const QString &message) {
        m_status->setFailed(message);
        emit failed(message);
    });
    m_thread->start();
    connect(m_worker, &EngineWorker::inspected, this, &EngineHost::inspected);
    QMetaObject::invokeMethod(m_worker, &EngineWorker::start, Qt::QueuedConnection);
}

void EngineHost::stop()
{
    m_rateTimer.stop();
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_worker, &EngineWorker::stop, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    m_worker = nullptr;
    delete m_thread;
    m_thread = nullptr;
    // Deliver what the old engine queued before the models are cleared, so
    // nothing of it lands in the next app's models.
    for (QObject *receiver : {static_cast<QObject *>(m_modules), static_cast<QObject *>(m_events),
                              static_cast<QObject *>(m_status), static_cast<QObject *>(this)})
        QCoreApplication::sendPostedEvents(receiver, QEvent::MetaCall);
}

void EngineHost::eventArrived(const JournalEvent &event)
{
    if (event.kind == "request")
        m_rate->add(event.timeMs);
}

void EngineHost::updateRate()
{
    m_status->setRequestsPerSecond(m_rate->rate(QDateTime::currentMSecsSinceEpoch()));
}

void EngineHost::inspect(const QString &file)
{
    if (m_worker)
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, file] { worker->inspect(file); }, Qt::QueuedConnection);
}

} // namespace sy
