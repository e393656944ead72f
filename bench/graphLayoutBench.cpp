// Module graph view benchmark: a generated graph of 5,000 modules across
// client, ssr and worker (with the worker's bridged twins of ssr modules),
// shown in lanes. Prints the Graphviz layout time (off the UI thread), the
// longest UI-thread stall while that layout runs and 1,000 live model events
// arrive (a 1 ms QTimer's largest gap; its p99; the same gap in UI-thread CPU
// time, which other processes on the machine do not inflate), a full repaint
// fitted and at 1:1, and peak RSS. Package groups and the level-of-detail
// labels on, as in the dashboard (SY_BENCH_NO_GROUPS=1: groups off).
// Offscreen platform; the same hash seed, so the same layouts, every run.
#include "graph/moduleGraphModel.h"
#include "views/graph/moduleGraphScene.h"
#include "views/graph/moduleGraphView.h"
#include "views/graph/moduleNodeItem.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPaintEvent>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>
#include <ctime>
#include <random>

using namespace sy;

namespace {

constexpr int kModules = 5000;
constexpr int kEvents = 1000;

struct Generated {
    QVector<ModuleRow> rows;
};

QString moduleId(const QString &env, int i, bool dep)
{
    return dep ? QStringLiteral("/app/node_modules/.vite/deps_%1/dep%2.js").arg(env).arg(i)
               : QStringLiteral("/app/src/%1/m%2.tsx").arg(env).arg(i);
}

/// One environment: `count` modules in 12 import levels (module 0, the
/// entry, alone on level 0; wider levels below), each importing 1-3 modules
/// of the next levels; the last tenth are optimized deps, imported from any
/// level (bare imports) like react is.
QVector<ModuleRow> environment(const QString &env, int count, std::mt19937 &rng)
{
    constexpr int kLevels = 12;
    QVector<ModuleRow> rows(count);
    const int firstDep = count - count / 10;
    auto levelStart = [&](int level) { // level 0: module 0 only
        return level == 0 ? 0 : 1 + (firstDep - 1) * (level - 1) / (kLevels - 1);
    };
    for (int level = 0; level < kLevels; ++level) {
        const int begin = levelStart(level), end = levelStart(level + 1);
        for (int i = begin; i < end; ++i) {
            ModuleRow &r = rows[i];
            if (level + 1 >= kLevels)
                continue;
            const int imports = 1 + int(rng() % 3);
            for (int k = 0; k < imports; ++k) {
                int target;
                if (rng() % 5 == 0) { // a bare import
                    target = firstDep + int(rng() % (count - firstDep));
                } else {
                    const int to = level + 1 + (rng() % 4 == 0 ? 1 : 0);
                    const int b = levelStart(std::min(to, kLevels - 1));
                    const int e = levelStart(std::min(to, kLevels - 1) + 1);
                    target = b + int(rng() % std::max(1, e - b));
                }
                r.imports << moduleId(env, target, target >= firstDep);
            }
            r.imports.removeDuplicates();
        }
    }
    for (int i = 0; i < count; ++i) {
        ModuleRow &r = rows[i];
        const bool dep = i >= firstDep;
        r.environment = env;
        r.id = moduleId(env, i, dep);
        r.url = r.id;
        r.type = QStringLiteral("js");
        r.invalidationState = QStringLiteral("none");
        if (dep)
            r.optimizedBrowserHash = QStringLiteral("a1b2c3d4");
        if (i % 17 == 3)
            r.directives << QStringLiteral("use client");
        if (i % 41 == 5)
            r.directives << QStringLiteral("use server");
    }
    return rows;
}

Generated generate()
{
    std::mt19937 rng(42);
    Generated g;
    const int client = 1700, ssr = 1500, bridged = 300;
    const int worker = kModules - client - ssr - bridged;
    g.rows += environment("client", client, rng);
    const QVector<ModuleRow> ssrRows = environment("ssr", ssr, rng);
    g.rows += ssrRows;
    QVector<ModuleRow> workerRows = environment("worker", worker, rng);
    // The worker's bridge: virtual twins of the first ssr modules, importing
    // each other like their twins do, entered from worker module 1.
    auto virtualId = [](const QString &ssrId) {
        return QStringLiteral("virtual:switchyard:ssr:") + ssrId;
    };
    for (int i = 0; i < bridged; ++i) {
        ModuleRow r = ssrRows[i];
        r.environment = "worker";
        r.twinId = r.id;
        r.id = virtualId(r.id);
        r.url = r.id;
        r.isVirtual = true;
        QStringList imports;
        for (const QString &imp : std::as_const(r.imports))
            imports << virtualId(imp);
        r.imports = imports;
        workerRows << r;
    }
    workerRows[1].imports << virtualId(ssrRows[0].id);
    g.rows += workerRows;
    return g;
}

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

/// With SY_BENCH_VERBOSE, notes what each event (and each paint inside one)
/// cost the UI thread, so a stall can be told apart into its events.
class TimingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool verbose() const { return m_verbose; }
    /// What ran since the last call: one line per event of 0.5 ms CPU or more.
    QStringList takeLog() { return std::exchange(m_log, {}); }

