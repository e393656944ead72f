#include "resolve/resolver.h"

#include "resolve/exportsMatcher.h"
#include "resolve/packageJson.h"
#include "resolve/tsconfigPaths.h"

#include <optional>
#include <shared_mutex>
#include <system_error>
#include <unordered_map>

namespace sy {

namespace fs = std::filesystem;

namespace {

enum class Kind { None, File, Dir };

Kind statKind(const fs::path &p)
{
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (ec)
        return Kind::None;
    if (fs::is_regular_file(st))
        return Kind::File;
    if (fs::is_directory(st))
        return Kind::Dir;
    return Kind::None;
}

bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isRelative(std::string_view s)
{
    return s == "." || s == ".." || startsWith(s, "./") || startsWith(s, "../");
}

/// "scheme:" prefix (node:, data:, http:, virtual:...), but not a Windows drive.
bool hasScheme(std::string_view s)
{
    const size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon < 2)
        return false;
    for (size_t i = 0; i < colon; ++i) {
        const char c = s[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok)
            return false;
    }
    return true;
}

/// Splits "pkg/sub/path" or "@scope/pkg/sub" into name and "./sub..." (or ".").
bool splitBare(std::string_view spec, std::string &name, std::string &subpath)
{
    size_t slash = spec.find('/');
    if (!spec.empty() && spec[0] == '@') {
        if (slash == std::string_view::npos || slash == 1)
            return false;
        slash = spec.find('/', slash + 1);
    }
    name = std::string(spec.substr(0, slash));
    if (name.empty() || name[0] == '.' || name.find('\\') != std::string::npos ||
        name.find('%') != std::string::npos || endsWith(name, "/"))
        return false;
    subpath = slash == std::string_view::npos ? "." : "." + std::string(spec.substr(slash));
    if (subpath == "./")
        subpath = ".";
    return true;
}

std::string joinConditions(const std::vector<std::string> &c)
{
    std::string out;
    for (const auto &s : c)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

} // namespace

namespace detail {

struct ResolverImpl {
    EnvironmentKind env;
    ResolveOptions opt;
    PackageJsonCache pkgs;
    std::unique_ptr<TsconfigPaths> tsconfig; ///< when opt.tsconfigPaths

    mutable std::shared_mutex mutex;
    mutable std::unordered_map<std::string, std::string> realDirs;    // dir -> real dir
    mutable std::unordered_map<std::string, std::string> packageDirs; // dir \n name -> real pkg dir

    std::string realDir(const fs::path &dir) const
    {
        const std::string key = dir.string();
        {
            std::shared_lock lock(mutex);
            auto it = realDirs.find(key);
            if (it != realDirs.end())
                return it->second;
        }
        std::error_code ec;
        fs::path real = fs::canonical(dir, ec);
        const std::string value = ec ? dir.lexically_normal().string() : real.string();
        if (!ec) {
            std::unique_lock lock(mutex);
            realDirs.emplace(key, value);
        }
        return value;
    }

    /// Real path of an existing file: cached real dir + name, then the file's
    /// own symlink (if any) resolved.
    std::string realFile(const fs::path &file) const
    {
        fs::path p = fs::path(realDir(file.parent_path())) / file.filename();
        std::error_code ec;
        if (fs::is_symlink(fs::symlink_status(p, ec))) {
            fs::path real = fs::canonical(p, ec);
            if (!ec)
                return real.string();
        }
        return p.string();
    }

    std::shared_ptr<const PackageJson> nearestPackage(fs::path dir) const
    {
        for (;;) {
            if (auto pkg = pkgs.get(dir / "package.json"))
                return pkg;
            if (dir.filename() == "node_modules")
                return nullptr;
            fs::path parent = dir.parent_path();
            if (parent == dir || parent.empty())
                return nullptr;
            dir = std::move(parent);
        }
    }
};

} // namespace detail

namespace {

/// State of one resolve() call.
struct Job {
    const detail::ResolverImpl &d;
    Resolution &res;
    std::string specifier; // without query
    std::string importer;
    fs::path importerDir;
    bool tsImporter = false;
    int depth = 0;
    bool viaSubpathExports = false; // resolved through a non-"." exports key

