#pragma once
// Decides who answers a dev-server request: the public/ folder, the client
// environment (browser ES modules, pre-bundled client deps), or the worker's
// fetch handler (pages, RSC payloads, server actions). Pure function.
#include <string_view>

namespace sy {

enum class RequestRoute { PublicFile, ClientModule, Worker };

/// `method` and `path` (no query) of the request; `publicFileExists` says
/// whether public/<path> is a file. GET/HEAD only reach public/ and client
/// modules; every other method goes to the worker.
RequestRoute routeRequest(std::string_view method, std::string_view path, bool publicFileExists);

} // namespace sy