    bool notify(QObject *receiver, QEvent *event) override
    {
        const bool paint = event->type() == QEvent::Paint;
        if (!m_verbose || (m_depth > 0 && !paint))
            return QApplication::notify(receiver, event);
        QString what =
            QStringLiteral("event %1 to %2 %3")
                .arg(int(event->type()))
                .arg(QLatin1String(receiver->metaObject()->className()), receiver->objectName());
        if (paint) {
            const QRegion region = static_cast<QPaintEvent *>(event)->region();
            what = QStringLiteral("  paint of %1 (%2 rects, %3x%4)")
                       .arg(QLatin1String(receiver->metaObject()->className()))
                       .arg(region.rectCount())
                       .arg(region.boundingRect().width())
                       .arg(region.boundingRect().height());
        }
        const qint64 cpu0 = threadCpuNs();
        ++m_depth;
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double cpuMs = double(threadCpuNs() - cpu0) / 1e6;
        if (cpuMs >= 0.5)
            m_log << QStringLiteral("    %1 ms CPU: %2").arg(cpuMs, 0, 'f', 1).arg(what);
        return r;
    }

private:
    bool m_verbose = !qEnvironmentVariableIsEmpty("SY_BENCH_VERBOSE");
    int m_depth = 0;
    QStringList m_log;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApplication app(argc, argv);
    QHashSeed::setDeterministicGlobalSeed(); // the same hash order, so the same layouts, each run

    const Generated g = generate();
    ModuleGraphModel model;
    ModuleGraphView view;
    view.resize(1280, 800);
    view.setLanes(true);
    // As the dashboard shows it: package groups on (each pre-bundle is its
    // package's node), level-of-detail labels (always on). SY_BENCH_NO_GROUPS=1
    // measures every module as its own node, for a side-by-side figure.
    const bool groups = !qEnvironmentVariableIsSet("SY_BENCH_NO_GROUPS");
    view.setGroupPackages(groups);
    view.show();

    QElapsedTimer load;
    load.start();
    view.setModel(&model);
    for (const ModuleRow &r : g.rows)
        model.upsert(r);
    const double loadMs = double(load.nsecsElapsed()) / 1e6;
    ModuleGraphScene *scene = view.graphScene();
    std::printf("graph: %d modules (%d rows), %d nodes (package groups %s), %d edges drawn; "
                "initial load into model+scene %.0f ms\n",
                kModules, model.rowCount(), scene->nodeCount(), groups ? "on" : "off",
                scene->edgeCount(), loadMs);

