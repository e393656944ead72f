#pragma once
// Which directive transform a module got in one environment, recorded on its
// graph node where the transform runs (Environment::transformFile), so the
// graph, the inspector and `switchyard inspect` show it without recomputing:
//   "use client": worker -> client reference stubs, ssr -> SSR module,
//                 client -> client module;
//   "use server": worker -> server reference registration, client and ssr ->
//                 server reference stubs.
// rwsdk tries the client transform first (transformClientComponents before
// transformServerFunctions), so a module with both is a client module.
#include "graph/moduleNode.h"
#include "resolve/environment.h"

#include <set>
#include <string>

namespace sy {

/// Sets node.directiveTransform and directiveTransformReason from the
/// directives the step acts on (`effective`: the prologue's plus a forced one)
/// and the prologue as written (node.directives): the reason is "directive"
/// when the prologue holds the deciding directive, else `forcedBy` (the option
/// that forced it: "forceClientPaths", "forceServerPaths"). An empty
/// `effective` (a plain Workers app transforms no directive) records none.
void recordDirectiveTransform(ModuleNode &node, EnvironmentKind env,
                              const std::set<std::string> &effective, const std::string &forcedBy);

} // namespace sy
