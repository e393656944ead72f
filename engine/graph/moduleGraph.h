#pragma once
// One environment's module graph. Models Vite's EnvironmentModuleGraph
// (vite/src/node/server/moduleGraph.ts): maps url -> node, id -> node and
// file -> nodes; invalidation drops a node's transform result but keeps the
// node, its id and its edges.
//
// Not thread-safe: the owning Environment serializes access.
#include "graph/moduleNode.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sy {

class ModuleGraphObserver;

class ModuleGraph {
public:
    explicit ModuleGraph(std::string environment);

    const std::string &environment() const { return m_environment; }

    /// The node for `id`, created (with `url` and `file`) if missing.
    ModuleNode &ensureModule(const std::string &id, const std::string &url,
                             const std::string &file);
    ModuleNode *moduleById(const std::string &id);
    const ModuleNode *moduleById(const std::string &id) const;
    ModuleNode *moduleByUrl(const std::string &url);
    /// All nodes backed by `file` (one file can be several nodes).
    std::vector<ModuleNode *> modulesByFile(const std::string &file);

    /// Replaces the node's imports with `importedIds` (which must exist),
    /// keeping importer sets symmetric. Notifies observers.
    void updateImports(ModuleNode &node, const std::vector<std::string> &importedIds);
    /// Stores a transform result, clears invalidation state. Notifies.
    void setTransformResult(ModuleNode &node, TransformResult result);
    /// Marks one node changed (after a caller edited plain fields). Notifies.
    void touch(const ModuleNode &node);

    /// Drops the node's transform result (Hard invalidation), stamps
    /// `timestampMs` and `cause`. Returns false if it was already invalid.
    bool invalidateModule(ModuleNode &node, int64_t timestampMs, const std::string &cause);
    /// Invalidates every node (Vite's fullReload on re-optimization). Returns
    /// the ids that held a transform.
    std::vector<std::string> invalidateAll(int64_t timestampMs, const std::string &cause);
    /// Removes a node and its edges.
    void removeModule(const std::string &id);

    /// Ids of `id` and every module importing it transitively (importers
    /// closure, `id` first, breadth-first). Stops at nothing: HMR boundaries
    /// are decided by the caller.
    std::vector<std::string> importersClosure(const std::string &id) const;

    size_t size() const { return m_byId.size(); }
    /// Bumped by every change of the graph (a node created, removed, its
    /// imports, transform or fields changed, invalidated): an answer computed
    /// from the graph holds while the revision is the one it was computed at.
    uint64_t revision() const { return m_revision; }
    /// Nodes in insertion order.
    std::vector<const ModuleNode *> modules() const;

    void setObserver(ModuleGraphObserver *observer) { m_observer = observer; }

    /// What a new node is to the framework: called once per node, when
    /// ensureModule() creates it (before observers hear of it), with its id;
    /// returns the role and the display name (ModuleNode::role, displayName).
    using RoleProvider = std::function<std::pair<ModuleRole, std::string>(const std::string &id)>;
    void setRoleProvider(RoleProvider provider) { m_roleProvider = std::move(provider); }

private:
    void notifyChanged(const ModuleNode &node);

    std::string m_environment;
    std::vector<std::unique_ptr<ModuleNode>> m_nodes; // insertion order; null after removal
    std::unordered_map<std::string, ModuleNode *> m_byId;
    std::unordered_map<std::string, ModuleNode *> m_byUrl;
    std::unordered_map<std::string, std::vector<ModuleNode *>> m_byFile;
    ModuleGraphObserver *m_observer = nullptr;
    RoleProvider m_roleProvider;
    uint64_t m_revision = 0;
};

} // namespace sy
