#pragma once
// JS modules compiled into sy_env at build time (see CMakeLists.txt,
// engine/js/embedJs.mjs). Internal to engine/env.
#include <string_view>

namespace sy::embedded {
/// js/cloudflareWorkers.js: the `cloudflare:workers` module (env, exports, entrypoint classes).
extern const std::string_view kCloudflareWorkersModule;
/// js/workerRpc.js: virtual:switchyard:worker-rpc (entrypoint stubs, JS RPC).
extern const std::string_view kWorkerRpcModule;
/// js/rpcStubs.js: virtual:switchyard:rpc-stubs (RPC values, clones and stubs).
extern const std::string_view kRpcStubsModule;
/// js/workerEvents.js: virtual:switchyard:worker-events (handler event objects).
extern const std::string_view kWorkerEventsModule;
/// cssTool.js bundled with cssTailwind.js and cssToolCommon.js: the tool
/// host's `css` tool (CommonJS; see cssProcessor.cpp).
extern const std::string_view kCssTool;
/// viteConfigTool.js: the tool host's `viteConfig` tool (CommonJS; see viteConfig.cpp).
extern const std::string_view kViteConfigTool;
/// js/reactRefreshModule.js bundled with react-refresh/runtime: the client's
/// virtual:switchyard:react-refresh module (see reactRefresh.h).
extern const std::string_view kReactRefreshModule;
/// engine/hmr/js/viteClient.js bundled: the HMR client served at /@vite/client,
/// with the placeholder __SWITCHYARD_HMR_CONFIG__ (see viteClientModule.h).
extern const std::string_view kViteClientModule;
} // namespace sy::embedded