    bool fail(const std::string &reason)
    {
        res.ok = false;
        std::string msg = "Cannot resolve \"" + specifier + "\" from \"" + importer + "\" in the " +
                          std::string(environmentName(d.env)) + " environment: " + reason;
        if (!res.tried.empty()) {
            msg += ". Tried: ";
            const size_t limit = 40;
            for (size_t i = 0; i < res.tried.size() && i < limit; ++i)
                msg += (i ? ", " : "") + res.tried[i];
            if (res.tried.size() > limit)
                msg += ", ... (" + std::to_string(res.tried.size() - limit) + " more)";
        }
        res.error = std::move(msg);
        return false;
    }

    bool malformed(const PackageJson &pkg)
    {
        return fail("malformed package.json " + pkg.file.string() + ": " + pkg.parseError);
    }

    bool isFile(const fs::path &p)
    {
        res.tried.push_back(p.string());
        return statKind(p) == Kind::File;
    }

    /// p as is, p + each extension, and for TS importers "x.js" -> "x.ts"/"x.tsx".
    std::optional<fs::path> tryFile(const fs::path &p)
    {
        if (isFile(p))
            return p;
        const std::string s = p.string();
        if (tsImporter) {
            static const std::pair<const char *, std::vector<const char *>> swaps[] = {
                {".js", {".ts", ".tsx"}},
                {".jsx", {".tsx"}},
                {".mjs", {".mts"}},
                {".cjs", {".cts"}}};
            for (const auto &[from, tos] : swaps) {
                if (!endsWith(s, from))
                    continue;
                const std::string stem = s.substr(0, s.size() - std::string_view(from).size());
                for (const char *to : tos) {
                    fs::path c = stem + to;
                    if (isFile(c))
                        return c;
                }
                break;
            }
        }
        for (const auto &ext : d.opt.extensions) {
            fs::path c = s + ext;
            if (isFile(c))
                return c;
        }
        return std::nullopt;
    }

    std::optional<fs::path> tryIndex(const fs::path &dir)
    {
        for (const auto &ext : d.opt.extensions) {
            fs::path c = dir / ("index" + ext);
            if (isFile(c))
                return c;
        }
        return std::nullopt;
    }

    /// mainFields of a package without exports ("browser" only when a string).
    std::optional<fs::path> tryMainFields(const PackageJson &pkg)
    {
        for (const auto &field : d.opt.mainFields) {
            const std::string value = pkg.stringField(field.c_str());
            if (value.empty())
                continue;
            const fs::path p = (pkg.dir / value).lexically_normal();
            if (auto f = tryFile(p))
                return f;
            if (statKind(p) == Kind::Dir) {
                if (auto f = tryIndex(p))
                    return f;
            }
        }
        return std::nullopt;
    }

    /// A file, or a directory (its package.json main fields, then its index).
    std::optional<fs::path> tryFileOrDirectory(const fs::path &p, bool &malformedPkg)
    {
        if (auto f = tryFile(p))
            return f;
        if (statKind(p) != Kind::Dir)
            return std::nullopt;
        if (auto pkg = d.pkgs.get(p / "package.json")) {
            if (!pkg->parseOk) {
                malformedPkg = true;
                malformed(*pkg);
                return std::nullopt;
            }
            if (auto f = tryMainFields(*pkg))
                return f;
        }
        return tryIndex(p);
    }

    void setPackage(const PackageJson *pkg, const fs::path &dir, const std::string &name)
    {
        res.packageName = pkg && !pkg->name.empty() ? pkg->name : name;
        res.packageDir = dir.string();
        res.packageVersion = pkg ? pkg->version : std::string();
    }

