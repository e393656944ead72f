// The dashboard's words in German and Japanese (issue 12, section 4): the
// whole dashboard on a real engine (a copy of examples/hello, loaded), at its
// default size on a 1366x768 and a 1920x1080 screen, once per language with the app's and Qt's
// translations installed as the dashboard installs them.
//  - translated: every string the window shows (labels, buttons, tabs, dock
//    titles, menus, combo boxes, placeholders, item-view headers and cells)
//    that is also shown, identical, in English must be data (a module id, a
//    hash, a time, a technical term kept in every language), not an English
//    phrase: seen were the inspector's "none" state, the events' kinds and
//    engine summaries ("reused-cache: initial scan") and Qt's Cancel buttons;
//  - unclipped: labels, buttons, tabs, dock titles and header sections are at
//    least as wide as their text, and the timeline's lane names fit its name
//    column (seen: "Optimierer-Läufe (3", "オプティマイザーの実", the
//    inspector's import table headers).
#include "appCopy.h"
#include "dashboardViews.h"
#include "engineHost.h"
#include "graph/moduleGraphModel.h"
#include "journal/journalModel.h"
#include "shell/mainWindow.h"
#include "shell/settingsDialog.h"
#include "timeline/timelineCanvas.h"
#include "timeline/timelineItem.h"
#include "timeline/timelineModel.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>
#include <QTranslator>
#include <QXmlStreamReader>
#include <memory>

using namespace sy;

namespace {

struct Shown {
    QString text;
    QString where; ///< widget class and object name, for the failure message
};

struct Clip {
    QString text;
    QString where;
    int needed = 0;
    int has = 0;
};

QString whereOf(const QWidget *w)
{
    QString where = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        where += QLatin1Char('#') + w->objectName();
    for (const QWidget *up = w->parentWidget(); up; up = up->parentWidget())
        if (qobject_cast<const QDockWidget *>(up) || up->isWindow()) {
            where += QStringLiteral(" (in %1)")
                         .arg(up->objectName().isEmpty()
                                  ? QString::fromLatin1(up->metaObject()->className())
                                  : up->objectName());
            break;
        }
    return where;
}

QString plain(const QString &text)
{
    if (!Qt::mightBeRichText(text))
        return text;
    QTextDocument doc;
    doc.setHtml(text);
    return doc.toPlainText();
}

/// What a window shows, and what of it is clipped.
struct Harvest {
    QList<Shown> shown;
    QList<Clip> clipped;

    void add(const QString &text, const QWidget *w)
    {
        const QString t = plain(text).remove(QLatin1Char('&')).trimmed();
        if (!t.isEmpty())
            shown.append({t, whereOf(w)});
    }
    void fits(const QString &text, const QWidget *w, int needed, int has)
    {
        if (needed > has + 1)
            clipped.append({text, whereOf(w), needed, has});
    }

    /// What `root` shows. Each open dock is brought to the front first (a
    /// tabified dock's contents are laid out only when its tab is current),
    /// as the user sees it by clicking its tab.
    void collect(QWidget *root)
    {
        const QList<QDockWidget *> docks = root->findChildren<QDockWidget *>();
        collectWidgets(root, docks);
        for (QDockWidget *dock : docks) {
            if (!dock->toggleViewAction()->isChecked())
                continue;
            dock->raise();
            QTest::qWait(100);
            collectWidgets(dock, {});
        }
    }

