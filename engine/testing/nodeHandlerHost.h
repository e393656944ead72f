#pragma once
// The host side of the Node-side handlers the Workers pool's miniflare options
// give as functions (a service binding `serviceBindings: { NAME(request) {...} }`
// and `outboundService(request)`): miniflare calls them in Node, in Vitest's
// process; here they stay in the tool host that read the config. A test
// isolate's BindingHost answers the pseudo-binding "__switchyard_node_handler"
// with callVitestConfigHandler and passes every other binding call to the
// host it wraps. The realm reaches it through env.NAME.fetch (kind "node" in
// WorkerOptions::workerBindingsJson) and its global fetch (kind "outbound").
#include "core/bindingHost.h"

#include <memory>
#include <string>

namespace sy {

class NodeHandlerHost : public BindingHost {
public:
    /// The pseudo-binding's name.
    static constexpr std::string_view kBinding = "__switchyard_node_handler";

    /// `toolsJsDir`: the tool host's (ProjectConfig::toolsJsDir) that read the
    /// config. `inner` serves every other binding (may be null).
    NodeHandlerHost(std::string toolsJsDir, std::shared_ptr<BindingHost> inner);

    /// Op "fetch": argsJson { handler, method, url, headers: [[name, value]],
    /// hasBody } with the body's bytes; the result is { status, statusText,
    /// headers, hasBody } with the response body's bytes. A handler that throws,
    /// returns no Response or takes over 60 s is an Error naming the handler's
    /// failure (the worker's fetch() rejects with it).
    BindingResult call(std::string_view binding, std::string_view op, std::string_view argsJson,
                       std::span<const uint8_t> bytes) override;

private:
    std::string m_toolsJsDir;
    std::shared_ptr<BindingHost> m_inner;
};

} // namespace sy