    /// For files in node_modules found by a relative/absolute import: the
    /// package is the folder after the last "/node_modules/".
    void packageFromPath(const std::string &real)
    {
        static const std::string nm = "/node_modules/";
        const size_t pos = real.rfind(nm);
        if (pos == std::string::npos)
            return;
        const size_t start = pos + nm.size();
        size_t end = real.find('/', start);
        if (end != std::string::npos && real[start] == '@')
            end = real.find('/', end + 1);
        if (end == std::string::npos)
            return;
        const std::string dir = real.substr(0, end);
        auto pkg = d.pkgs.get(fs::path(dir) / "package.json");
        setPackage(pkg && pkg->parseOk ? pkg.get() : nullptr, dir, real.substr(start, end - start));
    }

    bool browserExternal(const std::string &what)
    {
        res.ok = true;
        res.browserExternal = true;
        res.path = std::string(kBrowserExternalPrefix) + what;
        return true;
    }

    /// Client only: the "browser" object of the file's package scope may
    /// replace the file by another one or by false (empty module).
    /// Returns true when it handled the result (res set).
    bool browserMapFile(const fs::path &file, bool &handled)
    {
        handled = false;
        if (!d.opt.browserField || depth > 4)
            return true;
        auto pkg = d.nearestPackage(file.parent_path());
        if (!pkg || !pkg->parseOk)
            return true;
        const auto *browser = pkg->field("browser");
        if (!browser || !browser->is_object())
            return true;
        const std::string rel = file.lexically_relative(pkg->dir).generic_string();
        if (rel.empty() || startsWith(rel, ".."))
            return true;
        const std::string relNoExt = rel.substr(0, rel.size() - file.extension().string().size());
        for (auto it = browser->begin(); it != browser->end(); ++it) {
            std::string key = it.key();
            if (startsWith(key, "./"))
                key = key.substr(2);
            if (!(key == rel || key == relNoExt || key + "/index" == relNoExt))
                continue;
            handled = true;
            if (it->is_boolean() && !it->get<bool>())
                return browserExternal(file.string());
            if (!it->is_string())
                return fail("browser field of " + pkg->file.string() + " maps \"" + it.key() +
                            "\" to a value that is neither a string nor false");
            const std::string target = it->get<std::string>();
            ++depth;
            res.tried.push_back("browser:" + it.key() + " -> " + target);
            if (startsWith(target, "./") || startsWith(target, "../")) {
                bool bad = false;
                auto f = tryFileOrDirectory((pkg->dir / target).lexically_normal(), bad);
                if (bad)
                    return false;
                if (!f)
                    return fail("browser field of " + pkg->file.string() + " maps \"" + it.key() +
                                "\" to \"" + target + "\", which does not exist");
                if (*f == file) // maps to itself
                    return finishFile(*f, false);
                return finishFile(*f, true);
            }
            return resolveBare(target, pkg->dir);
        }
        return true;
    }

    bool finishFile(const fs::path &file, bool applyBrowser)
    {
        if (applyBrowser && !viaSubpathExports) {
            bool handled = false;
            const bool r = browserMapFile(file, handled);
            if (handled || !r)
                return r;
        }
        res.ok = true;
        res.path = d.realFile(file);
        res.error.clear();
        if (res.packageName.empty())
            packageFromPath(res.path);
        return true;
    }

    std::optional<std::string> findPackageDir(const std::string &name, const fs::path &fromDir)
    {
        const std::string key = fromDir.string() + '\n' + name;
        {
            std::shared_lock lock(d.mutex);
            auto it = d.packageDirs.find(key);
            if (it != d.packageDirs.end())
                return it->second;
        }
        fs::path dir = fromDir;
        for (;;) {
            if (dir.filename() != "node_modules") {
                const fs::path candidate = dir / "node_modules" / name;
                res.tried.push_back(candidate.string());
                if (statKind(candidate) == Kind::Dir) {
                    std::string real = d.realDir(candidate);
                    std::unique_lock lock(d.mutex);
                    d.packageDirs.emplace(key, real);
                    return real;
                }
            }
            fs::path parent = dir.parent_path();
            if (parent == dir || parent.empty())
                break;
            dir = std::move(parent);
        }
        return std::nullopt;
    }

