#include "optimizer/esbuildBundler.h"

#include "core/startupTrace.h"
#include "optimizer/esbuildService.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

namespace sy {

namespace fs = std::filesystem;

namespace {
std::string join(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &item : items)
        out += (out.empty() ? "" : ",") + item;
    return out;
}

/// What esbuild's metafile says of a build into request.outDir: the outputs of the
/// entries, the chunks, the inputs and the imports left external. False when
/// `metaJson` does not read as one.
bool readMetafile(const std::string &metaJson, const EsbuildRequest &request, EsbuildResult &result)
{
    const nlohmann::json meta = nlohmann::json::parse(metaJson, nullptr, false);
    if (!meta.is_object() || !meta.contains("outputs"))
        return false;
    for (const auto &[out, info] : meta["outputs"].items()) {
        if (out.size() > 4 && out.compare(out.size() - 4, 4, ".map") == 0)
            continue;
        const std::string file = (fs::path(request.outDir) / out).lexically_normal().string();
        if (info.contains("entryPoint")) {
            const std::string name = fs::path(out).stem().string();
            result.entryOutputs[name] = file;
            const std::string entry = info["entryPoint"].get<std::string>();
            if (meta.contains("inputs") && meta["inputs"].contains(entry))
                result.entryFormats[name] = meta["inputs"][entry].value("format", "");
        } else {
            result.chunks.push_back(file);
        }
    }
    if (meta.contains("inputs") && meta["inputs"].is_object())
        for (const auto &[input, info] : meta["inputs"].items())
            if (input.find(':') == std::string::npos) { // not a namespaced virtual input
                const std::string file =
                    (fs::path(request.outDir) / input).lexically_normal().string();
                result.inputs.push_back(file);
                if (info.contains("imports") && info["imports"].is_array())
                    for (const auto &imp : info["imports"])
                        if (imp.value("external", false))
                            result.externalImports.push_back(
                                {file, imp.value("path", ""), imp.value("kind", "")});
            }
    return true;
}

/// runEsbuild through a CLI process (`flags` without the entries and the metafile), when
/// esbuild's service cannot answer. `timer` started with the run.
EsbuildResult runEsbuildCli(const EsbuildRequest &request, const std::vector<std::string> &flags,
                            const QElapsedTimer &timer)
{
    EsbuildResult result;
    const fs::path metafile = fs::path(request.outDir) / "_esbuild_meta.json";
    QStringList args{"--log-level=error",
                     "--metafile=" + QString::fromStdString(metafile.string())};
    for (const std::string &flag : flags)
        args << QString::fromStdString(flag);
    for (const auto &[name, file] : request.entries)
        args << QString::fromStdString(name + "=" + file);

    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice()); // esbuild reads stdin when given no entry
    process.setWorkingDirectory(QString::fromStdString(request.outDir));
    if (!request.nodePaths.empty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        std::string paths;
        for (const std::string &p : request.nodePaths)
            paths += (paths.empty() ? "" : ":") + p;
        environment.insert(QStringLiteral("NODE_PATH"), QString::fromStdString(paths));
        process.setProcessEnvironment(environment);
    }
    process.start(QString::fromStdString(request.esbuildPath), args);
    if (!process.waitForStarted(10000)) {
        result.error = "could not start esbuild at " + request.esbuildPath + ": " +
                       process.errorString().toStdString();
        return result;
    }
    if (!process.waitForFinished(request.timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        result.error = "esbuild did not finish within " + std::to_string(request.timeoutMs) + " ms";
        return result;
    }
    result.durationMs = double(timer.nsecsElapsed()) / 1e6;
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        result.error = "esbuild failed: " + process.readAllStandardError().toStdString();
        return result;
    }

    std::ifstream in(metafile);
    std::stringstream text;
    text << in.rdbuf();
    if (!readMetafile(text.str(), request, result)) {
        result.error = "esbuild wrote no readable metafile at " + metafile.string();
        return result;
    }
    fs::remove(metafile);
    result.ok = true;
    return result;
}

