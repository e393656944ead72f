#pragma once
// The journal's live stream as a Qt signal, for the GUI and other observers.
#include "journal/journalEvent.h"

#include <QMetaType>
#include <QObject>

namespace sy {

/// Emits `eventRecorded` once per event, in id order, right after the event's
/// batch was committed (so whatever a receiver shows, query() can also find).
/// Emitted on the journal's writer thread: receivers living on other threads
/// (the GUI) get it queued with their own copy of the event (the metatype is
/// registered by the constructor); do not use Qt::DirectConnection unless the
/// slot is thread-safe and quick, it runs on the writer thread.
/// Owned by a Journal (Journal::feed()); never emits after the Journal is gone.
class JournalFeed : public QObject {
    Q_OBJECT
public:
    explicit JournalFeed(QObject *parent = nullptr);

    /// Called by the journal's writer thread for each committed event.
    void publish(const JournalEvent &event) { emit eventRecorded(event); }

    /// Whether anything is connected to eventRecorded (lets the writer skip
    /// the per-event emit when nobody listens).
    bool hasReceivers() const;

signals:
    void eventRecorded(const sy::JournalEvent &event);
};

} // namespace sy

Q_DECLARE_METATYPE(sy::JournalEvent)