    bool resolvePackage(const fs::path &pkgDir, const std::string &name, const std::string &subpath)
    {
        auto pkg = d.pkgs.get(pkgDir / "package.json");
        if (pkg && !pkg->parseOk)
            return malformed(*pkg);
        setPackage(pkg.get(), pkgDir, name);

        if (pkg && pkg->exports()) {
            auto filter = [&](const std::string &target) {
                return statKind(pkgDir / target) == Kind::File;
            };
            ExportsMatch m = matchExports(*pkg->exports(), subpath, d.opt.conditions, filter);
            for (const auto &t : m.tried)
                res.tried.push_back((pkgDir / t).lexically_normal().string());
            if (m.kind != ExportsMatch::Kind::Found)
                return fail("package \"" + res.packageName + "\" (" + pkg->file.string() + "): " +
                            m.detail + " [conditions: " + joinConditions(d.opt.conditions) + "]");
            const fs::path target = (pkgDir / m.target).lexically_normal();
            if (!isFile(target))
                return fail("package \"" + res.packageName + "\" exports \"" + m.matchedKey +
                            "\" -> \"" + m.target + "\", but " + target.string() +
                            " does not exist");
            viaSubpathExports = subpath != ".";
            return finishFile(target, true);
        }

        bool bad = false;
        if (subpath == ".") {
            if (pkg) {
                if (auto f = tryMainFields(*pkg))
                    return finishFile(*f, true);
            }
            if (auto f = tryIndex(pkgDir))
                return finishFile(*f, true);
            return fail("package \"" + res.packageName + "\" at " + pkgDir.string() +
                        " has no exports, no usable main field (" + joinMainFields() +
                        ") and no index file");
        }
        auto f = tryFileOrDirectory((pkgDir / subpath).lexically_normal(), bad);
        if (bad)
            return false;
        if (!f)
            return fail("\"" + subpath + "\" not found in package \"" + res.packageName + "\" at " +
                        pkgDir.string());
        return finishFile(*f, true);
    }

    std::string joinMainFields() const { return joinConditions(d.opt.mainFields); }

    bool resolveBare(const std::string &spec, const fs::path &fromDir)
    {
        res.bare = true;
        std::string name, subpath;
        if (!splitBare(spec, name, subpath))
            return fail("\"" + spec + "\" is not a valid package specifier");

        auto scope = d.nearestPackage(fromDir);
        if (scope && !scope->parseOk)
            return malformed(*scope);

        // Client: the importer's package may remap bare imports ("fs": false).
        if (d.opt.browserField && scope && depth <= 4) {
            const auto *browser = scope->field("browser");
            if (browser && browser->is_object()) {
                auto it = browser->find(spec);
                if (it != browser->end()) {
                    if (it->is_boolean() && !it->get<bool>())
                        return browserExternal(spec);
                    if (it->is_string()) {
                        const std::string target = it->get<std::string>();
                        ++depth;
                        res.tried.push_back("browser:" + spec + " -> " + target);
                        if (startsWith(target, "./") || startsWith(target, "../")) {
                            bool bad = false;
                            auto f =
                                tryFileOrDirectory((scope->dir / target).lexically_normal(), bad);
                            if (bad)
                                return false;
                            if (!f)
                                return fail("browser field of " + scope->file.string() +
                                            " maps \"" + spec + "\" to missing \"" + target + "\"");
                            res.bare = false;
                            return finishFile(*f, false);
                        }
                        if (target != spec)
                            return resolveBare(target, scope->dir);
                    }
                }
            }
        }

        // Self-reference: a package importing itself by name through its exports.
        if (scope && scope->name == name && scope->exports())
            return resolvePackage(fs::path(d.realDir(scope->dir)), name, subpath);

        auto dir = findPackageDir(name, fromDir);
        if (!dir)
            return fail("package \"" + name + "\" not found in node_modules");
        return resolvePackage(fs::path(*dir), name, subpath);
    }

