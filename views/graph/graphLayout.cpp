#include "views/graph/graphLayout.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <map>
#include <memory>
#include <mutex>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

namespace sy {

namespace {

/// Graphviz keeps global state (the context, the lexer, memory pools): one
/// layout at a time in the whole process.
std::mutex &graphvizMutex()
{
    static std::mutex mutex;
    return mutex;
}

GVC_t *graphvizContext()
{
    static GVC_t *context = gvContext(); // lives as long as the process
    return context;
}

char *cstr(const char *s)
{
    return const_cast<char *>(s);
}

/// Longest-path layers of `members` over `edgeIndexes` (importers above their
/// imports); cycles are broken at the node with the fewest unplaced importers.
std::map<int, int> longestPathRanks(const GraphLayoutInput &input, const QVector<int> &members,
                                    const QVector<int> &edgeIndexes)
{
    std::map<int, int> rank, indegree;
    std::map<int, std::vector<int>> out;
    for (int m : members)
        rank[m] = 0, indegree[m] = 0;
    for (int e : edgeIndexes) {
        const LayoutEdge &edge = input.edges.at(e);
        if (edge.from == edge.to)
            continue;
        out[edge.from].push_back(edge.to);
        ++indegree[edge.to];
    }
    std::vector<int> ready;
    for (auto [m, d] : indegree)
        if (d == 0)
            ready.push_back(m);
    size_t placed = 0;
    std::map<int, bool> done;
    while (placed < members.size()) {
        if (ready.empty()) { // a cycle: free its least-imported node
            int best = -1;
            for (auto [m, d] : indegree)
                if (!done[m] && (best < 0 || d < indegree[best]))
                    best = m;
            indegree[best] = 0;
            ready.push_back(best);
        }
        const int m = ready.back();
        ready.pop_back();
        if (done[m])
            continue;
        done[m] = true;
        ++placed;
        for (int t : out[m]) {
            if (done[t])
                continue;
            rank[t] = std::max(rank[t], rank[m] + 1);
            if (--indegree[t] == 0)
                ready.push_back(t);
        }
    }
    return rank;
}

/// One dot layout of the nodes `members` (indexes into input.nodes) and the
/// import edges between them; writes positions relative to the layout's own
/// top-left corner and returns its size. Caller holds the Graphviz mutex.
QSizeF layoutPart(const GraphLayoutInput &input, const QVector<int> &members,
                  const QVector<int> &edgeIndexes, bool routeEdges, GraphLayoutResult &out)
{
    Agraph_t *g = agopen(cstr("g"), Agdirected, nullptr);
    agattr(g, AGRAPH, cstr("rankdir"), cstr("TB"));
    agattr(g, AGRAPH, cstr("nodesep"), cstr("0.2"));
    agattr(g, AGRAPH, cstr("ranksep"), cstr("0.6"));
    agattr(g, AGRAPH, cstr("splines"), cstr(routeEdges ? "spline" : "none"));
    if (members.size() > 400) {
        // Scale: fewer crossing-minimisation passes and bounded network
        // simplex iterations; quality stays good for import DAGs.
        agattr(g, AGRAPH, cstr("mclimit"), cstr("0.2"));
        agattr(g, AGRAPH, cstr("nslimit"), cstr("2"));
        agattr(g, AGRAPH, cstr("nslimit1"), cstr("2"));
        agattr(g, AGRAPH, cstr("searchsize"), cstr("20"));
        agattr(g, AGRAPH, cstr("remincross"), cstr("false"));
    }
    agattr(g, AGEDGE, cstr("arrowhead"), cstr("none"));
    agattr(g, AGNODE, cstr("shape"), cstr("box"));
    agattr(g, AGNODE, cstr("fixedsize"), cstr("true"));
    agattr(g, AGNODE, cstr("label"), cstr(""));
    Agsym_t *widthSym = agattr(g, AGNODE, cstr("width"), cstr("1"));
    Agsym_t *heightSym = agattr(g, AGNODE, cstr("height"), cstr("0.5"));

    // Big parts: we rank (longest path) and pin the layers with rank=same
    // subgraphs on an invisible spine; dot only sees edges between adjacent
    // layers, so long edges add no virtual nodes (Graphviz 2.42's network
    // simplex is quadratic in them). Long edges are drawn straight.
    const bool pinned = members.size() > input.splineNodeLimit;
    std::map<int, int> ranks;
    std::map<int, Agraph_t *> layers;
    char buf[64];
    if (pinned) {
        ranks = longestPathRanks(input, members, edgeIndexes);
        Agnode_t *previous = nullptr;
        int maxRank = 0;
        for (auto [m, r] : ranks)
            maxRank = std::max(maxRank, r);
        for (int r = 0; r <= maxRank; ++r) {
            std::snprintf(buf, sizeof buf, "layer%d", r);
            Agraph_t *layer = agsubg(g, buf, 1);
            agsafeset(layer, cstr("rank"), cstr("same"), cstr(""));
            std::snprintf(buf, sizeof buf, "spine%d", r);
            Agnode_t *spine = agnode(layer, buf, 1);
            agxset(spine, widthSym, cstr("0.01"));
            agxset(spine, heightSym, cstr("0.01"));
            if (previous)
                agedge(g, previous, spine, nullptr, 1);
            previous = spine;
            layers[r] = layer;
        }
    }

    std::map<int, Agnode_t *> nodes;
    for (int index : members) {
        std::snprintf(buf, sizeof buf, "n%d", index);
        Agnode_t *n = agnode(pinned ? layers[ranks[index]] : g, buf, 1);
        const QSizeF size = input.nodes.at(index).size;
        std::snprintf(buf, sizeof buf, "%.3f", size.width() / 72.0);
        agxset(n, widthSym, buf);
        std::snprintf(buf, sizeof buf, "%.3f", size.height() / 72.0);
        agxset(n, heightSym, buf);
        nodes[index] = n;
    }
    std::vector<std::pair<int, Agedge_t *>> edges;
    for (int e : edgeIndexes) {
        const LayoutEdge &edge = input.edges.at(e);
        if (edge.from == edge.to || (pinned && ranks[edge.to] != ranks[edge.from] + 1))
            continue;
        edges.emplace_back(e, agedge(g, nodes[edge.from], nodes[edge.to], nullptr, 1));
    }

    QSizeF size;
    if (gvLayout(graphvizContext(), g, "dot") == 0) {
        const boxf bb = GD_bb(g);
        auto toView = [&](pointf p) { return QPointF(p.x - bb.LL.x, bb.UR.y - p.y); };
        size = QSizeF(bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
        for (auto [index, n] : nodes)
            out.positions[index] = toView(ND_coord(n));
        for (auto [index, e] : edges) {
            const splines *spl = ED_spl(e);
            if (!spl || spl->size == 0)
                continue;
            QPolygonF path;
            for (int b = 0; b < spl->size; ++b)
                for (int p = 0; p < spl->list[b].size; ++p)
                    path << toView(spl->list[b].list[p]);
            out.edgePaths[index] = path;
        }
        gvFreeLayout(graphvizContext(), g);
    } else {
        out.error = QStringLiteral("dot layout failed");
    }
    agclose(g);
    return size;
}

} // namespace

GraphLayoutResult layoutGraph(const GraphLayoutInput &input)
{
    QElapsedTimer timer;
    timer.start();
    GraphLayoutResult out;
    out.positions.resize(input.nodes.size());
    out.edgePaths.resize(input.edges.size());

    // Parts: one per lane, or one for everything.
    std::map<int, QVector<int>> members;
    for (int i = 0; i < input.nodes.size(); ++i)
        members[input.lanes ? input.nodes[i].lane : 0].push_back(i);
    std::map<int, QVector<int>> partEdges;
    for (int e = 0; e < input.edges.size(); ++e) {
        const LayoutEdge &edge = input.edges[e];
        if (edge.from < 0 || edge.to < 0 || edge.from >= input.nodes.size() ||
            edge.to >= input.nodes.size() || edge.kind != LayoutEdgeKind::Import)
            continue;
        const int fromLane = input.lanes ? input.nodes[edge.from].lane : 0;
        const int toLane = input.lanes ? input.nodes[edge.to].lane : 0;
        if (fromLane == toLane)
            partEdges[fromLane].push_back(e);
    }

    {
        std::lock_guard lock(graphvizMutex());
        double x = 0;
        for (const auto &[lane, nodes] : members) {
            const bool route = input.routeEdges && nodes.size() <= input.splineNodeLimit;
            GraphLayoutResult part;
            part.positions.resize(input.nodes.size());
            part.edgePaths.resize(input.edges.size());
            const QSizeF size = layoutPart(input, nodes, partEdges[lane], route, part);
            if (!part.error.isEmpty())
                out.error = part.error;
            const QPointF offset(x, 0);
            for (int i : nodes)
                out.positions[i] = part.positions[i] + offset;
            for (int e : partEdges[lane])
                if (!part.edgePaths[e].isEmpty())
                    out.edgePaths[e] = part.edgePaths[e].translated(offset);
            if (input.lanes) {
                if (out.laneRects.size() <= lane)
                    out.laneRects.resize(lane + 1);
                out.laneRects[lane] = QRectF(offset, size);
            }
            out.bounds |= QRectF(offset, size);
            x += size.width() + input.laneGap;
        }
    }

    // Everything not routed by dot (twin links, cross-lane edges, lines
    // mode): a straight segment between node centres.
    for (int e = 0; e < input.edges.size(); ++e) {
        const LayoutEdge &edge = input.edges[e];
        if (!out.edgePaths[e].isEmpty() || edge.from < 0 || edge.to < 0 ||
            edge.from >= input.nodes.size() || edge.to >= input.nodes.size())
            continue;
        out.edgePaths[e] = QPolygonF({out.positions[edge.from], out.positions[edge.to]});
    }
    out.milliseconds = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

void layoutAsync(GraphLayoutInput input, QObject *context,
                 std::function<void(GraphLayoutResult)> done)
{
    auto promise = std::make_shared<QPromise<GraphLayoutResult>>();
    QFuture<GraphLayoutResult> future = promise->future();
    // The continuation runs on context's thread, and not at all once context
    // is gone.
    (void)future.then(
        context, [done = std::move(done)](GraphLayoutResult result) { done(std::move(result)); });
    QThreadPool::globalInstance()->start([promise, input = std::move(input)] {
        promise->start();
        promise->addResult(layoutGraph(input));
        promise->finish();
    });
}

} // namespace sy
