#pragma once
// The JSON text of Vite-style HMR payloads (vite/types/hmrPayload.d.ts), sent on the HMR
// WebSocket and applied by the engine's HMR client, /@vite/client (engine/hmr/js).
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// Kind of one update: a JS module re-imported by the browser, or a stylesheet swapped.
enum class HmrUpdateType { Js, Css };

/// One entry of an `update` payload (Vite's Update). `path` is the boundary module's URL
/// (the module whose accept callback runs), `acceptedPath` the URL the browser re-imports
/// (the boundary itself for a self-accepting module, else the accepted dependency).
/// `timestamp` is milliseconds since the epoch; the client appends it as `?t=`.
struct HmrUpdate {
    HmrUpdateType type = HmrUpdateType::Js;
    std::string path;
    std::string acceptedPath;
    int64_t timestamp = 0;
    /// Vite's flag: the boundary sits in an import cycle, so the client reloads the page if
    /// re-importing fails. Written only when true.
    bool isWithinCircularImport = false;
};

/// Source position of an error: 1-based line and column (code points), as LexedModule's.
struct HmrErrorLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

/// The `err` object of an `error` payload (Vite's ErrorPayload). message and stack are always
/// written; id, frame, plugin when non-empty; loc when set.
struct HmrError {
    std::string message;
    std::string stack;
    std::string id;     ///< module id (absolute path) of the failing module
    std::string frame;  ///< code frame, see codeFrame()
    std::string plugin; ///< what failed, e.g. "switchyard:transform" or "switchyard:resolve"
    std::optional<HmrErrorLocation> loc;
    /// A page's server render failed (an RSC request: a re-render, navigation or action), so
    /// the framework's client may have lost its root: written as `"serverRender": true`, the
    /// client reloads on the next server update. A failed document request does not set it.
    bool serverRender = false;
};

/// Milliseconds since the Unix epoch (system clock): the `timestamp` of updates.
int64_t hmrTimestampNow();

/// `{"type":"connected"}`: first frame on every HMR socket.
std::string connectedPayload();

/// `{"type":"ping"}`. (Clients ping; the server answers `{"type":"pong"}`.)
std::string pingPayload();

/// `{"type":"update","updates":[{"type":"js-update"|"css-update","path","acceptedPath",
/// "timestamp"}...]}` in the given order.
std::string updatePayload(const std::vector<HmrUpdate> &updates);

/// `{"type":"full-reload"}` plus `"path"` (Vite: "*" or an HTML path) and `"triggeredBy"`
/// (the changed file) when non-empty.
std::string fullReloadPayload(std::string_view path = {}, std::string_view triggeredBy = {});

/// `{"type":"prune","paths":[...]}`: URLs of client modules no longer imported by anything.
std::string prunePayload(const std::vector<std::string> &paths);

/// `{"type":"error","err":{"message","stack","id"?,"frame"?,"plugin"?,"loc"?:{"file","line",
/// "column"}}}`.
std::string errorPayload(const HmrError &err);

/// `{"type":"custom","event":<event>}` (no data).
std::string customPayload(std::string_view event);

/// `{"type":"custom","event":<event>,"data":<data>}`.
std::string customPayload(std::string_view event, const nlohmann::json &data);

/// `{"type":"custom","event":<event>,"data":{"file":<file>,"paths":[...]}}`: server code
/// changed, the framework's client re-renders from the server in place. `event` is the
/// framework's (FrameworkProfile::rscUpdateEvent: rwsdk's "rsc:update", whose client reads
/// `data.file`, the changed file's absolute path, as rwsdk's miniflareHMRPlugin sends it;
/// our runtime's "switchyard:rsc-update"). `file` is the first changed file (absolute path,
/// "" when none), `paths` every changed file as a client URL ("/src/page.tsx").
std::string rscUpdatePayload(std::string_view event, std::string_view file,
                             const std::vector<std::string> &paths);

/// Custom event a browser sends for `import.meta.hot.invalidate(message)`, data
/// `{path, message}` (Vite's, sent by /@vite/client: engine/hmr/js/hmrClient.js).
inline constexpr std::string_view kInvalidateEvent = "vite:invalidate";

} // namespace sy