    /// The widgets of `root` outside `skipped` (and root itself).
    void collectWidgets(QWidget *root, const QList<QDockWidget *> &skipped)
    {
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *w : widgets) {
            if (!w->isVisible() || w->width() <= 0)
                continue;
            bool inSkipped = false;
            for (QDockWidget *dock : skipped)
                inSkipped = inSkipped || (dock != root && dock->isAncestorOf(w));
            if (inSkipped)
                continue;
            if (auto *label = qobject_cast<QLabel *>(w)) {
                add(label->text(), w);
                // A label told to ignore its size (a message that may be long)
                // is not judged; a word-wrapped one wraps.
                if (!label->wordWrap() && label->pixmap().isNull() &&
                    label->sizePolicy().horizontalPolicy() != QSizePolicy::Ignored)
                    fits(label->text(), w, label->minimumSizeHint().width(), label->width());
            } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
                auto *tool = qobject_cast<QToolButton *>(w);
                if (tool && tool->toolButtonStyle() == Qt::ToolButtonIconOnly &&
                    !tool->icon().isNull())
                    continue;
                add(button->text(), w);
                if (!button->text().isEmpty())
                    fits(button->text(), w, button->sizeHint().width(), button->width());
            } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
                for (int i = 0; i < tabs->count(); ++i) {
                    add(tabs->tabText(i), w);
                    const int needed = tabs->fontMetrics().horizontalAdvance(tabs->tabText(i));
                    const QRect rect = tabs->tabRect(i);
                    // The text area: the tab minus its frame (tab shape's padding).
                    fits(tabs->tabText(i), w, needed,
                         rect.width() -
                             tabs->style()->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, tabs) /
                                 2);
                }
            } else if (auto *dock = qobject_cast<QDockWidget *>(w)) {
                add(dock->windowTitle(), w);
            } else if (auto *box = qobject_cast<QGroupBox *>(w)) {
                add(box->title(), w);
            } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
                add(edit->placeholderText(), w);
            } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
                for (int i = 0; i < combo->count(); ++i)
                    add(combo->itemText(i), w);
                QStyleOptionComboBox option;
                option.initFrom(combo);
                const QRect field = combo->style()->subControlRect(
                    QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, combo);
                fits(combo->currentText(), w,
                     combo->fontMetrics().horizontalAdvance(combo->currentText()), field.width());
            } else if (auto *header = qobject_cast<QHeaderView *>(w)) {
                if (!header->model())
                    continue;
                const int margin =
                    header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
                for (int i = 0; i < header->count(); ++i) {
                    if (header->isSectionHidden(i))
                        continue;
                    const QString title =
                        header->model()->headerData(i, header->orientation()).toString();
                    add(title, w);
                    if (header->orientation() == Qt::Horizontal && !title.isEmpty())
                        fits(title, w, header->fontMetrics().horizontalAdvance(title) + 2 * margin,
                             header->sectionSize(i));
                }
            } else if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
                const QAbstractItemModel *model = view->model();
                if (!model)
                    continue;
                for (int row = 0; row < std::min(model->rowCount(), 40); ++row)
                    for (int column = 0; column < model->columnCount(); ++column)
                        add(model->index(row, column).data().toString(), w);
            } else if (auto *canvas = qobject_cast<TimelineCanvas *>(w)) {
                for (int lane = 0; lane < kTimelineLaneCount; ++lane) {
                    const QString name = timelineLaneName(TimelineLane(lane));
                    add(name, w);
                    // Drawn as "<name> (<count>)" from x = 6 in headerWidth() - 10.
                    fits(name + QStringLiteral(" (99)"), w,
                         canvas->fontMetrics().horizontalAdvance(name + QStringLiteral(" (99)")),
                         canvas->headerWidth() - 16);
                }
            }
        }
        // Menus are shown when opened: their words count, their size is Qt's.
        if (auto *window = qobject_cast<QMainWindow *>(root); window && !skipped.isEmpty())
            for (QAction *menu : window->menuBar()->actions()) {
                add(menu->text(), window->menuBar());
                if (menu->menu())
                    for (QAction *action : menu->menu()->actions())
                        add(action->text(), menu->menu());
            }
    }
};

