#pragma once
// A client module or stylesheet the dev server could not serve (a transform
// error, 500) as the HMR `error` payload browsers show in the overlay. Vite's
// error middleware does the same for a failed request (logError broadcasts
// it), so a page whose first load met a broken stylesheet or module shows
// where it is, as an edit that breaks it does.
#include <string>

namespace sy {

class FilePolicy;
struct ServedModule;

/// The `error` payload (engine/hmr/hmrPayload.h) for `module` (status 500):
/// its message, the file, line and column of the error when known, and a
/// code frame of that file read through `policy` (sent to browsers: only
/// what the policy allows).
std::string servedModuleErrorPayload(const ServedModule &module, const FilePolicy &policy);

} // namespace sy
