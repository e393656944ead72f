#pragma once
// Post-mortem: a saved journal opened read-only, without a server. The
// timeline of all its events, and the engine state at the timeline's cursor.
#include "timeline/journalReplay.h"

#include <QMainWindow>

namespace sy {

class ReplayStatePanel;
class TimelineModel;
class TimelineView;

/// A window over one saved journal (SQLite). open() loads every event into
/// the timeline and places the cursor at the end; dragging the cursor (or
/// setTimeMs) updates the state panel.
class JournalWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit JournalWindow(QWidget *parent = nullptr);
    ~JournalWindow() override;

    /// Opens `path` read-only. False with `error` set (and the window empty)
    /// when it is not a readable journal.
    bool open(const QString &path, QString *error = nullptr);

    /// A new top-level window (deleted when closed, a child of `parent`)
    /// showing `path`; warns in a message box when it cannot be read.
    static JournalWindow *showJournal(const QString &path, QWidget *parent);

    QString path() const { return m_path; }
    const JournalReplay &replay() const { return m_replay; }
    TimelineView *timeline() const { return m_view; }
    TimelineModel *timelineModel() const { return m_model; }
    ReplayStatePanel *statePanel() const { return m_panel; }

public slots:
    /// Moves the cursor to `ms` and shows the state there.
    void setTimeMs(qint64 ms);

private:
    QString m_path;
    JournalReplay m_replay;
    TimelineModel *m_model;
    TimelineView *m_view;
    ReplayStatePanel *m_panel;
};

} // namespace sy
