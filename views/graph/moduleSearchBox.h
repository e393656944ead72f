#pragma once
// The graph's search field: type a module's name (fuzzy, with an optional
// environment prefix, see moduleSearch.h), Enter or F3 goes to the next match
// and Shift+Enter or Shift+F3 to the previous one, selecting it and zooming
// the graph to it; "n of m" says where you are, and its button lists the
// matches to pick from. Searches what the graph shows (its filter model).
#include "views/graph/moduleSearch.h"

#include <QPointer>
#include <QWidget>

class QLineEdit;
class QMenu;
class QToolButton;

namespace sy {

class ModuleGraphView;

class ModuleSearchBox : public QWidget {
    Q_OBJECT
public:
    /// `view` must outlive the box.
    explicit ModuleSearchBox(ModuleGraphView *view, QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_edit; }
    /// The matches of the text, best first (computed on the first step).
    const QVector<ModuleSearchMatch> &matches() const { return m_matches; }
    /// Index of the match shown (-1 before the first step).
    int currentMatch() const { return m_current; }
    /// "n of m", "m matches" or "no match" ("" with no text).
    QString countText() const;
    /// How many matches the list button offers at most.
    static constexpr int kListedMatches = 50;

public slots:
    /// Goes to the next match (the first one at the start), wrapping around.
    void next();
    void previous();
    /// Goes to match `index` of matches().
    void goTo(int index);

signals:
    /// A step found nothing for `text` (the selection stays).
    void noMatch(const QString &text);
    /// The match shown changed.
    void matchShown(const QString &environment, const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void textEdited();
    void refreshMatches();
    void step(int delta);
    void updateCount();
    void fillList();

    QPointer<ModuleGraphView> m_view;
    QLineEdit *m_edit;
    QToolButton *m_count;
    QToolButton *m_previous;
    QToolButton *m_next;
    QMenu *m_list;
    QVector<ModuleSearchMatch> m_matches;
    int m_current = -1;
    bool m_stale = true; ///< the text or the graph changed since m_matches
};

} // namespace sy