/// The CLI's stderr for `errors` (--log-level=error, no colour): what runEsbuild reported
/// before the service answered builds, so messages and failure attribution read the same.
std::string cliErrorText(const std::vector<EsbuildMessage> &errors)
{
    std::string out;
    for (const EsbuildMessage &e : errors) {
        out += "\u2718 [ERROR] " + e.text + "\n\n";
        if (!e.file.empty()) {
            out += "    " + e.file + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) +
                   ":\n";
            if (!e.lineText.empty())
                out += "      " + std::to_string(e.line) + " \u2502 " + e.lineText + "\n";
            out += "\n";
        }
        for (const std::string &note : e.notes)
            out += "  " + note + "\n\n";
    }
    out += std::to_string(errors.size()) + (errors.size() == 1 ? " error\n" : " errors\n");
    return out;
}
} // namespace

EsbuildResult runEsbuild(const EsbuildRequest &request)
{
    EsbuildResult result;
    QElapsedTimer timer;
    timer.start();
    startupTrace::Scope trace("esbuild run in " + fs::path(request.outDir).filename().string());

    std::vector<std::string> flags{"--bundle",
                                   "--format=esm",
                                   "--splitting",
                                   "--platform=" + request.platform,
                                   "--outdir=" + request.outDir,
                                   "--chunk-names=chunk-[hash]",
                                   "--legal-comments=none"};
    if (!request.target.empty())
        flags.push_back("--target=" + request.target);
    if (!request.conditions.empty())
        flags.push_back("--conditions=" + join(request.conditions));
    if (!request.mainFields.empty())
        flags.push_back("--main-fields=" + join(request.mainFields));
    for (const auto &[key, value] : request.defines)
        flags.push_back("--define:" + key + "=" + value);
    if (!request.banner.empty())
        flags.push_back("--banner:js=" + request.banner);
    for (const auto &ext : request.externals)
        flags.push_back("--external:" + ext);

    // esbuild's service first (a build costs no process start); the CLI when it cannot answer.
    std::vector<std::pair<std::string, std::string>> entries(request.entries.begin(),
                                                             request.entries.end());
    std::vector<std::string> serviceFlags = flags;
    serviceFlags.push_back("--metafile");
    const EsbuildBuildResponse built =
        EsbuildService::buildOnIdleService(request.esbuildPath, entries, serviceFlags,
                                           request.outDir, request.nodePaths, request.timeoutMs);
    if (built.answered) {
        result.durationMs = double(timer.nsecsElapsed()) / 1e6;
        if (!built.errors.empty()) {
            result.error = "esbuild failed: " + cliErrorText(built.errors);
            return result;
        }
        if (!readMetafile(built.metafile, request, result)) {
            result.error = "esbuild's service answered with no readable metafile";
            return result;
        }
        result.ok = true;
        return result;
    }

    return runEsbuildCli(request, flags, timer);
}

std::string esbuildVersion(const std::string &esbuildPath)
{
    // Asked once per binary: a process spawn costs ~10 ms at every start.
    static std::mutex mutex;
    static std::map<std::string, std::string> versions;
    std::lock_guard lock(mutex);
    if (auto it = versions.find(esbuildPath); it != versions.end())
        return it->second;
    // npm installs the binary as <pkg>/bin/esbuild next to <pkg>/package.json:
    // reading its version costs no process.
    std::string version;
    const fs::path packageJson = fs::path(esbuildPath).parent_path().parent_path() / "package.json";
    if (fs::exists(packageJson)) {
        std::ifstream in(packageJson);
        const nlohmann::json pkg = nlohmann::json::parse(in, nullptr, false);
        if (pkg.is_object() && pkg.value("name", "").rfind("@esbuild/", 0) == 0 &&
            fs::exists(esbuildPath))
            version = pkg.value("version", "");
    }
    if (!version.empty()) {
        versions[esbuildPath] = version;
        return version;
    }
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(QString::fromStdString(esbuildPath), {"--version"});
    if (process.waitForFinished(10000) && process.exitCode() == 0)
        version = process.readAllStandardOutput().trimmed().toStdString();
    versions[esbuildPath] = version;
    return version;
}

} // namespace sy
