#include "previewAgent.h"

#include "appPreview.h"
#include "previewPage.h"
#include "previewProtocol.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QPointer>
#include <QUrl>

namespace sy {

namespace {

/// `text` as a JavaScript string literal (JSON's string syntax).
QString jsStringLiteral(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

} // namespace

PreviewAgent::PreviewAgent(AppPreview *preview, QObject *parent)
    : QObject(parent), m_preview(preview)
{
    connect(preview, &AppPreview::loadStarted, this, [this] {
        send({{"event", "loadStarted"}, {"url", m_preview->url().toString()}});
    });
    connect(preview, &AppPreview::loadFinished, this, [this](bool ok) {
        send({{"event", "loaded"},
              {"url", m_preview->url().toString()},
              {"ok", ok},
              {"title", m_preview->title()}});
    });
    connect(preview, &AppPreview::urlChanged, this, [this](const QUrl &url) {
        send({{"event", "urlChanged"}, {"url", url.toString()}});
    });
    connect(preview, &AppPreview::titleChanged, this, [this](const QString &title) {
        send({{"event", "titleChanged"}, {"title", title}});
    });
    connect(preview->page(), &PreviewPage::consoleMessage, this,
            [this](const QString &level, const QString &message, int line, const QString &source) {
                send({{"event", "console"},
                      {"level", level},
                      {"message", message},
                      {"line", line},
                      {"source", source}});
            });
    connect(preview, &AppPreview::renderProcessTerminated, this,
            [this](const QString &status, int exitCode) {
                send({{"event", "rendererTerminated"}, {"status", status}, {"exitCode", exitCode}});
            });
}

void PreviewAgent::announce()
{
    const WId id = m_preview->window()->winId();
    send({{"event", "ready"},
          {"winId", double(id)},
          {"platform", QGuiApplication::platformName()},
          {"pid", double(QCoreApplication::applicationPid())}});
}

void PreviewAgent::send(const QJsonObject &event)
{
    emit output(preview::encodeLine(event));
}

void PreviewAgent::handleLine(const QByteArray &line)
{
    if (line.trimmed().isEmpty())
        return;
    QString error;
    const std::optional<QJsonObject> command =
        preview::decodeLine(line, QStringLiteral("cmd"), &error);
    if (!command) {
        send({{"event", "error"}, {"message", QStringLiteral("bad command line: ") + error}});
        return;
    }
    const QString name = command->value(QStringLiteral("cmd")).toString();
    if (name == QLatin1String("show")) {
        m_preview->window()->show();
    } else if (name == QLatin1String("navigate")) {
        const QUrl url(command->value(QStringLiteral("url")).toString(), QUrl::StrictMode);
        if (!url.isValid() || url.isRelative()) {
            send({{"event", "error"},
                  {"message", QStringLiteral("navigate: not an absolute URL: \"%1\"")
                                  .arg(command->value(QStringLiteral("url")).toString())}});
            return;
        }
        m_preview->setUrl(url);
    } else if (name == QLatin1String("reload")) {
        m_preview->reload();
    } else if (name == QLatin1String("eval")) {
        const QJsonValue id = command->value(QStringLiteral("id"));
        const QJsonValue script = command->value(QStringLiteral("script"));
        if (!id.isDouble() || !script.isString()) {
            send({{"event", "error"},
                  {"message",
                   QStringLiteral("eval needs a number \"id\" and a string \"script\"")}});
            if (id.isDouble())
                send({{"event", "result"},
                      {"id", id},
                      {"ok", false},
                      {"error", QStringLiteral("no string \"script\"")}});
            return;
        }
        evaluate(id.toInt(), script.toString());
    } else if (name == QLatin1String("quit")) {
        emit quitRequested();
    } else {
        send({{"event", "error"}, {"message", QStringLiteral("unknown command \"%1\"").arg(name)}});
    }
}

void PreviewAgent::evaluate(int id, const QString &script)
{
    // Indirect eval runs the script in the page's global scope; the wrapper
    // turns an exception into {ok:false,error}. The value must be JSON-like.
    const QString wrapped =
        QStringLiteral("(function(){try{return {ok:true,value:(0,eval)(%1)};}"
                       "catch(e){return {ok:false,error:String(e&&e.stack||e)};}})()")
            .arg(jsStringLiteral(script));
    QPointer<PreviewAgent> self(this);
    m_preview->page()->runJavaScript(wrapped, [self, id](const QVariant &result) {
        if (!self)
            return;
        const QJsonObject object = QJsonValue::fromVariant(result).toObject();
        if (object.value(QStringLiteral("ok")).toBool()) {
            self->send({{"event", "result"},
                        {"id", id},
                        {"ok", true},
                        {"value", object.value(QStringLiteral("value"))}});
        } else {
            const QString error = object.value(QStringLiteral("error")).toString();
            self->send({{"event", "result"},
                        {"id", id},
                        {"ok", false},
                        {"error", error.isEmpty()
                                      ? QStringLiteral("no result: the value is not JSON-like, or "
                                                       "the page did not run the script")
                                      : error}});
        }
    });
}

} // namespace sy
