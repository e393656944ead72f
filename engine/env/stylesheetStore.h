#pragma once
// The stylesheets of one dev session, processed once for all three
// environments: one CssProcessor (engine/env/cssProcessor.h) per project,
// one result per stylesheet content (so a CSS module's class names are the
// same in client, ssr and worker), and which files each result depends on
// (@imported stylesheets, the PostCSS config, the sources Tailwind scanned),
// so an edit of any of them reaches the stylesheets built from it, as Vite
// adds a stylesheet's dependencies to its module's imports.
//
// It also owns the callbacks the processor needs, as Vite's CSS plugin
// gives postcss-import and its url() rewriter (and the reads of @imported
// files, through the client environment's FilePolicy):
//   @import / composes: Vite's CSS resolver (conditions `style`, main field
//            `style` then `main`, extension .css, relative preferred:
//            "theme.css" is "./theme.css" when that file exists; "/x.css" is
//            from the app root);
//   url():   the file it names (relative to the stylesheet that wrote it, or
//            a package path) as the URL the client environment serves it at;
//            left as written when no such file exists (Vite leaves it too).
//
// Thread-safe: the environments call it from the I/O thread (client) and the
// isolate thread (worker, ssr); processing is serialized (the tool host runs
// one call at a time anyway). Never calls back into an environment.
#include "env/cssProcessor.h"
#include "resolve/resolver.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace sy {

struct ProjectConfig;

class StylesheetStore {
public:
    /// `urlForFile` maps an absolute real path to the URL the client serves it
    /// at ("/src/x.png", "/@fs/abs/x.woff2"): Environment::clientUrlFor.
    /// `readFile` reads the stylesheets a stylesheet @imports or composes from
    /// (CssProcessInput::readFile): the client environment's FilePolicy.
    StylesheetStore(
        const ProjectConfig &project,
        std::function<std::string(const std::string &file)> urlForFile,
        std::function<bool(const std::string &file, std::string &text, std::string &error)>
            readFile);
    ~StylesheetStore();
    StylesheetStore(const StylesheetStore &) = delete;
    StylesheetStore &operator=(const StylesheetStore &) = delete;

    /// The processed stylesheet `file` (absolute real path) with text
    /// `source`: a CSS module when the file name says so (*.module.css).
    /// Cached per file while the source is the same and no dependency
    /// changed; a failure is never cached (a missing @import may appear).
    std::shared_ptr<const CssProcessOutput> process(const std::string &file,
                                                    const std::string &source);

    /// Stylesheets whose last result was built from `file` (they @import it,
    /// it is their PostCSS config, Tailwind scanned it or a folder above it,
    /// or it is where their last processing failed), not counting `file`.
    std::set<std::string> dependents(const std::string &file) const;

    /// `file` changed: forgets the cached results of it and of its
    /// dependents, and reloads the processor's config when `file` is a
    /// PostCSS or Tailwind config. Returns true when something was dropped.
    /// The next process() tells the processor every file changed since the
    /// previous one (CssProcessInput::changedFiles: Tailwind reads again only
    /// those), so the caller reports every changed file here, a stylesheet's
    /// dependency or not.
    bool invalidate(const std::string &file);

    /// Starts the CSS tools in the background (CssProcessor::preload) when
    /// the app has a stylesheet under src/ or a PostCSS config, so the first
    /// page does not wait for them. Returns at once.
    void preloadIfUsed();

    /// The @import / composes resolution (see the file comment); public for
    /// tests.
    std::optional<std::string> resolveImport(const std::string &specifier,
                                             const std::string &importerFile,
                                             std::string &error) const;
    /// The url() rewriting (see the file comment); public for tests.
    std::string rewriteUrl(const std::string &specifier, const std::string &importerFile) const;

private:
    struct Entry {
        std::string sourceHash;
        std::shared_ptr<const CssProcessOutput> output;
    };
    void recordDependencies(const std::string &file, std::set<std::string> deps);

    std::string m_root;
    std::function<std::string(const std::string &)> m_urlForFile;
    std::function<bool(const std::string &, std::string &, std::string &)> m_readFile;
    Resolver m_resolver;
    CssProcessor m_processor;
    std::mutex m_processMutex;  ///< one processing at a time
    mutable std::mutex m_mutex; ///< guards the maps below
    std::map<std::string, Entry> m_cache;
    size_t m_invalidations = 0; ///< bumped by invalidate(): a result made meanwhile is not kept
    std::map<std::string, std::set<std::string>> m_dependencies; ///< stylesheet -> files
    std::map<std::string, std::set<std::string>> m_dependents;   ///< file -> stylesheets
    std::set<std::string> m_folderDependencies;                  ///< dependencies that are folders
    std::set<std::string> m_changedFiles; ///< invalidated since the last process()
    bool m_tooManyChanges = false;        ///< m_changedFiles overflowed: report none (rescan)
};

} // namespace sy
