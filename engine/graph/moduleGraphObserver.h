#pragma once
// Hooks a ModuleGraph calls on every change. Every method defaults to a no-op
// (workerd's observer style): a graph nobody watches pays nothing.
#include <string>

namespace sy {

struct ModuleNode;

class ModuleGraphObserver {
public:
    virtual ~ModuleGraphObserver() = default;
    /// A node was created or any of its fields changed (edges, transform).
    virtual void moduleChanged(const ModuleNode &) {}
    /// A node's transform result was dropped. `cause` is human-readable.
    virtual void moduleInvalidated(const ModuleNode &, const std::string & /*cause*/) {}
    /// A node left the graph.
    virtual void moduleRemoved(const std::string & /*environment*/, const std::string & /*id*/) {}
};

} // namespace sy
