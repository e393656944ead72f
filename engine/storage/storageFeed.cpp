#include "storage/storageFeed.h"

#include "storage/isolateStorage.h"

namespace sy {

StorageFeed::StorageFeed(QObject *parent) : QObject(parent)
{
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &StorageFeed::poll);
}

void StorageFeed::setStorage(std::shared_ptr<IsolateStorage> storage)
{
    m_storage = std::move(storage);
    m_seen = m_storage ? m_storage->changeCount() : 0;
    if (m_storage)
        m_timer.start();
    else
        m_timer.stop();
}

void StorageFeed::setInterval(int intervalMs)
{
    m_timer.setInterval(intervalMs);
}

void StorageFeed::poll()
{
    if (!m_storage)
        return;
    const quint64 now = m_storage->changeCount();
    if (now == m_seen)
        return;
    m_seen = now;
    emit changed();
}

} // namespace sy