/// Words every language keeps: environment names, Vite/React/rwsdk/Workers
/// terms, module types, resolve conditions, HTTP methods.
bool isKeptTerm(const QString &word)
{
    static const QStringList kept{
        "client", "ssr", "worker", "rwsdk", "browserHash", "etag", "use", "server", "js", "css",
        "json", "wasm", "browser", "module", "development", "import", "default", "node", "workerd",
        "react-server", "GET", "POST", "HMR", "RSC", "SSR", "Vite", "esbuild", "Switchyard", "KV",
        "D1", "ETag", "hmr", "http", "localhost", "tsx", "ts", "jsx", "txt", "svg", "html",
        "reused", "Node", "React", "Workers", "Cloudflare", "OK", "URL", "ID", "id", "sql", "SQL",
        "Fast", "Refresh", "Vitest", "API", "JSON", "Qt", "virtual", "jsc",
        // package names; languages by their own names
        "react", "English", "Deutsch"};
    return kept.contains(word, Qt::CaseSensitive);
}

/// True when `text` reads as words (an English phrase if shown in English
/// too), not as data: words of 3+ letters that are neither part of a path,
/// file name, URL, id, hash or time nor kept terms.
bool readsAsWords(const QString &text)
{
    static const QRegularExpression dataWord(
        QStringLiteral("[/\\\\.@_=:#?<>{}\\[\\]0-9]|^[A-Z0-9_]+$|[a-z][A-Z]|^[0-9a-f]{8}$"));
    static const QRegularExpression letters(QStringLiteral("^[A-Za-z][A-Za-z-]{2,}$"));
    int words = 0;
    for (QString word :
         text.split(QRegularExpression(QStringLiteral("[\\s,;()\"'·|+]+")), Qt::SkipEmptyParts)) {
        if (word.endsWith(QLatin1Char(':')))
            word.chop(1);
        if (dataWord.match(word).hasMatch() || !letters.match(word).hasMatch() || isKeptTerm(word))
            continue;
        ++words;
    }
    return words > 0;
}

/// Every finished translation in translations/switchyard_<language>.ts: a
/// shown string among them is translated even when English shows the same
/// string (German keeps "Status"; German "Module" translates "Modules").
QSet<QString> translatedTexts(const QString &language)
{
    QSet<QString> kept;
    QFile file(QStringLiteral(SY_TS_DIR "/switchyard_") + language + QStringLiteral(".ts"));
    if (!file.open(QIODevice::ReadOnly))
        return kept;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("translation")) {
            const bool unfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!unfinished)
                kept.insert(text);
        }
    }
    return kept;
}

/// The dashboard in one language, loaded with a copy of examples/hello.
struct Dashboard {
    QTemporaryDir config;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<EngineHost> host;
    std::unique_ptr<MainWindow> window;
    ModuleGraphView *graph = nullptr;

    /// `screen`: the screen the window opens on; the window takes
    /// MainWindow's default size for it (1200x800, at most 92% of the screen).
    bool open(const QString &app, QSize screen)
    {
        settings = std::make_unique<QSettings>(config.filePath(QStringLiteral("s.ini")),
                                               QSettings::IniFormat);
        host = std::make_unique<EngineHost>();
        host->setPort(0);
        host->setWatch(false);
        window = std::make_unique<MainWindow>(host->modules(), host->events(), host->status(),
                                              settings.get());
        graph = installDashboardViews(*window, *host);
        window->resize(QSize(1200, 800).boundedTo(screen * 0.92));
        window->show();
        QSignalSpy loaded(host.get(), &EngineHost::loaded);
        host->open(app);
        if (!loaded.wait(180000) && loaded.isEmpty())
            return false;
        // The graph laid out and a module selected, so the inspector shows a
        // module's summary and import table.
        QElapsedTimer waited;
        waited.start();
        while (graph->graphScene()->layoutPending() && waited.elapsed() < 20000)
            QTest::qWait(100);
        graph->search(QStringLiteral("/src/app/components/Counter.tsx"));
        QTest::qWait(1500);
        return true;
    }
    ~Dashboard()
    {
        if (host)
            host->stop();
    }
};

