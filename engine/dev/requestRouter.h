#pragma once
// Decides who answers a dev-server request: the public/ folder, the client
// environment (browser ES modules, pre-bundled client deps), or the worker's
// fetch handler (pages, RSC payloads, server actions). Pure function.
#include <string_view>

namespace sy {

enum class RequestRoute { PublicFile, ClientModule, Worker };

/// `method` and `path` (no query) of the request; `publicFileExists` says
/// whether public/<path> is a file (or one the file policy refuses: it
/// answers 403). GET/HEAD only reach public/ and client modules; every other
/// method goes to the worker. `query` ("?a&raw", may be empty): a request
/// with one of Vite's module flags `import`, `raw`, `url`, `inline` (no
/// value) asks for a module, never a page, so it goes to the client
/// environment (and its file policy) whatever its path.
/// `appFile`: the path names a file of the app (root + path exists as a
/// file, or is one the file policy refuses): like Vite's dev server, which
/// serves the root's files before any SSR handler, it goes to the client
/// environment, which answers it directly (bytes + MIME type: an <img>, a
/// link, fetch()) or as a module (`?import`, JS, the css part's rule for
/// stylesheets), never to the worker. public/ files come first.
RequestRoute routeRequest(std::string_view method, std::string_view path, bool publicFileExists,
                          std::string_view query = {}, bool appFile = false);

} // namespace sy
