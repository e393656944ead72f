#pragma once
// RedwoodSDK's Document transform (rwsdk/dist/vite/transformJsxScriptTagsPlugin.mjs,
// the same in 1.2.9 and 1.7.3 for the dev server), driven by
// FrameworkProfile::documentScriptTransform / requestInfoSource.
//
// Over worker code after the automatic JSX transform (`_jsx("script", {...})`,
// `jsxDEV(...)`, `jsxs(...)`: any callee whose name ends in jsx/jsxs/jsxDEV):
//  - a `script` element with a string `children` or a `src` gets
//    `nonce: requestInfo.rw.nonce` unless it has a `nonce` or a
//    `dangerouslySetInnerHTML` (the starter's Content-Security-Policy allows
//    only scripts carrying the request's nonce);
//  - every root-relative entry it loads (`src: "/src/x.tsx"`, or
//    `import("/src/client.tsx")` / `x.import("/...")` in its string body) is
//    a client entry: the call becomes
//    `((requestInfo.rw.scriptsToBeLoaded.add("/src/client.tsx")), _jsx(...))`
//    (the runtime's Preloads/Stylesheets read that set) and the URL is reported;
//  - `link` elements with rel preload/modulepreload keep their href in dev
//    (rwsdk rewrites it only for a non-default base or in a build);
//  - `requestInfo` is imported from requestInfoSource when the module does not
//    import it already (an existing import's local name is used).
// rwsdk's runtime also creates rw.entryScripts and rw.inlineScripts, but its
// plugin never fills them (1.2.9 and 1.7.3): neither does this.
//
// Differences from rwsdk, on purpose: the output keeps every line where it was
// (the additions go on existing lines, so the sucrase source map stays right
// line by line); a shorthand `{ nonce }` counts as a nonce; when the module
// already declares its own `requestInfo`, the import gets a private alias.
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace sy {

/// How to transform (from the FrameworkProfile and Vite's config).
struct DocumentScriptOptions {
    /// The module that exports `requestInfo` ("rwsdk/worker").
    std::string requestInfoSource = "rwsdk/worker";
    /// Vite's `base` ("/" or "/app/"): entries are reported without it; a
    /// root-relative path without it gets it in front (rwsdk's dev behaviour).
    std::string base = "/";
};

/// What transformDocumentScripts() did.
struct DocumentScriptResult {
    bool changed = false; ///< false: `code` is the input unchanged
    std::string code;     ///< the module; the same number of lines as the input
    /// Root-relative client entry URLs found ("/src/client.tsx"), base stripped,
    /// in order of appearance, each once.
    std::vector<std::string> clientEntries;
};

/// A cheap look for an element call rwsdk would consider (rwsdk's
/// hasJsxFunctions: `jsx("script"`, `jsxs('link'`, `jsxDEV("script"`, ...).
bool mayHaveDocumentScripts(std::string_view code);

/// The Document transform over `code` (ES module JavaScript after the JSX
/// transform). Never throws: code the tokenizer cannot read is returned
/// unchanged (the module's own parse error is reported by the pipeline later).
DocumentScriptResult transformDocumentScripts(std::string_view code,
                                              const DocumentScriptOptions &options = {});

/// The client entries the Documents named so far (rwsdk's shared
/// `clientEntryPoints` set): the worker environment adds what its Document
/// transform finds; the client environment gives these modules the Vite
/// preamble; the dev session crawls them. Grows only, as rwsdk's set does for
/// the life of the dev server. Thread-safe.
class DocumentClientEntries {
public:
    /// Adds `urls`; returns the ones that were new.
    std::vector<std::string> add(const std::vector<std::string> &urls);
    /// True when `url` ("/src/client.tsx") is an entry.
    bool contains(const std::string &url) const;
    /// All entries, sorted.
    std::vector<std::string> urls() const;

private:
    mutable std::mutex m_mutex;
    std::set<std::string> m_urls;
};

} // namespace sy
