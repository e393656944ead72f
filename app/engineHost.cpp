#include "engineHost.h"

#include "engineWorker.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalEvent.h"
#include "journal/journalModel.h"
#include "requestRate.h"
#include "shell/engineStatus.h"
#include "testSession.h"
#include "testing/testRunModel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QThread>

namespace sy {

EngineHost::EngineHost(QObject *parent)
    : QObject(parent), m_modules(new ModuleGraphModel(this)), m_events(new JournalModel(this)),
      m_status(new EngineStatus(this)), m_tests(new TestRunModel(this)),
      m_testModules(new ModuleGraphModel(this)), m_rate(std::make_unique<RequestRate>())
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
    m_tests->clear();
    m_testModules->clear();
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
    connect(m_worker, &EngineWorker::configWarnings, m_status, &EngineStatus::setConfigWarnings);
    connect(m_worker, &EngineWorker::failed, this, [this](const QString &message) {
        m_status->setFailed(message);
        emit failed(message);
    });
    m_thread->start();
    connect(m_worker, &EngineWorker::inspected, this, &EngineHost::inspected);
    connect(m_worker, &EngineWorker::storageReady, this,
            [this](std::shared_ptr<IsolateStorage> storage) {
                m_appStorage = std::move(storage);
                emit appStorageChanged();
            });
    QMetaObject::invokeMethod(m_worker, &EngineWorker::start, Qt::QueuedConnection);
    startTestSession(m_status->projectDir());
}

void EngineHost::startTestSession(const QString &dir)
{
    TestSession::Options options;
    options.projectDir = dir;
    m_testThread = new QThread(this);
    m_testThread->setObjectName(QStringLiteral("tests"));
    m_testSession = new TestSession(options, m_tests, m_testModules);
    m_testSession->moveToThread(m_testThread);
    connect(m_testSession, &TestSession::discovered, m_tests, &TestRunModel::setFiles);
    connect(m_testSession, &TestSession::busyChanged, this, [this](bool busy) {
        m_testsBusy = busy;
        emit testsBusyChanged(busy);
    });
    connect(m_testSession, &TestSession::statusMessage, this, &EngineHost::testStatusMessage);
    connect(m_testSession, &TestSession::failed, this, &EngineHost::testsFailed);
    connect(m_testSession, &TestSession::graphReset, m_testModules, &ModuleGraphModel::clear);
    connect(m_testSession, &TestSession::graphReady, this, &EngineHost::testGraphReady);
    m_testThread->start();
    discoverTests();
}

void EngineHost::stopTestSession()
{
    if (!m_testThread)
        return;
    m_testSession->cancel(); // a run in progress ends soon after
    QMetaObject::invokeMethod(m_testSession, &TestSession::stop, Qt::BlockingQueuedConnection);
    m_testThread->quit();
    m_testThread->wait();
    delete m_testSession;
    m_testSession = nullptr;
    delete m_testThread;
    m_testThread = nullptr;
    if (m_testsBusy) {
        m_testsBusy = false;
        emit testsBusyChanged(false);
    }
}

void EngineHost::runTests(const QList<TestJob> &jobs)
{
    if (!m_testSession || m_testsBusy)
        return;
    // Busy from now: a second click before the session says so is ignored.
    m_testsBusy = true;
    emit testsBusyChanged(true);
    QMetaObject::invokeMethod(
        m_testSession, [session = m_testSession, jobs] { session->run(jobs); },
        Qt::QueuedConnection);
}

void EngineHost::discoverTests()
{
    if (m_testSession)
        QMetaObject::invokeMethod(m_testSession, &TestSession::discover, Qt::QueuedConnection);
}

void EngineHost::cancelTests()
{
    // Thread-safe: the tests thread is blocked in the run. Only while one is
    // asked for or going, or the cancel would end the next one.
    if (m_testSession && m_testsBusy)
        m_testSession->cancel();
}

void EngineHost::loadTestGraph(const QString &file)
{
    if (m_testSession)
        QMetaObject::invokeMethod(
            m_testSession, [session = m_testSession, file] { session->loadGraph(file); },
            Qt::QueuedConnection);
}

void EngineHost::stop()
{
    m_rateTimer.stop();
    stopTestSession();
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
                              static_cast<QObject *>(m_status), static_cast<QObject *>(m_tests),
                              static_cast<QObject *>(m_testModules), static_cast<QObject *>(this)})
        QCoreApplication::sendPostedEvents(receiver, QEvent::MetaCall);
    if (m_appStorage) {
        m_appStorage.reset();
        emit appStorageChanged();
    }
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