    bool resolveImports(const std::string &spec)
    {
        auto scope = d.nearestPackage(importerDir);
        if (!scope)
            return fail("\"" + spec +
                        "\" needs an \"imports\" field, but no package.json encloses " +
                        importerDir.string());
        if (!scope->parseOk)
            return malformed(*scope);
        const auto *imports = scope->imports();
        if (!imports)
            return fail(scope->file.string() + " has no \"imports\" field");
        const fs::path dir = scope->dir;
        auto filter = [&](const std::string &target) {
            if (!startsWith(target, "./"))
                return true; // bare targets: the first one wins
            return statKind(dir / target) == Kind::File;
        };
        ExportsMatch m = matchImports(*imports, spec, d.opt.conditions, filter);
        for (const auto &t : m.tried)
            res.tried.push_back((dir / t).lexically_normal().string());
        if (m.kind != ExportsMatch::Kind::Found)
            return fail(scope->file.string() + ": " + m.detail +
                        " [conditions: " + joinConditions(d.opt.conditions) + "]");
        if (!startsWith(m.target, "./"))
            return resolveBare(m.target, dir);
        const fs::path target = (dir / m.target).lexically_normal();
        if (!isFile(target))
            return fail("imports \"" + m.matchedKey + "\" -> \"" + m.target + "\", but " +
                        target.string() + " does not exist");
        return finishFile(target, true);
    }

    bool run(std::string_view rawSpecifier)
    {
        if (specifier.empty())
            return fail("empty specifier");
        if (startsWith(specifier, "node:")) {
            res.builtin = true;
            return fail("\"" + specifier + "\" is a Node built-in module, not a file");
        }
        if (specifier[0] == '#')
            return resolveImports(specifier);
        if (isRelative(specifier) || specifier[0] == '/') {
            const fs::path p = specifier[0] == '/' ? fs::path(specifier).lexically_normal()
                                                   : (importerDir / specifier).lexically_normal();
            bool bad = false;
            auto f = tryFileOrDirectory(p, bad);
            if (bad)
                return false;
            if (!f)
                return fail("no such file or directory (with extensions " +
                            joinConditions(d.opt.extensions) + " and index files)");
            return finishFile(*f, true);
        }
        if (hasScheme(specifier))
            return fail("unsupported URL scheme in \"" + std::string(rawSpecifier) + "\"");
        if (d.tsconfig) {
            bool handled = false;
            const bool r = resolveTsconfigPaths(handled);
            if (handled)
                return r;
        }
        return resolveBare(specifier, importerDir);
    }

