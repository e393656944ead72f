#pragma once
// The event journal: every engine event (optimizer runs, invalidations, HMR
// payloads, runner cache clears, requests, errors, stale references,
// generations; see journalEvent.h) recorded into SQLite and streamed live.
#include "journal/journalEvent.h"
#include "journal/journalQuery.h"

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sy {

class JournalDatabase;
class JournalFeed;

/// An append-only log of JournalEvents in a SQLite file (WAL,
/// synchronous=NORMAL: what was committed survives a crash of the process).
///
/// Writing: record() may be called from any thread. It only takes a mutex,
/// assigns the id (1, 2, ... continuing the file) and the time, and appends to
/// an in-memory queue; it never touches SQLite or Qt. A writer thread takes
/// everything queued as soon as it is idle and inserts it in batches (one
/// transaction per at most kMaxBatch events, prepared statements), so an event
/// is on disk well within 50 ms of record() unless the disk stalls. The queue
/// is unbounded: a producer faster than the disk grows memory, never blocks.
/// flush() waits until everything recorded before it is committed; the
/// destructor flushes. A batch that fails to commit (disk full) is dropped and
/// counted (droppedCount(), lastWriteError()); record() never reports errors.
///
/// Reading: query() reads committed events through its own connection (WAL:
/// it never waits for the writer), so call flush() first to see your own most
/// recent records. openReadOnly() reads a journal another process is writing,
/// or one left behind by a crashed process.
///
/// One writing Journal per file at a time (ids are assigned in memory);
/// any number of read-only ones. Path ":memory:" gives a private in-memory
/// journal (tests, GUI without a file), gone with the object.
class Journal {
public:
    static constexpr size_t kMaxBatch = 4096;

    /// Creates or opens the journal at `path` for writing and starts its
    /// writer thread. Null with `error` set when the file is not a SQLite
    /// database, not a journal, has a newer schema, or cannot be created.
    static std::unique_ptr<Journal> open(const std::string &path, std::string *error);

    /// Opens an existing journal for queries only: record() is ignored
    /// (returns 0), there is no writer thread. Null with `error` set when the
    /// file is missing, corrupt or not a journal.
    static std::unique_ptr<Journal> openReadOnly(const std::string &path, std::string *error);

    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    /// Queues `event` and returns its id. Fills timeMs (ms since the epoch,
    /// system clock) when it is 0; ignores the id passed in. Thread-safe,
    /// non-blocking (a short mutex section). Returns 0 on a read-only journal.
    int64_t record(JournalEvent event);

    /// Blocks until every event recorded before the call is committed (or
    /// dropped after a write error). Thread-safe. No-op when read-only.
    void flush();

    /// Committed events matching `q`, ordered by id. Thread-safe. On a SQLite
    /// error (corrupt page) returns what was read and sets `error`.
    std::vector<JournalEvent> query(const JournalQuery &q, std::string *error = nullptr) const;

    /// The live stream: eventRecorded(event) after each event is committed.
    /// Lives as long as the journal; it has no QObject parent.
    JournalFeed *feed() const { return m_feed.get(); }

    const std::string &path() const { return m_path; }
    bool isReadOnly() const { return !m_writer; }
    /// The id the next record() gets minus one (the last assigned id).
    int64_t lastId() const;
    /// Events lost to write errors, and the last such error ("" if none).
    int64_t droppedCount() const;
    std::string lastWriteError() const;
    /// PRAGMA value on the reading connection, e.g. "journal_mode" -> "wal".
    std::string pragma(const std::string &name) const;

private:
    Journal(std::string path, std::unique_ptr<JournalDatabase> writer,
            std::unique_ptr<JournalDatabase> reader, int64_t lastId);
    void writerLoop();

    std::string m_path;
    std::unique_ptr<JournalDatabase> m_writer; // null when read-only
    std::unique_ptr<JournalDatabase> m_reader; // null for ":memory:" (queries use m_writer)
    std::unique_ptr<JournalFeed> m_feed;

    mutable std::mutex
        m_writerDbMutex; // m_writer's connection (writer thread vs ":memory:" queries)
    mutable std::mutex m_readerDbMutex; // m_reader's connection

    mutable std::mutex m_mutex;        // everything below
    std::condition_variable m_wake;    // writer: something queued or stopping
    std::condition_variable m_written; // flush(): m_writtenId advanced
    std::vector<JournalEvent> m_pending;
    int64_t m_lastId = 0;
    int64_t m_writtenId = 0;
    int64_t m_dropped = 0;
    std::string m_lastWriteError;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace sy
