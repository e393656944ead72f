#include "engineWords.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QtGlobal>

namespace sy {

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("sy::EngineWords", text);
}

struct Word {
    const char *english;
    const char *translatable;
};

// Whole words, as the engine writes them.
const Word kWords[] = {
    {"running", QT_TRANSLATE_NOOP("sy::EngineWords", "running")},
    {"committed", QT_TRANSLATE_NOOP("sy::EngineWords", "committed")},
    {"reused-cache", QT_TRANSLATE_NOOP("sy::EngineWords", "reused-cache")},
    {"failed", QT_TRANSLATE_NOOP("sy::EngineWords", "failed")},
    {"initial scan", QT_TRANSLATE_NOOP("sy::EngineWords", "initial scan")},
    {"lockfile changed", QT_TRANSLATE_NOOP("sy::EngineWords", "lockfile changed")},
    {"none", QT_TRANSLATE_NOOP("sy::EngineWords", "none")},
    // Event kinds (the journal's `kind`).
    {"optimizer-run", QT_TRANSLATE_NOOP("sy::EngineWords", "optimizer-run")},
    {"invalidation", QT_TRANSLATE_NOOP("sy::EngineWords", "invalidation")},
    {"hmr", QT_TRANSLATE_NOOP("sy::EngineWords", "hmr")},
    {"request", QT_TRANSLATE_NOOP("sy::EngineWords", "request")},
    {"generation", QT_TRANSLATE_NOOP("sy::EngineWords", "generation")},
    {"error", QT_TRANSLATE_NOOP("sy::EngineWords", "error")},
    {"runner-cache-clear", QT_TRANSLATE_NOOP("sy::EngineWords", "runner-cache-clear")},
    {"stale-reference", QT_TRANSLATE_NOOP("sy::EngineWords", "stale-reference")},
    {"security", QT_TRANSLATE_NOOP("sy::EngineWords", "security")},
    {"storage", QT_TRANSLATE_NOOP("sy::EngineWords", "storage")},
    {"soft", QT_TRANSLATE_NOOP("sy::EngineWords", "soft")},
    {"stale", QT_TRANSLATE_NOOP("sy::EngineWords", "stale")},
    {"hard", QT_TRANSLATE_NOOP("sy::EngineWords", "hard")},
    {"use-client/use-server lookups",
     QT_TRANSLATE_NOOP("sy::EngineWords", "use-client/use-server lookups")},
    {"Node.js compatibility changed: every module resolves again",
     QT_TRANSLATE_NOOP("sy::EngineWords",
                       "Node.js compatibility changed: every module resolves again")},
};

// The packages an optimizer run failed on, after its trigger.
const char *const kFailedDeps = QT_TRANSLATE_NOOP("sy::EngineWords", "(failed: %1)");

// Phrases with data in them: the captures fill %1, %2, ... of the translation.
struct Phrase {
    const char *pattern;
    const char *translatable;
};

/// `text` with %1..%n replaced in one pass (a capture holding "%2" stays).
QString withArgs(const QString &text, const QStringList &a)
{
    switch (a.size()) {
    case 1:
        return text.arg(a[0]);
    case 2:
        return text.arg(a[0], a[1]);
    case 3:
        return text.arg(a[0], a[1], a[2]);
    default:
        return text.arg(a.value(0), a.value(1), a.value(2), a.value(3));
    }
}

const Phrase kPhrases[] = {
    {"^discovered (.+)$", QT_TRANSLATE_NOOP("sy::EngineWords", "discovered %1")},
    {"^(running|committed|reused-cache|failed): (.+?)(?: \\(failed: (.+)\\))?$", nullptr},
    {"^changed (.+)$", QT_TRANSLATE_NOOP("sy::EngineWords", "changed %1")},
    {"^hmr invalidate (.+)$", QT_TRANSLATE_NOOP("sy::EngineWords", "HMR invalidate %1")},
    {"^stale \\?v= in (.+)$", QT_TRANSLATE_NOOP("sy::EngineWords", "stale ?v= in %1")},
    {"^runner evaluated an older (.+)$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "runner evaluated an older %1")},
    {"^(\\S+) changed: (.+) \\((\\d+) modules\\)$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "%1 changed: %2 (%3 modules)")},
    {"^cleared (\\d+) evaluated modules$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "cleared %1 evaluated modules")},
    {"^dropped (\\d+) evaluated modules$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "dropped %1 evaluated modules")},
    {"^generation (\\d+) -> (\\d+)$", QT_TRANSLATE_NOOP("sy::EngineWords", "generation %1 -> %2")},
    {"^(.+): worker isolate recreated, (\\d+) request\\(s\\) failed, every module dropped "
     "\\(the state module too\\)$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "%1: worker isolate recreated, %2 request(s) failed, "
                                          "every module dropped (the state module too)")},
    {"^D1 (\\S+): applied (\\d+) migration\\(s\\) from (.+)$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "D1 %1: applied %2 migration(s) from %3")},
    {"^D1 (\\S+): migration failed: (.+)$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "D1 %1: migration failed: %2")},
    {"^pre-bundling \"(.+)\" failed in the (\\S+) environment: (.+)$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "pre-bundling \"%1\" failed in the %2 environment: %3")},
    {"^refused (\\S+) (\\S+) \\((\\d+)\\): (.+)$",
     QT_TRANSLATE_NOOP("sy::EngineWords", "refused %1 %2 (%3): %4")},
};

} // namespace

QString engineWord(const QString &word)
{
    for (const Word &w : kWords)
        if (word == QLatin1String(w.english))
            return translated(w.translatable);
    static const QRegularExpression discovered(QStringLiteral("^discovered (.+)$"));
    const QRegularExpressionMatch m = discovered.match(word);
    if (m.hasMatch())
        return translated(kPhrases[0].translatable).arg(m.captured(1));
    return word;
}

QString engineSummary(const QString &summary)
{
    for (const Word &w : kWords)
        if (summary == QLatin1String(w.english))
            return translated(w.translatable);
    for (const Phrase &phrase : kPhrases) {
        const QRegularExpression re(QString::fromLatin1(phrase.pattern));
        const QRegularExpressionMatch m = re.match(summary);
        if (!m.hasMatch())
            continue;
        if (!phrase.translatable) { // an optimizer run: "<outcome>: <trigger>[ (failed: ...)]"
            QString text =
                engineWord(m.captured(1)) + QStringLiteral(": ") + engineWord(m.captured(2));
            if (m.hasCaptured(3) && !m.captured(3).isEmpty())
                text += QLatin1Char(' ') + translated(kFailedDeps).arg(m.captured(3));
            return text;
        }
        QStringList captures;
        for (int i = 1; i <= m.lastCapturedIndex(); ++i)
            captures << m.captured(i);
        return withArgs(translated(phrase.translatable), captures);
    }
    return summary;
}

} // namespace sy
