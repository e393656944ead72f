#include "hmr/hmrBoundary.h"

#include <algorithm>
#include <map>

namespace sy {

namespace {

/// One propagation: memoized lookups and the modules already visited.
class Propagator {
public:
    explicit Propagator(const HmrModuleLookup &lookup) : lookup_(lookup) {}

    const HmrModuleInfo *info(const std::string &id)
    {
        auto it = cache_.find(id);
        if (it == cache_.end())
            it = cache_.emplace(id, lookup_(id)).first;
        return it->second ? &*it->second : nullptr;
    }

    /// Vite's propagateUpdate: true on a dead end (full reload).
    bool propagate(const std::string &id, std::vector<std::string> &chain)
    {
        if (!traversed_.insert(id).second)
            return false;
        const HmrModuleInfo *node = info(id);
        if (!node)
            return false; // never loaded in the browser

        if (node->isSelfAccepting) {
            addBoundary(id, *node, id, *node, chain);
            return false;
        }
        if (node->importers.empty()) {
            reason = "no HMR boundary: " + describe(chain) + " is imported by nothing";
            return true;
        }
        for (const std::string &importerId : node->importers) {
            const HmrModuleInfo *importer = info(importerId);
            if (!importer)
                continue;
            chain.push_back(importerId);
            if (importer->acceptedHmrDeps.count(id)) {
                addBoundary(importerId, *importer, id, *node, chain);
            } else if (std::find(chain.begin(), chain.end() - 1, importerId) != chain.end() - 1) {
                if (cycle.empty())
                    cycle = describe(chain);
            } else if (propagate(importerId, chain)) {
                chain.pop_back();
                return true;
            }
            chain.pop_back();
        }
        return false;
    }

    std::string describe(const std::vector<std::string> &chain)
    {
        std::string text;
        for (const std::string &id : chain) {
            if (!text.empty())
                text += " -> ";
            const HmrModuleInfo *node = info(id);
            text += node && !node->url.empty() ? node->url : id;
        }
        return text;
    }

    std::vector<HmrBoundary> boundaries;
    std::string reason;
    std::string cycle; ///< first cycle met, described

private:
    void addBoundary(const std::string &id, const HmrModuleInfo &node, const std::string &viaId,
                     const HmrModuleInfo &via, const std::vector<std::string> &chain)
    {
        HmrBoundary b;
        b.id = id;
        b.url = node.url;
        b.acceptedViaId = viaId;
        b.acceptedVia = via.url;
        b.isCss = node.isCss;
        std::set<std::string> seen;
        std::vector<std::string> upward{id};
        b.isWithinCircularImport = withinCircularImports(id, chain, upward, seen);
        boundaries.push_back(std::move(b));
    }

    /// Vite's isNodeWithinCircularImports: does some chain of importers of the boundary lead
    /// back into the chain from the changed module to it?
    bool withinCircularImports(const std::string &id, const std::vector<std::string> &nodeChain,
                               std::vector<std::string> &upward, std::set<std::string> &seen)
    {
        if (!seen.insert(id).second)
            return false;
        const HmrModuleInfo *node = info(id);
        if (!node)
            return false;
        for (const std::string &importer : node->importers) {
            if (importer == id)
                continue; // importing itself is harmless
            if (std::find(nodeChain.begin(), nodeChain.end(), importer) != nodeChain.end())
                return true;
            if (std::find(upward.begin(), upward.end(), importer) == upward.end()) {
                upward.push_back(importer);
                const bool found = withinCircularImports(importer, nodeChain, upward, seen);
                upward.pop_back();
                if (found)
                    return true;
            }
        }
        return false;
    }

    const HmrModuleLookup &lookup_;
    std::map<std::string, std::optional<HmrModuleInfo>> cache_;
    std::set<std::string> traversed_;
};

} // namespace

HmrPropagation propagateHmrUpdate(const std::string &changedId, const HmrModuleLookup &lookup)
{
    Propagator p(lookup);
    std::vector<std::string> chain{changedId};
    HmrPropagation result;
    if (p.propagate(changedId, chain)) {
        result.fullReload = true;
        result.reason = std::move(p.reason);
    } else if (p.boundaries.empty() && !p.cycle.empty()) {
        result.fullReload = true;
        result.reason = "no HMR boundary in circular import: " + p.cycle;
    } else {
        result.boundaries = std::move(p.boundaries);
    }
    return result;
}

std::vector<HmrUpdate> hmrUpdatesFor(const HmrPropagation &propagation, int64_t timestamp)
{
    std::vector<HmrUpdate> updates;
    if (propagation.fullReload)
        return updates;
    for (const HmrBoundary &b : propagation.boundaries)
        updates.push_back({b.isCss ? HmrUpdateType::Css : HmrUpdateType::Js, b.url, b.acceptedVia,
                           timestamp, b.isWithinCircularImport});
    return updates;
}

} // namespace sy
