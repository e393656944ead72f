#pragma once
// The preview process's side of the protocol (previewProtocol.h): turns an
// AppPreview's signals into event lines and command lines into calls on it.
// app/previewMain.cpp feeds it stdin's lines and writes its output to stdout.
#include <QObject>

class QByteArray;

namespace sy {

class AppPreview;

class PreviewAgent : public QObject {
    Q_OBJECT
public:
    /// `preview` is not owned and must outlive the agent; its top-level
    /// window is the one reported and shown.
    explicit PreviewAgent(AppPreview *preview, QObject *parent = nullptr);

    /// Creates the native window (not shown) and emits the "ready" event
    /// with its id, the Qt platform and this process's id.
    void announce();

public slots:
    /// Takes one command line. A line that is not a known command with valid
    /// arguments is answered with an {"event":"error"} line (eval: with a
    /// failed "result" for its id); nothing else happens.
    void handleLine(const QByteArray &line);

signals:
    /// One protocol line to write (with its '\n').
    void output(const QByteArray &line);
    /// The "quit" command.
    void quitRequested();

private:
    void send(const QJsonObject &event);
    void evaluate(int id, const QString &script);
    AppPreview *m_preview;
};

} // namespace sy