    // The UI thread's heartbeat: the largest gap between 1 ms ticks.
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0, lastTickCpu = 0;
    qint64 maxGapNs = 0, maxCpuGapNs = 0;
    QVector<qint64> gapsNs;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTick)
            maxGapNs = std::max(maxGapNs, now - lastTick);
        // The same gap in the UI thread's CPU time: what it spent working, not
        // waiting for a core other processes held (this machine is shared).
        const qint64 cpu = threadCpuNs();
        if (lastTick) {
            gapsNs << now - lastTick;
            maxCpuGapNs = std::max(maxCpuGapNs, cpu - lastTickCpu);
        }
        const QStringList log = app.takeLog();
        if (lastTick && app.verbose() &&
            (now - lastTick > 16'000'000 || cpu - lastTickCpu > 8'000'000)) {
            std::printf("  stall %.1f ms (%.1f ms UI-thread CPU) ending at %.0f ms\n",
                        (now - lastTick) / 1e6, (cpu - lastTickCpu) / 1e6, now / 1e6);
            for (const QString &line : log)
                std::printf("%s\n", qPrintable(line));
        }
        lastTick = now;
        lastTickCpu = cpu;
    });

    // 1,000 live events: stale flips, new imported modules, removals.
    std::mt19937 rng(7);
    QHash<QString, ModuleRow> live;
    for (const ModuleRow &r : g.rows)
        live.insert(r.environment + '\n' + r.id, r);
    int sent = 0, added = 0, removed = 0, changed = 0;
    auto sendEvent = [&] {
        QElapsedTimer et;
        et.start();
        auto report = [&](const char *what) {
            if (app.verbose() && et.nsecsElapsed() > 2'000'000)
                std::printf("    (a live event, %s: %.1f ms)\n", what, et.nsecsElapsed() / 1e6);
        };
        const ModuleRow &pick = g.rows[int(rng() % g.rows.size())];
        const QString key = pick.environment + '\n' + pick.id;
        if (!live.contains(key)) {
            ++sent;
            return;
        }
        const int kind = int(rng() % 10);
        if (kind < 6) { // data change: stale / invalidated
            ModuleRow r = live[key];
            r.stale = !r.stale;
            r.invalidationState = r.stale ? "soft" : "none";
            live[key] = r;
            model.upsert(r);
            report("change");
            ++changed;
        } else if (kind < 9) { // a new module imported by `pick`
            ModuleRow importer = live[key];
            ModuleRow fresh = importer;
            fresh.id = QStringLiteral("/app/src/%1/new%2.tsx").arg(pick.environment).arg(sent);
            fresh.url = fresh.id;
            fresh.imports.clear();
            fresh.twinId.clear();
            fresh.isVirtual = false;
            importer.imports << fresh.id;
            live[key] = importer;
            live.insert(fresh.environment + '\n' + fresh.id, fresh);
            model.upsert(importer);
            model.upsert(fresh);
            report("add");
            ++added;
        } else { // removal
            live.remove(key);
            model.remove(pick.environment, pick.id);
            report("remove");
            ++removed;
        }
        ++sent;
    };

    double firstLayoutMs = -1, lastLayoutMs = 0;
    int layouts = 0;
    QElapsedTimer wall;
    QObject::connect(scene, &ModuleGraphScene::layoutApplied, [&](double ms) {
        if (firstLayoutMs < 0) {
            firstLayoutMs = ms;
            std::printf(
                "layout 1: %.0f ms in Graphviz (off the UI thread), applied after %.0f ms\n", ms,
                double(wall.nsecsElapsed()) / 1e6);
        }
        if (app.verbose())
            std::printf("  layout applied at %.0f ms (%.0f ms in Graphviz)\n",
                        clock.nsecsElapsed() / 1e6, ms);
        lastLayoutMs = ms;
        ++layouts;
    });

    QTimer events;
    events.setInterval(4);
    QObject::connect(&events, &QTimer::timeout, [&] {
        for (int i = 0; i < 4 && sent < kEvents; ++i)
            sendEvent();
        if (sent >= kEvents)
            events.stop();
    });

    // Let the first paint happen, then go.
    QTimer::singleShot(300, [&] {
        wall.start();
        heartbeat.start();
        scene->relayoutNow();
        events.start();
    });
    // Done when every event was sent and the layouts they caused landed.
    QTimer done;
    done.setInterval(20);
    QObject::connect(&done, &QTimer::timeout, [&] {
        if (sent >= kEvents && layouts >= 2 && !scene->layoutPending())
            app.quit();
        if (wall.isValid() && wall.elapsed() > 60000) {
            std::printf("timeout\n");
            app.quit();
        }
    });
    done.start();
    app.exec();

    // The floor of any stall: one repaint of the whole view, the graph
    // fitted (every node a few pixels) and at 1:1 (a screenful of nodes and
    // the edges crossing it).
    auto repaintMs = [&view] {
        QVector<double> ms;
        for (int i = 0; i < 7; ++i) {
            QElapsedTimer t;
            t.start();
            const QPixmap frame = view.viewport()->grab();
            ms << double(t.nsecsElapsed()) / 1e6;
        }
        std::sort(ms.begin(), ms.end());
        return ms;
    };
    view.fitAll();
    const qreal fitZoom = view.transform().m11();
    const QVector<double> fitted = repaintMs();
    view.resetTransform();
    view.centerOn(scene->node(QStringLiteral("worker"), moduleId("worker", 1, false))->pos());
    const QVector<double> oneToOne = repaintMs();
    std::printf("full repaint (median of 7): fitted (zoom %.3f) %.1f ms, at 1:1 %.1f ms\n", fitZoom,
                fitted[3], oneToOne[3]);
    std::printf("events: %d (%d changed, %d added, %d removed); %d layouts, last %.0f ms; "
                "nodes now %d\n",
                sent, changed, added, removed, layouts, lastLayoutMs, scene->nodeCount());
    std::sort(gapsNs.begin(), gapsNs.end());
    const auto over16 =
        std::count_if(gapsNs.cbegin(), gapsNs.cend(), [](qint64 g) { return g > 16'000'000; });
    std::printf("longest UI-thread stall during layout + events: %.1f ms (target < 16); "
                "p99 %.1f ms, %lld of %lld heartbeat gaps over 16 ms\n",
                double(maxGapNs) / 1e6,
                gapsNs.isEmpty() ? 0.0 : double(gapsNs[gapsNs.size() * 99 / 100]) / 1e6,
                qlonglong(over16), qlonglong(gapsNs.size()));
    std::printf("longest UI-thread busy stretch in thread CPU time (without waits for a core "
                "held by other processes): %.1f ms\n",
                double(maxCpuGapNs) / 1e6);
    std::printf("layout time: %.0f ms (target < 2000)\n", firstLayoutMs);
    std::printf("peak RSS: %.0f MB\n", double(peakRssKb()) / 1024.0);
    return 0;
}
