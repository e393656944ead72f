#pragma once
// The Tests panel's details pane: what one file, suite or test of a
// TestRunModel (through any proxy keeping its roles) did — status, where the
// file's time went (isolate start, module load, test time), its errors (the
// diff coloured, the stack) and its console output, with buttons to run it,
// open its file's storage and show its file's module graph.
#include <QPersistentModelIndex>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace sy {

class TestDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit TestDetailsView(QWidget *parent = nullptr);

    /// Shows `index` (invalid: nothing) and follows its changes.
    void setIndex(const QModelIndex &index);
    QModelIndex index() const { return m_index; }

    /// Re-reads the item (the model changed).
    void refresh();

    /// The durations line, the errors (plain text) and the console shown.
    QString durationsText() const;
    QString errorsText() const;
    QString consoleText() const;

signals:
    void runRequested(const QModelIndex &index);
    void storageRequested(const QString &file);
    void moduleGraphRequested(const QString &file);

private:
    QPersistentModelIndex m_index;
    QLabel *m_title;
    QLabel *m_location;
    QLabel *m_durations;
    QPushButton *m_run;
    QPushButton *m_storage;
    QPushButton *m_graph;
    QLabel *m_errorsLabel;
    QTextBrowser *m_errors;
    QLabel *m_consoleLabel;
    QPlainTextEdit *m_console;
};

} // namespace sy
