#include "graph/moduleGraph.h"

#include "graph/moduleGraphObserver.h"

#include <algorithm>
#include <deque>
#include <tuple>
#include <unordered_set>

namespace sy {

ModuleGraph::ModuleGraph(std::string environment) : m_environment(std::move(environment)) {}

ModuleNode &ModuleGraph::ensureModule(const std::string &id, const std::string &url,
                                      const std::string &file)
{
    if (auto it = m_byId.find(id); it != m_byId.end())
        return *it->second;
    auto node = std::make_unique<ModuleNode>();
    node->environment = m_environment;
    node->id = id;
    node->url = url.empty() ? id : url;
    node->file = file;
    if (m_roleProvider)
        std::tie(node->role, node->displayName) = m_roleProvider(id);
    ModuleNode *raw = node.get();
    m_nodes.push_back(std::move(node));
    m_byId.emplace(id, raw);
    m_byUrl.emplace(raw->url, raw);
    if (!file.empty())
        m_byFile[file].push_back(raw);
    notifyChanged(*raw);
    return *raw;
}

ModuleNode *ModuleGraph::moduleById(const std::string &id)
{
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : it->second;
}

const ModuleNode *ModuleGraph::moduleById(const std::string &id) const
{
    auto it = m_byId.find(id);
    return it == m_byId.end() ? nullptr : it->second;
}

ModuleNode *ModuleGraph::moduleByUrl(const std::string &url)
{
    auto it = m_byUrl.find(url);
    return it == m_byUrl.end() ? nullptr : it->second;
}

std::vector<ModuleNode *> ModuleGraph::modulesByFile(const std::string &file)
{
    auto it = m_byFile.find(file);
    return it == m_byFile.end() ? std::vector<ModuleNode *>{} : it->second;
}

void ModuleGraph::updateImports(ModuleNode &node, const std::vector<std::string> &importedIds)
{
    std::set<std::string> next(importedIds.begin(), importedIds.end());
    for (const std::string &old : node.importedModules) {
        if (next.count(old))
            continue;
        if (ModuleNode *dep = moduleById(old)) {
            dep->importers.erase(node.id);
            notifyChanged(*dep);
        }
    }
    for (const std::string &id : next) {
        if (node.importedModules.count(id))
            continue;
        if (ModuleNode *dep = moduleById(id)) {
            dep->importers.insert(node.id);
            notifyChanged(*dep);
        }
    }
    node.importedModules = std::move(next);
    notifyChanged(node);
}

void ModuleGraph::setTransformResult(ModuleNode &node, TransformResult result)
{
    node.transformResult = std::move(result);
    node.invalidationState = InvalidationState::None;
    notifyChanged(node);
}

void ModuleGraph::touch(const ModuleNode &node)
{
    notifyChanged(node);
}

bool ModuleGraph::invalidateModule(ModuleNode &node, int64_t timestampMs, const std::string &cause)
{
    ++m_revision;
    const bool had = node.transformResult.has_value();
    node.transformResult.reset();
    node.invalidationState = InvalidationState::Hard;
    node.lastInvalidationTimestamp = timestampMs;
    node.lastInvalidationCause = cause;
    if (m_observer) {
        m_observer->moduleInvalidated(node, cause);
        m_observer->moduleChanged(node);
    }
    return had;
}

std::vector<std::string> ModuleGraph::invalidateAll(int64_t timestampMs, const std::string &cause)
{
    std::vector<std::string> invalidated;
    for (auto &node : m_nodes) {
        if (node && invalidateModule(*node, timestampMs, cause))
            invalidated.push_back(node->id);
    }
    return invalidated;
}

void ModuleGraph::removeModule(const std::string &id)
{
    ModuleNode *node = moduleById(id);
    if (!node)
        return;
    ++m_revision;
    for (const std::string &dep : node->importedModules)
        if (ModuleNode *d = moduleById(dep))
            d->importers.erase(id);
    for (const std::string &imp : node->importers)
        if (ModuleNode *i = moduleById(imp))
            i->importedModules.erase(id);
    m_byUrl.erase(node->url);
    if (!node->file.empty()) {
        auto &list = m_byFile[node->file];
        list.erase(std::remove(list.begin(), list.end(), node), list.end());
        if (list.empty())
            m_byFile.erase(node->file);
    }
    m_byId.erase(id);
    for (auto &owned : m_nodes)
        if (owned.get() == node)
            owned.reset();
    if (m_observer)
        m_observer->moduleRemoved(m_environment, id);
}

std::vector<std::string> ModuleGraph::importersClosure(const std::string &id) const
{
    std::vector<std::string> order;
    std::unordered_set<std::string> seen;
    std::deque<std::string> queue{id};
    seen.insert(id);
    while (!queue.empty()) {
        std::string current = std::move(queue.front());
        queue.pop_front();
        const ModuleNode *node = moduleById(current);
        order.push_back(current);
        if (!node)
            continue;
        for (const std::string &importer : node->importers)
            if (seen.insert(importer).second)
                queue.push_back(importer);
    }
    return order;
}

std::vector<const ModuleNode *> ModuleGraph::modules() const
{
    std::vector<const ModuleNode *> out;
    out.reserve(m_byId.size());
    for (const auto &node : m_nodes)
        if (node)
            out.push_back(node.get());
    return out;
}

void ModuleGraph::notifyChanged(const ModuleNode &node)
{
    ++m_revision; // every change (creation, edges, transform, touch) comes here
    if (m_observer)
        m_observer->moduleChanged(node);
}

} // namespace sy
