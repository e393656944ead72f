#include "optimizer/esbuildBundler.h"

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
} // namespace

EsbuildResult runEsbuild(const EsbuildRequest &request)
{
    EsbuildResult result;
    QElapsedTimer timer;
    timer.start();
    const fs::path metafile = fs::path(request.outDir) / "_esbuild_meta.json";

    QStringList args{"--bundle",
                     "--format=esm",
                     "--splitting",
                     "--log-level=error",
                     "--platform=" + QString::fromStdString(request.platform),
                     "--outdir=" + QString::fromStdString(request.outDir),
                     "--metafile=" + QString::fromStdString(metafile.string()),
                     "--chunk-names=chunk-[hash]",
                     "--legal-comments=none"};
    if (!request.target.empty())
        args << "--target=" + QString::fromStdString(request.target);
    if (!request.conditions.empty())
        args << "--conditions=" + QString::fromStdString(join(request.conditions));
    if (!request.mainFields.empty())
        args << "--main-fields=" + QString::fromStdString(join(request.mainFields));
    for (const auto &[key, value] : request.defines)
        args << QString::fromStdString("--define:" + key + "=" + value);
    if (!request.banner.empty())
        args << QString::fromStdString("--banner:js=" + request.banner);
    for (const auto &ext : request.externals)
        args << QString::fromStdString("--external:" + ext);
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
    const nlohmann::json meta = nlohmann::json::parse(text.str(), nullptr, false);
    if (!meta.is_object() || !meta.contains("outputs")) {
        result.error = "esbuild wrote no readable metafile at " + metafile.string();
        return result;
    }
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
    fs::remove(metafile);
    result.ok = true;
    return result;
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
