#include "dev/reoptimization.h"

#include "core/startupTrace.h"
#include "dev/devSession.h"

#include <future>
#include <optional>

namespace sy {

namespace {
std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : ", ") + item;
    return out;
}
} // namespace

std::vector<EnvironmentRun>
reoptimizeEnvironments(DevSession &session,
                       const std::map<EnvironmentKind, std::map<std::string, std::string>> &missing,
                       const std::function<void()> &drain)
{
    struct Pending {
        std::vector<std::string> names;
        std::string trigger;
        std::string why; ///< why the additive run was not made
        std::optional<OptimizerRun> run;
    };
    std::map<EnvironmentKind, Pending> pending;
    for (const auto &[kind, deps] : missing) {
        Pending &p = pending[kind];
        for (const auto &[spec, entry] : deps)
            p.names.push_back(spec);
        p.trigger =
            p.names.empty() ? std::string("lockfile changed") : "discovered " + joined(p.names);
    }

    // 1. Additive runs, in parallel, requests going on.
    std::map<EnvironmentKind, std::future<std::optional<OptimizerRun>>> additive;
    for (auto &[kind, p] : pending) {
        Environment *env = &session.environment(kind);
        const std::map<std::string, std::string> *deps = &missing.at(kind);
        additive[kind] = std::async(std::launch::async, [env, deps, &p, kind] {
            startupTrace::Scope trace("update: additive run " + std::string(environmentName(kind)));
            return env->reoptimizeAdditively(*deps, p.trigger, p.why);
        });
    }
    bool needsFull = false;
    for (auto &[kind, future] : additive) {
        pending[kind].run = future.get();
        needsFull = needsFull || !pending[kind].run;
    }

    // 2. Full runs where that was not possible: after the requests in flight.
    if (needsFull) {
        drain();
        std::map<EnvironmentKind, std::future<OptimizerRun>> full;
        for (auto &[kind, p] : pending) {
            if (p.run)
                continue;
            Environment *env = &session.environment(kind);
            const std::map<std::string, std::string> *deps = &missing.at(kind);
            full[kind] = std::async(std::launch::async, [env, deps, &p] {
                return env->reoptimize(*deps, p.trigger, OptimizerRunPolicy::Full, p.why);
            });
        }
        for (auto &[kind, future] : full)
            pending[kind].run = future.get();
    }

    std::vector<EnvironmentRun> runs;
    for (auto &[kind, p] : pending)
        runs.push_back({kind, std::move(p.names), std::move(*p.run)});
    return runs;
}

} // namespace sy
