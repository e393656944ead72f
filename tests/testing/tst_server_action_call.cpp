// callServerAction's modules per framework (testing/serverActionCall.h): an
// rwsdk profile's action request reaches the generated protocol module, the
// Flight client is imported through the worker's bridged ssr subgraph, and an
// app on our runtime gets no such modules (its /_test route instead).
#include "env/environment.h"
#include "testing/serverActionCall.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace sy;

class TstServerActionCall : public QObject {
    Q_OBJECT

    static bool contains(const std::string &haystack, const std::string &needle)
    {
        return haystack.find(needle) != std::string::npos;
    }

private slots:
    void rwsdkProtocolModuleCarriesTheProfile()
    {
        const FrameworkProfile profile = rwsdkProfile("1.7.3");
        const std::string source = actionProtocolSource(profile);
        QVERIFY(contains(source, "export { useServerLookup as serverLookup } from "
                                 "\"virtual:use-server-lookup.js\";"));
        QVERIFY(
            contains(source, "from \"" + std::string(kSsrVirtualPrefix) + kFlightClientId + "\""));
        const size_t at = source.find("Object.freeze(");
        QVERIFY(at != std::string::npos);
        const size_t start = at + std::string("Object.freeze(").size();
        const nlohmann::json protocol =
            nlohmann::json::parse(source.substr(start, source.rfind(')') - start));
        QCOMPARE(protocol.at("actionIdParam").get<std::string>(), std::string("__rsc_action_id"));
        QCOMPARE(protocol.at("rscParam").get<std::string>(), std::string("__rsc"));
        QCOMPARE(protocol.at("queryArgsParam").get<std::string>(), std::string("args"));
        QCOMPARE(protocol.at("dataOnlyHeader").get<std::string>(), std::string("x-rsc-data-only"));
        QCOMPARE(protocol.at("resultKey").get<std::string>(), std::string("actionResult"));
        QCOMPARE(protocol.at("responseKey").get<std::string>(),
                 std::string("__rw_action_response"));
        QCOMPARE(protocol.at("methodProperty").get<std::string>(), std::string("method"));
        QCOMPARE(protocol.at("sameOrigin").get<bool>(), true);
    }

    void flightClientIsTheProfilesSsrImport()
    {
        FrameworkProfile profile = rwsdkProfile("1.2.9");
        QVERIFY(contains(flightClientSource(profile),
                         "import { encodeReply, createFromReadableStream } from "
                         "\"react-server-dom-webpack/client.edge\";"));
        profile.actionRequest.flightClientSpecifier = "other-flight/client";
        QVERIFY(contains(flightClientSource(profile), "from \"other-flight/client\""));
    }

    void aFrameworkWithoutActionRequestsGetsNoProtocol()
    {
        FrameworkProfile plainWorkers; // FrameworkKind::None
        QVERIFY(actionProtocolSource(plainWorkers).empty());
        QVERIFY(flightClientSource(plainWorkers).empty());
    }
};

QTEST_APPLESS_MAIN(TstServerActionCall)
#include "tst_server_action_call.moc"
