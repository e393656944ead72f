#pragma once
// The CSS pipeline's one entry point: a stylesheet's source in, the CSS a
// browser can use out. Models what Vite's vite:css plugin does to a
// stylesheet before it becomes a module or a `<link>`ed file:
//   @import inlining (postcss-import, resolved by the caller's resolver),
//   url() rebasing (relative to the stylesheet that wrote it),
//   the project's PostCSS config (postcss.config.*, postcss-load-config),
//   Tailwind CSS v4 (through the app's own tailwindcss packages),
//   CSS modules (*.module.css: hashed class names + the exports map) and
//   syntax lowering (nesting) by a well-kept transformer.
// The environments (engine/env/environment.cpp) decide what the result
// becomes (a style-injecting module, a `text/css` response, ?inline text, a
// CSS modules class map in ssr/worker); this file only turns CSS into CSS.
//
// CONTRACT between two parts of issue 10 (written first so both can work in
// parallel): the `csstools` part implements CssProcessor; the `css` part
// calls it. Change it only together.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sy {

struct ProjectConfig;

/// One stylesheet to process.
struct CssProcessInput {
    std::string file;       ///< absolute real path of the stylesheet (its module id)
    std::string source;     ///< its text as read (through the FilePolicy in the client)
    bool cssModule = false; ///< a CSS module (Vite: /\.module\.css$/): hash class names
    /// Resolves an `@import` specifier written in `importerFile` (the root
    /// stylesheet or an imported one) to an absolute file: relative paths,
    /// bare packages with the `style` condition, tsconfig/alias paths; like
    /// Vite's CSS resolver it prefers relative ("theme.css" is tried as
    /// "./theme.css" first). Also used for `composes: x from "./y.module.css"`.
    /// Empty with `error` set when it cannot. Called on the calling thread.
    std::function<std::optional<std::string>(const std::string &specifier,
                                             const std::string &importerFile, std::string &error)>
        resolveImport;
    /// Rewrites a `url()` (or `image-set()`) reference written in
    /// `importerFile` into what the output must contain (client: a served URL
    /// such as "/src/app/img/logo.svg" or "/@fs/..."; data:, http(s): and
    /// "#..." references are never passed). Called on the calling thread.
    std::function<std::string(const std::string &specifier, const std::string &importerFile)>
        rewriteUrl;
    /// Reads a stylesheet the processor inlines (`@import`) or composes from
    /// (`composes: x from "./y.module.css"`), an absolute real path from
    /// resolveImport: through the client environment's FilePolicy
    /// (engine/server/filePolicy.h), as every route that reads a file, since
    /// inlined text reaches the browser. false with `error` (the policy's
    /// reason, or why it cannot be read) when refused. Empty: plain reads
    /// (tests and benchmarks only). Called on the calling thread.
    std::function<bool(const std::string &file, std::string &text, std::string &error)> readFile;
    /// The files (absolute paths) that changed since this processor's
    /// previous process() call, as a file watcher reported them (created and
    /// deleted ones too), or nullopt when the caller does not watch. With a
    /// list, Tailwind's scanner reads again only these files (plus a rescan
    /// for a file it does not know): what keeps an edit cheap. Without one,
    /// it rescans its sources on every call (oxide rereads only files whose
    /// mtime moved).
    std::optional<std::vector<std::string>> changedFiles;
};

/// What came out. On failure ok=false and error names the file, line and
/// column (1-based; 0 when unknown) and what to do (e.g. "install
/// @tailwindcss/postcss: it is named in postcss.config.mjs").
struct CssProcessOutput {
    bool ok = false;
    std::string css; ///< the processed stylesheet (no @import left except url/remote ones)
    /// CSS modules only: local name -> exported class names (space-separated,
    /// composes included), identical for the same input in every environment.
    std::map<std::string, std::string> moduleExports;
    /// Files whose change changes `css` (imported stylesheets, the PostCSS
    /// config, files Tailwind scanned for candidates): the caller watches and
    /// invalidates on them. May also hold folders (Tailwind's source folders,
    /// PostCSS `dir-dependency` messages): a file created or changed below one
    /// changes `css` too.
    std::vector<std::string> dependencies;
    std::string sourceMap; ///< v3 source map JSON of css, when available
    std::string error;
    std::string errorFile;
    int errorLine = 0;
    int errorColumn = 0;
    double durationMs = 0; ///< wall time of process()
};

/// Processes stylesheets for one project (reads its PostCSS config and finds
/// its Tailwind packages from the project root). Thread-safe; process() may
/// block on a shared tool host. Construction is cheap; the first process()
/// pays the start-up. A process() that takes longer than 60 s (the
/// environment variable SWITCHYARD_CSS_TIMEOUT_MS sets another limit) fails
/// with "timed out" and restarts the tool host, so a plugin that never
/// settles blocks no later stylesheet.
class CssProcessor {
public:
    explicit CssProcessor(const ProjectConfig &project);
    ~CssProcessor();
    CssProcessor(const CssProcessor &) = delete;
    CssProcessor &operator=(const CssProcessor &) = delete;

    CssProcessOutput process(const CssProcessInput &input);

    /// Returns at once; in the background starts the shared tool host and
    /// loads the project's PostCSS config with its plugins (Tailwind's
    /// included), so the first process() does not wait for them (~1 s on 2
    /// cores). Optional: a dev session calls it when it starts. Errors are
    /// left for process() to report.
    void preload();

    /// Forgets cached config (postcss.config.*, tailwind state) after one of
    /// those files changed.
    void reloadConfig();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sy