    /// The importer's tsconfig `paths` / `baseUrl` (vite-tsconfig-paths):
    /// `handled` when a mapped file exists or the config is broken.
    bool resolveTsconfigPaths(bool &handled)
    {
        TsconfigLookup lookup = d.tsconfig->lookup(importer);
        res.configFiles = std::move(lookup.dependencies);
        if (!lookup.config)
            return false;
        const Tsconfig &config = *lookup.config;
        if (!config.ok) {
            handled = true;
            return fail("the tsconfig that governs this importer does not parse: " + config.error +
                        "; this import resolves again once it parses");
        }
        size_t fromBaseUrl = 0;
        const std::vector<std::string> candidates =
            tsconfigCandidates(config, specifier, &fromBaseUrl);
        for (size_t i = 0; i < candidates.size(); ++i) {
            bool bad = false;
            auto f = tryFileOrDirectory(fs::path(candidates[i]), bad);
            if (bad) {
                handled = true;
                return false;
            }
            if (!f)
                continue;
            const std::string found = f->string();
            // A declaration file is for types only; baseUrl never yields a
            // .json the specifier did not name (vite-tsconfig-paths).
            if (endsWith(found, ".d.ts"))
                return false;
            if (i + fromBaseUrl >= candidates.size() && endsWith(found, ".json") &&
                !endsWith(specifier, ".json"))
                continue;
            handled = true;
            res.tsconfigMapped = true;
            return finishFile(*f, true);
        }
        return false;
    }
};

} // namespace

Resolver::Resolver(EnvironmentKind env, ResolveOptions options)
    : d(std::make_unique<detail::ResolverImpl>())
{
    d->env = env;
    d->opt = std::move(options);
    if (d->opt.tsconfigPaths)
        d->tsconfig = std::make_unique<TsconfigPaths>(d->opt.tsconfigIgnoredDirs);
}

Resolver::~Resolver() = default;
Resolver::Resolver(Resolver &&) noexcept = default;
Resolver &Resolver::operator=(Resolver &&) noexcept = default;

EnvironmentKind Resolver::environment() const
{
    return d->env;
}
const ResolveOptions &Resolver::options() const
{
    return d->opt;
}

TsconfigLookup Resolver::tsconfigFor(std::string_view importerFile) const
{
    if (!d->tsconfig)
        return {};
    return d->tsconfig->lookup(std::string(importerFile), TsconfigPaths::Purpose::CompilerOptions);
}

namespace {

Resolution resolveUnaliased(const detail::ResolverImpl &impl, std::string_view specifier,
                            std::string_view importerFile)
{
    Resolution res;
    Job job{impl, res, {}, std::string(importerFile), {}, false, 0, false};
    std::string spec(specifier);
    const size_t q = spec.find('?');
    if (q != std::string::npos && !hasScheme(spec)) {
        res.query = spec.substr(q);
        spec.resize(q);
    }
    job.specifier = spec;
    if (importerFile.empty()) {
        std::error_code ec;
        job.importerDir = fs::current_path(ec);
    } else {
        job.importerDir = fs::path(importerFile).parent_path();
    }
    const std::string ext = fs::path(importerFile).extension().string();
    job.tsImporter = ext == ".ts" || ext == ".tsx" || ext == ".mts" || ext == ".cts";
    try {
        job.run(specifier);
    } catch (const std::exception &e) {
        job.fail(std::string("internal error: ") + e.what());
    }
    return res;
}

} // namespace

Resolution Resolver::resolve(std::string_view specifier, std::string_view importerFile) const
{
    if (!d->opt.alias.empty()) {
        if (std::optional<std::string> aliased = applyAlias(d->opt.alias, specifier)) {
            Resolution r;
            const std::string &root = d->opt.aliasRoot;
            if (startsWith(*aliased, "/") && !root.empty() && !startsWith(*aliased, root + "/"))
                r = resolveUnaliased(*d, root + *aliased, importerFile);
            if (!r.ok)
                r = resolveUnaliased(*d, *aliased, importerFile);
            if (!r.ok)
                r.error += " (resolve.alias made \"" + std::string(specifier) + "\" into \"" +
                           *aliased + "\")";
            return r;
        }
    }
    return resolveUnaliased(*d, specifier, importerFile);
}

void Resolver::invalidatePackageJson(const std::string &path)
{
    d->pkgs.invalidate(path);
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(path, ec);
    if (!ec)
        d->pkgs.invalidate(real.string());
}

bool Resolver::invalidateTsconfig(const std::string &path)
{
    return d->tsconfig && d->tsconfig->invalidate(path);
}

void Resolver::clearCache()
{
    d->pkgs.clear();
    if (d->tsconfig)
        d->tsconfig->clear();
    std::unique_lock lock(d->mutex);
    d->realDirs.clear();
    d->packageDirs.clear();
}

} // namespace sy
