// The JSONC reader (env/jsonc.h) against what wrangler accepts and refuses
// (jsonc-parser with allowTrailingComma), and loadProjectConfig on such files.
#include "core/jsonc.h"
#include "env/projectConfig.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>

using namespace sy;
using nlohmann::json;

namespace {
json parsed(const std::string &text)
{
    json out;
    std::string error;
    if (!parseJsonc(text, out, error))
        qFatal("parseJsonc refused valid JSONC: %s\n%s", error.c_str(), text.c_str());
    return out;
}

std::string refusal(const std::string &text)
{
    json out;
    std::string error;
    if (parseJsonc(text, out, error))
        qFatal("parseJsonc accepted invalid JSONC: %s", text.c_str());
    return error;
}
} // namespace

class TestJsonc : public QObject {
    Q_OBJECT
private slots:
    void commentMarkersInsideStringsAreText()
    {
        const json j = parsed("{\n"
                              "  \"url\": \"https://example.com/a//b\", // a comment after a URL\n"
                              "  \"glob\": \"src/**/*.ts\",\n"
                              "  \"close\": \"*/ not a comment end\",\n"
                              "  \"quote\": \"say \\\"// hi\\\" /* there */\"\n"
                              "}");
        QCOMPARE(j["url"].get<std::string>(), std::string("https://example.com/a//b"));
        QCOMPARE(j["glob"].get<std::string>(), std::string("src/**/*.ts"));
        QCOMPARE(j["close"].get<std::string>(), std::string("*/ not a comment end"));
        QCOMPARE(j["quote"].get<std::string>(), std::string("say \"// hi\" /* there */"));
        QCOMPARE(j.size(), size_t(4));
    }

    void blockCommentsAnywhereBetweenTokens()
    {
        const json j = parsed(
            "/* head */{/*a*/\"a\"/*b*/:/*c*/1/*d*/,\"b\":/* multi\nline\n*/[1,/*x*/2]}/* tail */");
        QCOMPARE(j["a"].get<int>(), 1);
        QCOMPARE(j["b"].dump(), json::array({1, 2}).dump());
    }

    void trailingCommasBeforeComments()
    {
        // The case wrangler accepts and the old reader refused: a trailing
        // comma followed by a comment, in objects and arrays.
        const json j = parsed("{\n"
                              "  \"main\": \"src/worker.tsx\",\n"
                              "  \"compatibility_flags\": [\n"
                              "    \"nodejs_compat\", // why\n"
                              "  ],\n"
                              "  \"vars\": {\n"
                              "    \"A\": \"1\", /* block */\n"
                              "    // line\n"
                              "  },\n"
                              "  \"list\": [1, 2, /* c */ ],\n"
                              "  \"nested\": [{ \"x\": 1, }, ],\n"
                              "}");
        QCOMPARE(j["main"].get<std::string>(), std::string("src/worker.tsx"));
        QCOMPARE(j["compatibility_flags"].dump(), json::array({"nodejs_compat"}).dump());
        QCOMPARE(j["vars"].dump(), json({{"A", "1"}}).dump());
        QCOMPARE(j["list"].dump(), json::array({1, 2}).dump());
        QCOMPARE(j["nested"][0]["x"].get<int>(), 1);
        QCOMPARE(j["nested"].size(), size_t(1));
    }

    void commaInsideStringIsNotTrailing()
    {
        const json j = parsed("{\"a\": \",}\", \"b\": [\",]\"]}");
        QCOMPARE(j["a"].get<std::string>(), std::string(",}"));
        QCOMPARE(j["b"][0].get<std::string>(), std::string(",]"));
    }

    void byteOrderMarkAndCrLf()
    {
        const json j = parsed("\xEF\xBB\xBF{\r\n  \"a\": 1, // c\r\n}\r\n");
        QCOMPARE(j["a"].get<int>(), 1);
    }

    void malformedInputNamesLineAndColumn()
    {
        // a missing comma on line 3
        std::string e = refusal("{\n  \"a\": 1\n  \"b\": 2\n}");
        QVERIFY2(e.rfind("line 3, column 3: ", 0) == 0, e.c_str());
        // an unterminated block comment, reported where it starts
        e = refusal("{\n  \"a\": 1 /* never closed\n}");
        QCOMPARE(e, std::string("line 2, column 10: unterminated /* comment"));
        // what jsonc-parser refuses even with allowTrailingComma
        for (const char *bad : {"{,}", "[,]", "[1,,]", "{\"a\":1,,}", "{\"a\":,}", "[1] [2]",
                                "{'a': 1}", "{\"a\": 1 /* ok */ x}", ""}) {
            e = refusal(bad);
            QVERIFY2(e.rfind("line 1, column ", 0) == 0, (std::string(bad) + " -> " + e).c_str());
        }
        // a comment never hides an error after it on a later line
        e = refusal("{\n// c\n/* d */\n  \"a\" 1\n}");
        QVERIFY2(e.rfind("line 4, column ", 0) == 0, e.c_str());
    }

    void projectConfigReadsWhatWranglerReads()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string root = dir.path().toStdString();
        std::ofstream(root + "/worker.js") << "export default {};\n";
        std::ofstream(root + "/wrangler.jsonc") << "{\n"
                                                   "  // the entry\n"
                                                   "  \"main\": \"worker.js\",\n"
                                                   "  \"vars\": {\n"
                                                   "    \"GREETING\": \"hi // not a comment\",\n"
                                                   "  }, // trailing comma, then a comment\n"
                                                   "}";
        ProjectConfig config;
        std::string error;
        QVERIFY2(
            loadProjectConfig(root, "/nonexistent-tools", config, error),
            error.c_str());
        QCOMPARE(json::parse(config.varsJson)["GREETING"].get<std::string>(),
                 std::string("hi // not a comment"));

        std::ofstream(root + "/wrangler.jsonc")
            << "{\n  \"main\": \"worker.js\"\n  \"vars\": {}\n}";
        QVERIFY(
            !loadProjectConfig(root, "/nonexistent-tools", config, error));
        QVERIFY2(error.find("wrangler.jsonc: line 3, column 3: ") != std::string::npos,
                 error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestJsonc)
#include "tst_jsonc.moc"
