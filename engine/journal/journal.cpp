#include "journal/journal.h"

#include "journal/journalDatabase.h"
#include "journal/journalFeed.h"

#include <chrono>

namespace sy {

namespace {
int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
} // namespace

Journal::Journal(std::string path, std::unique_ptr<JournalDatabase> writer,
                 std::unique_ptr<JournalDatabase> reader, int64_t lastId)
    : m_path(std::move(path)), m_writer(std::move(writer)), m_reader(std::move(reader)),
      m_feed(std::make_unique<JournalFeed>()), m_lastId(lastId), m_writtenId(lastId)
{
    if (m_writer)
        m_thread = std::thread([this] { writerLoop(); });
}

std::unique_ptr<Journal> Journal::open(const std::string &path, std::string *error)
{
    auto writer = JournalDatabase::open(path, JournalDatabase::Mode::ReadWrite, error);
    if (!writer)
        return nullptr;
    std::string err;
    const int64_t lastId = writer->maxId(&err);
    if (!err.empty()) {
        if (error)
            *error = err;
        return nullptr;
    }
    std::unique_ptr<JournalDatabase> reader;
    if (path != ":memory:") {
        reader = JournalDatabase::open(path, JournalDatabase::Mode::ReadOnly, error);
        if (!reader)
            return nullptr;
    }
    return std::unique_ptr<Journal>(
        new Journal(path, std::move(writer), std::move(reader), lastId));
}

std::unique_ptr<Journal> Journal::openReadOnly(const std::string &path, std::string *error)
{
    auto reader = JournalDatabase::open(path, JournalDatabase::Mode::ReadOnly, error);
    if (!reader)
        return nullptr;
    std::string err;
    const int64_t lastId = reader->maxId(&err);
    if (!err.empty()) {
        if (error)
            *error = err;
        return nullptr;
    }
    return std::unique_ptr<Journal>(new Journal(path, nullptr, std::move(reader), lastId));
}

Journal::~Journal()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join(); // the writer drains the queue before it returns
    }
}

int64_t Journal::record(JournalEvent event)
{
    if (!m_writer)
        return 0;
    std::unique_lock lock(m_mutex);
    event.id = ++m_lastId;
    if (event.timeMs == 0)
        event.timeMs = nowMs();
    const int64_t id = event.id;
    const bool wasEmpty = m_pending.empty();
    m_pending.push_back(std::move(event));
    lock.unlock();
    if (wasEmpty) // the writer only sleeps on an empty queue
        m_wake.notify_one();
    return id;
}

void Journal::flush()
{
    if (!m_writer)
        return;
    std::unique_lock lock(m_mutex);
    const int64_t target = m_lastId;
    m_written.wait(lock, [&] { return m_writtenId >= target; });
}

void Journal::writerLoop()
{
    std::vector<JournalEvent> batch;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return !m_pending.empty() || m_stopping; });
        if (m_pending.empty())
            return; // stopping and drained
        batch.swap(m_pending);
        lock.unlock();

        const bool publish = m_feed->hasReceivers();
        for (size_t begin = 0; begin < batch.size(); begin += kMaxBatch) {
            const size_t end = std::min(batch.size(), begin + kMaxBatch);
            std::string error;
            bool ok;
            {
                std::lock_guard dbLock(m_writerDbMutex);
                ok = m_writer->insert(batch, begin, end, &error);
            }
            if (ok && publish) {
                for (size_t i = begin; i < end; ++i)
                    m_feed->publish(batch[i]);
            }
            {
                std::lock_guard stateLock(m_mutex);
                m_writtenId = batch[end - 1].id;
                if (!ok) {
                    m_dropped += int64_t(end - begin);
                    m_lastWriteError = error;
                }
            }
            m_written.notify_all();
        }
        batch.clear();
        lock.lock();
    }
}

std::vector<JournalEvent> Journal::query(const JournalQuery &q, std::string *error) const
{
    if (m_reader) {
        std::lock_guard lock(m_readerDbMutex);
        return m_reader->query(q, error);
    }
    std::lock_guard lock(m_writerDbMutex);
    return m_writer->query(q, error);
}

int64_t Journal::lastId() const
{
    std::lock_guard lock(m_mutex);
    return m_lastId;
}

int64_t Journal::droppedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

std::string Journal::lastWriteError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastWriteError;
}

std::string Journal::pragma(const std::string &name) const
{
    if (m_reader) {
        std::lock_guard lock(m_readerDbMutex);
        return m_reader->pragma(name);
    }
    std::lock_guard lock(m_writerDbMutex);
    return m_writer->pragma(name);
}

} // namespace sy
