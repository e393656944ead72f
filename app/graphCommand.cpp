// `switchyard graph` and `switchyard inspect`: load the app, pre-bundle, crawl
// the environments and print module graphs or one module.
#include "cliCommon.h"
#include "dev/devSession.h"
#include "dev/moduleInspection.h"
#include "graph/moduleGraphJson.h"
#include "graph/moduleGraphModel.h"
#include "js/transformService.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace sy::cli {

namespace {

std::optional<EnvironmentKind> parseEnv(const QCommandLineParser &parser)
{
    return environmentFromName(parser.value(QStringLiteral("env")).toStdString());
}

void printErrors(const std::vector<std::string> &errors)
{
    for (const std::string &e : errors)
        std::fprintf(stderr, "error: %s\n", e.c_str());
}

/// The options graph and inspect share: --help, one positional, --env, --json.
void setUpParser(QCommandLineParser &parser, const QString &description, const QString &positional,
                 const QString &positionalHelp)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addPositionalArgument(positional, positionalHelp);
    parser.addOption({QStringLiteral("env"),
                      QStringLiteral("client, ssr or worker (default worker)."),
                      QStringLiteral("env"), QStringLiteral("worker")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
}

int envError(const char *command, const QCommandLineParser &parser)
{
    return usageError(command, QStringLiteral("--env must be client, ssr or worker, not \"%1\"")
                                   .arg(parser.value(QStringLiteral("env"))));
}

/// "SSR bridge: rwsdk/__ssr_bridge" for a framework module's JSON.
std::string roleText(const nlohmann::json &m)
{
    return ModuleGraphModel::roleLabel(QString::fromStdString(m["role"].get<std::string>()))
               .toStdString() +
           ": " + m["displayName"].get<std::string>();
}

/// "client reference stubs", with the option that forced it: "client reference
/// stubs (forceClientPaths)".
std::string directiveTransformText(const nlohmann::json &m)
{
    std::string text = ModuleGraphModel::directiveTransformLabel(
                           QString::fromStdString(m["directiveTransform"].get<std::string>()))
                           .toStdString();
    const std::string reason = m.value("directiveTransformReason", std::string());
    if (!reason.empty() && reason != "directive")
        text += " (" + reason + ")";
    return text;
}

} // namespace

int runGraph(const QStringList &args)
{
    QCommandLineParser parser;
    setUpParser(
        parser,
        QStringLiteral("Print an environment's module graph after loading the app's entries."),
        QStringLiteral("dir"), QStringLiteral("App folder (default: the bundled example)."));
    parser.process(args);
    const auto env = parseEnv(parser);
    if (!env)
        return envError("graph", parser);
    ProjectConfig project;
    if (const int refused = refuseNonAppDir("graph", parser.positionalArguments().value(0)))
        return refused;
    if (!loadProject(parser.positionalArguments().value(0), project))
        return 1;
    DevSession session(project, TransformService::shared());
    session.prepare();
    const std::vector<std::string> errors = session.crawlAll();
    printErrors(errors);
    const nlohmann::json graph = session.environment(*env).graphJson();
    if (parser.isSet(QStringLiteral("json"))) {
        std::printf("%s\n", graph.dump(2).c_str());
    } else {
        std::printf("%s environment: %zu modules, browserHash %s\n",
                    graph["environment"].get<std::string>().c_str(), graph["modules"].size(),
                    graph["optimizer"]["browserHash"].get<std::string>().c_str());
        for (const auto &m : graph["modules"]) {
            std::string flags;
            if (m["type"].get<std::string>() != "js")
                flags += " [" + m["type"].get<std::string>() + "]";
            if (m["virtual"].get<bool>())
                flags += " [virtual]";
            if (m.contains("optimizedBrowserHash"))
                flags += " [optimized v=" + m["optimizedBrowserHash"].get<std::string>() + "]";
            for (const auto &d : m["directives"])
                flags += " [" + d.get<std::string>() + "]";
            if (m.contains("role"))
                flags += " [" + roleText(m) + "]";
            if (!m["directiveTransform"].is_null())
                flags += " [" + directiveTransformText(m) + "]";
            if (m["stale"].get<bool>())
                flags += " [STALE]";
            std::printf("  %s%s\n", m["id"].get<std::string>().c_str(), flags.c_str());
        }
    }
    return errors.empty() ? 0 : 1;
}

int runInspect(const QStringList &args)
{
    QCommandLineParser parser;
    setUpParser(
        parser,
        QStringLiteral("Show how one module is resolved and transformed in an environment."),
        QStringLiteral("file"), QStringLiteral("A module file of the app."));
    parser.process(args);
    const auto env = parseEnv(parser);
    if (!env)
        return envError("inspect", parser);
    if (parser.positionalArguments().isEmpty())
        return usageError("inspect", QStringLiteral("a FILE is required"));
    const QFileInfo file(parser.positionalArguments().first());
    if (!file.exists())
        return usageError("inspect", QStringLiteral("%1 does not exist").arg(file.filePath()));
    const QString dir = projectDirFor(file.absoluteFilePath());
    if (dir.isEmpty())
        return usageError("inspect",
                          QStringLiteral("no wrangler.jsonc above %1").arg(file.filePath()));
    ProjectConfig project;
    if (!loadProject(dir, project))
        return 1;
    DevSession session(project, TransformService::shared());
    session.prepare();
    const nlohmann::json out = inspectModule(session, *env, file.canonicalFilePath().toStdString());
    if (out.contains("error")) {
        std::fprintf(stderr, "switchyard inspect: %s\n", out["error"].get<std::string>().c_str());
        return 1;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        std::printf("%s\n", out.dump(2).c_str());
    } else {
        std::printf("%s (%s)\n  type %s\n  etag %s\n", out["id"].get<std::string>().c_str(),
                    environmentName(*env).data(), out.value("type", std::string("js")).c_str(),
                    out["etag"].get<std::string>().c_str());
        std::printf("  directive transform %s\n",
                    out.value("directiveTransform", nlohmann::json()).is_null()
                        ? "none"
                        : directiveTransformText(out).c_str());
        if (out.contains("role"))
            std::printf("  role %s\n", roleText(out).c_str());
        for (const auto &imp : out["imports"])
            std::printf("  import %s -> %s\n", imp["specifier"].get<std::string>().c_str(),
                        imp["rewrittenTo"].get<std::string>().c_str());
    }
    return 0;
}

} // namespace sy::cli