class Language {
public:
    explicit Language(const QString &name)
    {
        if (name == QLatin1String("en"))
            return;
        QLocale::setDefault(QLocale(name));
        m_ours = std::make_unique<QTranslator>();
        QVERIFY2(m_ours->load(QStringLiteral(SY_QM_DIR "/switchyard_") + name),
                 "the build's switchyard_<lang>.qm");
        QCoreApplication::installTranslator(m_ours.get());
        // Qt's own words (standard buttons, dialogs), as the dashboard loads them.
        m_qt = std::make_unique<QTranslator>();
        QVERIFY2(m_qt->load(QLocale(name), QStringLiteral("qtbase"), QStringLiteral("_"),
                            QLibraryInfo::path(QLibraryInfo::TranslationsPath)),
                 "qtbase_<lang>.qm: install qt6-translations-l10n");
        QCoreApplication::installTranslator(m_qt.get());
    }
    ~Language()
    {
        if (m_ours)
            QCoreApplication::removeTranslator(m_ours.get());
        if (m_qt)
            QCoreApplication::removeTranslator(m_qt.get());
        QLocale::setDefault(QLocale::c());
    }

private:
    std::unique_ptr<QTranslator> m_ours, m_qt;
};

} // namespace

class TestDashboardWords : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_app;
    QSet<QString> m_english;

    Harvest harvest(const QString &language, QSize screen = QSize(1366, 768))
    {
        Harvest seen;
        Language lang(language);
        Dashboard dashboard;
        if (!dashboard.open(m_app.path(), screen)) {
            qWarning("the app did not load");
            return seen;
        }
        seen.collect(dashboard.window.get());
        if (!qEnvironmentVariableIsEmpty("SY_WORDS_SHOT"))
            dashboard.window->grab().save(qEnvironmentVariable("SY_WORDS_SHOT") + language +
                                          QStringLiteral(".png"));
        // The Settings dialog's buttons: Qt's own words (Cancel).
        SettingsDialog dialog(*dashboard.settings, dashboard.window.get());
        dialog.show();
        QTest::qWait(50);
        seen.collect(&dialog);
        return seen;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(sy::test::copyHelloApp(m_app.path()));
        // A first load pre-bundles; the harvests see the same warm start
        // ("reused-cache: initial scan") in every language.
        harvest(QStringLiteral("en"));
        const Harvest english = harvest(QStringLiteral("en"));
        QVERIFY(english.shown.size() > 50);
        for (const Shown &s : english.shown)
            m_english.insert(s.text);
        QVERIFY(m_english.contains(QStringLiteral("Cancel")));
    }

    void language_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("screen");
        QTest::newRow("de 1366x768") << QStringLiteral("de") << QSize(1366, 768);
        QTest::newRow("ja 1366x768") << QStringLiteral("ja") << QSize(1366, 768);
        QTest::newRow("de 1920x1080") << QStringLiteral("de") << QSize(1920, 1080);
        QTest::newRow("ja 1920x1080") << QStringLiteral("ja") << QSize(1920, 1080);
    }

    void language()
    {
        QFETCH(QString, language);
        QFETCH(QSize, screen);
        const Harvest seen = harvest(language, screen);
        QVERIFY(seen.shown.size() > 50);
        const QSet<QString> kept = translatedTexts(language);
        QVERIFY(!kept.isEmpty());
        QStringList untranslated;
        for (const Shown &s : seen.shown)
            if (m_english.contains(s.text) && readsAsWords(s.text) && !kept.contains(s.text))
                untranslated << QStringLiteral("\"%1\" in %2").arg(s.text, s.where);
        untranslated.removeDuplicates();
        QStringList clipped;
        for (const Clip &c : seen.clipped)
            clipped << QStringLiteral("\"%1\" in %2 needs %3 px, has %4")
                           .arg(c.text, c.where)
                           .arg(c.needed)
                           .arg(c.has);
        clipped.removeDuplicates();
        QVERIFY2(untranslated.isEmpty() && clipped.isEmpty(),
                 qPrintable(QStringLiteral("untranslated in %1: ").arg(language) +
                            untranslated.join(QStringLiteral("; ")) +
                            QStringLiteral("\nclipped in %1: ").arg(language) +
                            clipped.join(QStringLiteral("; "))));
    }
};

QTEST_MAIN(TestDashboardWords)
#include "tst_dashboard_words.moc"
