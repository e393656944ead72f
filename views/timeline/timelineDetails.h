#pragma once
// The timeline's details pane: one item's summary and payload.
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace sy {

struct TimelineItem;

/// Shows the selected timeline item: a header (kind, environment, generation,
/// local time, duration, event id), the summary, the modules involved, and
/// the payload as indented JSON (read-only, selectable). Empty text when no
/// item is shown.
class TimelineDetails : public QWidget {
    Q_OBJECT
public:
    explicit TimelineDetails(QWidget *parent = nullptr);

    /// Shows `item` (copied), or clears the pane for null.
    void setItem(const TimelineItem *item);
    void clear() { setItem(nullptr); }

    /// What the pane shows, as plain text (for tests and copying).
    QString summaryText() const;
    QString jsonText() const;

private:
    QLabel *m_summary;
    QPlainTextEdit *m_json;
};

} // namespace sy
