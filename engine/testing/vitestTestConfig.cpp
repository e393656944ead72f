#include "testing/vitestTestConfig.h"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace sy {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

bool readGlobs(const json &test, const char *key, std::vector<std::string> &out)
{
    if (!test.contains(key) || !test[key].is_array())
        return false;
    std::vector<std::string> globs;
    for (const json &g : test[key])
        if (g.is_string())
            globs.push_back(g.get<std::string>());
    out = std::move(globs);
    return true;
}

std::vector<std::string> strings(const json &value)
{
    std::vector<std::string> out;
    if (value.is_array())
        for (const json &v : value)
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

} // namespace

bool applyVitestTestConfig(const ProjectConfig &project, TestConfig &out, std::string &error)
{
    const json test = json::parse(project.vitestTestJson, nullptr, false);
    const std::string fileName = fs::path(project.vite.file).filename().string();
    if (project.pool.present) {
        // 0.5-0.9: isolatedStorage (default true) undoes each test's writes.
        if (project.pool.generation == "poolOptions")
            out.storageIsolation =
                project.pool.isolatedStorage.value_or(true) ? "per-test" : "per-file";
        out.singleWorker = project.pool.singleWorker.value_or(false);
    }
    if (!test.is_object())
        return true;
    out.configFile = project.vite.file;
    if (readGlobs(test, "include", out.include))
        out.includeGiven = true;
    readGlobs(test, "exclude", out.exclude);
    for (const char *key : {"testTimeout", "hookTimeout"}) {
        if (!test.contains(key) || test[key].is_null())
            continue;
        if (!test[key].is_number() || test[key].get<double>() <= 0) {
            error = fileName + ": test." + key + " must be a positive number (ms)";
            return false;
        }
        (std::string(key) == "testTimeout" ? out.testTimeoutMs : out.hookTimeoutMs) =
            test[key].get<double>();
    }
    out.setupFiles = strings(test.value("setupFiles", json::array()));
    for (const std::string &f : out.setupFiles)
        if (!fs::exists(f)) {
            error = fileName + ": test.setupFiles: " + f + " does not exist";
            return false;
        }
    out.globalSetup = strings(test.value("globalSetup", json::array()));
    out.globalSetupId = test.value("globalSetupId", 0);
    if (test.contains("provide") && test["provide"].is_object())
        out.providedJson = test["provide"].dump();
    return true;
}

std::string testConfigToJson(const ProjectConfig &project, const TestConfig &config,
                             const std::vector<std::string> &testFiles)
{
    const json test = json::parse(project.vitestTestJson, nullptr, false);
    json bindings = json::array();
    for (const BindingDescriptor &b : project.bindings)
        bindings.push_back({{"name", b.name},
                            {"type", std::string(bindingKindName(b.kind))},
                            {"id", b.storageId()},
                            {"migrationsDir", b.migrationsDir}});
    json vars = json::parse(project.varsJson, nullptr, false);
    json varNames = json::array();
    if (vars.is_object())
        for (const auto &[name, value] : vars.items())
            varNames.push_back(name); // values may be secrets: names only
    json files = json::array();
    for (const std::string &f : testFiles)
        files.push_back(fs::path(f).lexically_relative(project.root).generic_string());
    json pool = nullptr;
    if (project.pool.present)
        pool = {
            {"generation", project.pool.generation},
            {"main", project.pool.main.empty() ? json() : json(project.pool.main)},
            {"wranglerConfigPath", project.pool.wranglerConfigPath.empty()
                                       ? json()
                                       : json(project.pool.wranglerConfigPath)},
            {"wranglerEnvironment",
             project.pool.wranglerEnvironment ? json(*project.pool.wranglerEnvironment) : json()},
            {"isolatedStorage",
             project.pool.isolatedStorage ? json(*project.pool.isolatedStorage) : json()},
            {"singleWorker", project.pool.singleWorker ? json(*project.pool.singleWorker) : json()},
            {"miniflareBindings", project.pool.bindings}};
    json define = json::object();
    for (const auto &[key, value] : project.vite.define)
        define[key] = value;
    json wranglerDefine = json::object(); // the worker environment's only
    for (const auto &[key, value] : project.workerDefine)
        wranglerDefine[key] = value;
    json warnings = json::array();
    for (const std::string &w : project.vite.warnings)
        warnings.push_back(w);
    for (const std::string &w : project.warnings)
        warnings.push_back(w);
    const json out = {
        {"root", project.root},
        {"configFile", config.configFile.empty() ? json() : json(config.configFile)},
        {"wranglerConfig", project.wranglerFile.empty() ? json() : json(project.wranglerFile)},
        {"environment", project.cloudflareEnv.empty() ? json() : json(project.cloudflareEnv)},
        {"name", project.name},
        {"main", project.hasMain ? json(project.workerEntry) : json()},
        {"compatibilityDate", project.nodeCompat.compatibilityDate},
        {"compatibilityFlags", project.nodeCompat.compatibilityFlags},
        {"nodejsCompat", std::string(project.nodeCompat.modeName())},
        {"test",
         {{"include", config.include},
          {"exclude", config.exclude},
          {"setupFiles", config.setupFiles},
          {"globalSetup", config.globalSetup},
          {"provide", json::parse(config.providedJson, nullptr, false)},
          {"testTimeout", config.testTimeoutMs},
          {"hookTimeout", config.hookTimeoutMs},
          {"storageIsolation", config.storageIsolation},
          {"singleWorker", config.singleWorker},
          {"pool", config.pool},
          {"projects",
           test.is_object() && test.contains("projects") ? test["projects"] : json::array()}}},
        {"workersPool", pool},
        {"define", define},
        {"wranglerDefine", wranglerDefine},
        {"bindings", bindings},
        {"vars", varNames},
        {"files", files},
        {"warnings", warnings},
    };
    return out.dump(2) + "\n";
}

} // namespace sy
