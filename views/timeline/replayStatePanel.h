#pragma once
// Post-mortem: the engine state a saved journal describes at the timeline's
// cursor (session generation, each environment's browserHash, the modules
// invalidated and not yet re-transformed).
#include "timeline/journalReplay.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QTreeWidget;

namespace sy {

/// Shows a ReplayState. Give it the replay and a time (setTimeMs, e.g. from
/// TimelineView::cursorMoved) or a state directly (setState).
class ReplayStatePanel : public QWidget {
    Q_OBJECT
public:
    explicit ReplayStatePanel(QWidget *parent = nullptr);

    /// `replay` is not owned and must outlive the panel (or be reset to null).
    void setReplay(const JournalReplay *replay);
    const ReplayState &state() const { return m_state; }

    /// The panel's content as plain text, one fact a line (for tests and
    /// copying): time, generation, event count, "env: hash" lines, then the
    /// pending module ids.
    QString text() const;

    QLabel *summaryLabel() const { return m_summary; }
    QTreeWidget *environmentTree() const { return m_environments; }
    QListWidget *pendingList() const { return m_pending; }

public slots:
    /// Shows the replay's state at `ms` (ms since the epoch).
    void setTimeMs(qint64 ms);
    void setState(const sy::ReplayState &state);

private:
    const JournalReplay *m_replay = nullptr;
    ReplayState m_state;
    QLabel *m_summary;
    QTreeWidget *m_environments;
    QLabel *m_pendingTitle;
    QListWidget *m_pending;
};

} // namespace sy
