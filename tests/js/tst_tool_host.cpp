// The tool host: an embedded Node environment that runs npm tools by name
// (engine/js/toolHost.h).
#include "js/toolHost.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <future>
#include <thread>

using namespace sy;
using namespace std::chrono_literals;

namespace {

const char *kEcho = R"JS(
const path = require('path');
let calls = 0;
module.exports = {
  add({ a, b }) { calls++; return { sum: a + b, calls }; },
  async later({ ms }) { await new Promise((r) => setTimeout(r, ms)); return 'late'; },
  fail() { const e = new Error('it broke'); e.line = 3; e.column = 7; throw e; },
  async reject() { throw new TypeError('async broke'); },
  spin() { for (;;) {} },
  throwLater() { setTimeout(() => { throw new Error('thrown from a timer'); }, 0);
                 Promise.reject(new Error('nobody catches this')); return 'ok'; },
  exit({ code }) { process.exit(code); },
  resolveTool({ name }) { return require.resolve(name); },
  async importEsm() {
    // postcss-load-config's way of loading an ES module config
    const m = await import('data:text/javascript,export default 42');
    return m.default;
  },
  lightning({ code, module }) {
    const { transform } = require('lightningcss');
    const out = transform({ filename: 'a.module.css', code: Buffer.from(code), cssModules: module,
                            targets: { chrome: 100 << 16 } });
    return { code: out.code.toString(), exports: out.exports };
  },
};
)JS";

ToolHostOptions opts(uint32_t cpuLimitMs = 30000)
{
    ToolHostOptions o;
    o.toolsJsDir = SY_TOOLS_JS_DIR;
    o.cpuLimitMs = cpuLimitMs;
    return o;
}

} // namespace

class TstToolHost : public QObject {
    Q_OBJECT
private slots:
    void callReturnsJsonAndKeepsState()
    {
        ToolHost host(opts());
        host.registerTool("echo", kEcho);
        QCOMPARE(host.generation(), 0); // lazy: nothing started yet
        auto r = host.call("echo", "add", R"({"a":2,"b":40})");
        QVERIFY2(r.ok, r.error.c_str());
        auto j = nlohmann::json::parse(r.json);
        QCOMPARE(j["sum"].get<int>(), 42);
        QCOMPARE(j["calls"].get<int>(), 1);
        QCOMPARE(host.generation(), 1);
        QVERIFY(host.startupMs() > 0);
        r = host.call("echo", "add", R"({"a":1,"b":1})");
        QCOMPARE(nlohmann::json::parse(r.json)["calls"].get<int>(), 2);
        QCOMPARE(host.generation(), 1);
    }

    void errorsAreValues()
    {
        ToolHost host(opts());
        host.registerTool("echo", kEcho);
        auto r = host.call("echo", "fail", "{}");
        QVERIFY(!r.ok);
        QCOMPARE(r.error, std::string("it broke"));
        auto j = nlohmann::json::parse(r.json);
        QCOMPARE(j["line"].get<int>(), 3);
        QCOMPARE(j["column"].get<int>(), 7);
        QVERIFY(j["stack"].get<std::string>().find("it broke") != std::string::npos);

        r = host.call("echo", "reject", "{}");
        QVERIFY(!r.ok);
        QCOMPARE(r.error, std::string("async broke"));
        QCOMPARE(nlohmann::json::parse(r.json)["name"].get<std::string>(), "TypeError");

        r = host.call("echo", "nope", "{}");
        QVERIFY(!r.ok);
        QVERIFY(r.error.find("no function 'nope'") != std::string::npos);
        r = host.call("missing", "x", "{}");
        QVERIFY(!r.ok);
        QVERIFY(r.error.find("no tool named 'missing'") != std::string::npos);

        // an exception from a timer and an unhandled rejection are logged, not fatal
        QVERIFY(host.call("echo", "throwLater", "{}").ok);
        QVERIFY(host.call("echo", "later", R"({"ms":20})").ok);

        host.registerTool("broken", "module.exports = {}; throw new Error('bad tool source');");
        r = host.call("broken", "x", "{}");
        QVERIFY(!r.ok);
        QCOMPARE(r.error, std::string("bad tool source"));
        // the host is fine afterwards
        QVERIFY(host.call("echo", "add", R"({"a":1,"b":2})").ok);
        QCOMPARE(host.generation(), 1);
    }

    void callsInterleaveAndTimeOut()
    {
        ToolHost host(opts());
        host.registerTool("echo", kEcho);
        auto slow = std::async(std::launch::async,
                               [&] { return host.call("echo", "later", R"({"ms":300})"); });
        std::this_thread::sleep_for(50ms);
        auto fast = host.call("echo", "add", R"({"a":1,"b":2})");
        QVERIFY(fast.ok); // not queued behind the awaiting call
        QVERIFY(slow.get().ok);
        auto r = host.call("echo", "later", R"({"ms":2000})", 100ms);
        QVERIFY(!r.ok);
        QVERIFY(r.timedOut);
        QVERIFY(r.error.find("timed out after 100 ms") != std::string::npos);
        QVERIFY(host.call("echo", "add", R"({"a":1,"b":2})").ok);
    }

    void spinningToolIsStoppedAndHostRestarts()
    {
        ToolHost host(opts(300));
        host.registerTool("echo", kEcho);
        QVERIFY(host.call("echo", "add", R"({"a":1,"b":2})").ok);
        auto r = host.call("echo", "spin", "{}", 20s);
        QVERIFY(!r.ok);
        QVERIFY(!r.timedOut);
        QVERIFY2(r.error.find("CPU time limit") != std::string::npos, r.error.c_str());
        r = host.call("echo", "add", R"({"a":1,"b":2})");
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(nlohmann::json::parse(r.json)["calls"].get<int>(), 1); // a fresh environment
        QCOMPARE(host.generation(), 2);
    }

    void processExitRestartsTheHost()
    {
        ToolHost host(opts());
        host.registerTool("echo", kEcho);
        auto r = host.call("echo", "exit", R"({"code":3})");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("process.exit(3)") != std::string::npos, r.error.c_str());
        r = host.call("echo", "add", R"({"a":1,"b":2})");
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(host.generation(), 2);
        host.restart();
        QVERIFY(host.call("echo", "add", R"({"a":1,"b":2})").ok);
        QCOMPARE(host.generation(), 3);
    }

    void loadsPackagesEsmAndAddons()
    {
        ToolHost host(opts());
        host.registerTool("echo", kEcho);
        auto r = host.call("echo", "resolveTool", R"({"name":"postcss"})");
        QVERIFY2(r.ok, r.error.c_str());
        QVERIFY(r.json.find("tools/js/node_modules/postcss") != std::string::npos);
        r = host.call("echo", "importEsm", "{}");
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.json, std::string("42"));
        // lightningcss is an N-API addon: it loads in libnode 18
        r = host.call("echo", "lightning",
                      R"({"code":".a { color: red; & .b { color: blue } }","module":true})");
        QVERIFY2(r.ok, r.error.c_str());
        auto j = nlohmann::json::parse(r.json);
        const auto code = j["code"].get<std::string>();
        QVERIFY2(code.find(" .") != std::string::npos && code.find('&') == std::string::npos,
                 code.c_str()); // nesting lowered for Chrome 100
        QVERIFY(j["exports"].contains("a"));
    }
};

QTEST_GUILESS_MAIN(TstToolHost)
#include "tst_tool_host.moc"
