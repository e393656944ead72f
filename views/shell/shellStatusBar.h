#pragma once
// The main window's status bar: the server URL (a link: opens the app in the
// browser), each environment's browserHash, the generation and requests per
// second, all read from EngineStatus.
#include <QStatusBar>

class QLabel;

namespace sy {

class EngineStatus;

class ShellStatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit ShellStatusBar(EngineStatus *status, QWidget *parent = nullptr);

    QLabel *urlLabel() const { return m_url; }
    QLabel *hashesLabel() const { return m_hashes; }
    QLabel *generationLabel() const { return m_generation; }
    QLabel *rateLabel() const { return m_rate; }

signals:
    /// The URL was clicked (MainWindow opens it with QDesktopServices).
    void openUrlRequested(const QString &url);

private:
    void refresh();
    EngineStatus *m_status;
    QLabel *m_url;
    QLabel *m_hashes;
    QLabel *m_generation;
    QLabel *m_rate;
};

} // namespace sy
