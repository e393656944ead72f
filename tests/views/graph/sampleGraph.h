#pragma once
// A small module graph across the three environments, shaped like
// examples/hello: a "use client" component in client and ssr, optimized deps
// with their browserHash, a "use server" module and the worker's bridged
// (virtual) twin of the ssr component.
#include "graph/moduleGraphModel.h"

#include <QString>
#include <QStringList>

namespace sy::test {

inline ModuleRow moduleRow(const QString &env, const QString &id, const QStringList &imports = {})
{
    ModuleRow r;
    r.environment = env;
    r.id = id;
    r.url = id;
    r.type = QStringLiteral("js");
    r.invalidationState = QStringLiteral("none");
    r.imports = imports;
    return r;
}

inline const QString kReact = QStringLiteral("/app/node_modules/.vite/deps_client/react.js");
inline const QString kSsrReact = QStringLiteral("/app/node_modules/.vite/deps_ssr/react.js");
inline const QString kBridged = QStringLiteral("virtual:switchyard:ssr:/app/src/Counter.tsx");

/// client: main -> Counter ("use client") -> react (optimized)
/// ssr:    Counter -> react (optimized)
/// worker: worker -> App -> {actions ("use server"), bridged Counter (virtual,
///         twin of ssr Counter)}; lonely.ts imported by nobody
inline void fillSampleGraph(ModuleGraphModel &model)
{
    model.upsert(moduleRow("client", "/app/src/main.tsx", {"/app/src/Counter.tsx"}));
    ModuleRow counter = moduleRow("client", "/app/src/Counter.tsx", {kReact});
    counter.directives = {"use client"};
    model.upsert(counter);
    ModuleRow react = moduleRow("client", kReact);
    react.optimizedBrowserHash = "abc123";
    model.upsert(react);

    ModuleRow ssrCounter = moduleRow("ssr", "/app/src/Counter.tsx", {kSsrReact});
    ssrCounter.directives = {"use client"};
    model.upsert(ssrCounter);
    ModuleRow ssrReact = moduleRow("ssr", kSsrReact);
    ssrReact.optimizedBrowserHash = "def456";
    model.upsert(ssrReact);

    model.upsert(moduleRow("worker", "/app/src/worker.tsx", {"/app/src/App.tsx"}));
    model.upsert(moduleRow("worker", "/app/src/App.tsx", {"/app/src/actions.ts", kBridged}));
    ModuleRow actions = moduleRow("worker", "/app/src/actions.ts");
    actions.directives = {"use server"};
    model.upsert(actions);
    ModuleRow bridged = moduleRow("worker", kBridged);
    bridged.isVirtual = true;
    bridged.twinId = "/app/src/Counter.tsx";
    model.upsert(bridged);
    model.upsert(moduleRow("worker", "/app/src/lonely.ts"));
}

} // namespace sy::test
