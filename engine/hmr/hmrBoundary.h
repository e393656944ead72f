#pragma once
// Where an edit stops in the browser: Vite's HMR propagation (vite/src/node/server/hmr.ts,
// propagateUpdate) over a module graph given as a callback.
#include "hmr/hmrPayload.h"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sy {

/// What propagation needs to know about one client module.
struct HmrModuleInfo {
    std::string url; ///< browser URL (`/src/app/Counter.tsx`), what the payload names
    /// The module calls `import.meta.hot.accept()` / `accept(cb)`.
    bool isSelfAccepting = false;
    /// Ids of the dependencies it accepts with `import.meta.hot.accept(dep(s), cb)`.
    std::set<std::string> acceptedHmrDeps;
    /// Ids of the modules importing it, in the order propagation should visit them.
    std::vector<std::string> importers;
    bool isCss = false; ///< boundary updates become "css-update"
};

/// Graph access: the module `id` as the browser has it, or nullopt when the browser never
/// loaded it (its imports were never analysed: propagation stops there, Vite's #7561).
using HmrModuleLookup = std::function<std::optional<HmrModuleInfo>(const std::string &id)>;

/// A module whose accept callback takes the update.
struct HmrBoundary {
    std::string id, url;                    ///< the boundary (runs the callback)
    std::string acceptedViaId, acceptedVia; ///< the module it re-imports (itself if self-accepting)
    bool isCss = false;
    bool isWithinCircularImport = false; ///< boundary is in an import cycle (Vite's flag)
};

/// Outcome of one changed module. `fullReload` wins: some import chain reached a module nobody
/// imports without passing an accepting module (a dead end), or the only way up was an import
/// cycle without any boundary; `reason` says which and names the chain. Otherwise `boundaries`
/// lists the updates (empty: the browser never loaded the module, nothing to send).
struct HmrPropagation {
    bool fullReload = false;
    std::string reason;
    std::vector<HmrBoundary> boundaries;
};

/// Propagates a change of `changedId` up its importers as Vite 5+ does: a self-accepting module
/// is its own boundary; an importer that accepts the module is a boundary (acceptedVia = the
/// module); otherwise continue with that importer; a module without importers is a dead end
/// (full reload). Importers already on the current chain (cycles) are skipped; boundaries found
/// then are flagged isWithinCircularImport. Each module is visited once. Not supported:
/// `import.meta.hot.acceptExports` (partial accepts). Never throws unless `lookup` does.
HmrPropagation propagateHmrUpdate(const std::string &changedId, const HmrModuleLookup &lookup);

/// The `update` payload entries for `propagation`'s boundaries, all with `timestamp`.
std::vector<HmrUpdate> hmrUpdatesFor(const HmrPropagation &propagation, int64_t timestamp);

} // namespace sy
