// Request bytes as data: UTF-8 repair for JSON and the journal, and the worker's request URL.
#include "core/httpTypes.h"
#include "core/utf8.h"

#include <QTest>

#include <nlohmann/json.hpp>

class TestRequestBytes : public QObject {
    Q_OBJECT
private slots:
    void validUtf8IsKept()
    {
        for (const std::string text :
             {"", "plain", "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"}) {
            QVERIFY(sy::isValidUtf8(text));
            QCOMPARE(sy::toValidUtf8(text), text);
        }
    }

    void invalidBytesBecomeReplacementCharacters_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("repaired");
        const QByteArray r("\xef\xbf\xbd");
        QTest::newRow("lone 0xff") << QByteArray("/\xff") << QByteArray("/") + r;
        QTest::newRow("continuation only") << QByteArray("\x80x") << r + "x";
        QTest::newRow("truncated") << QByteArray("a\xc3") << QByteArray("a") + r;
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << r + r;
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << r + r + r;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << r + r + r;
        QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << r + r + r + r;
        QTest::newRow("latin1 cookie") << QByteArray("caf\xe9;") << QByteArray("caf") + r + ";";
    }
    void invalidBytesBecomeReplacementCharacters()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, repaired);
        const std::string text = bytes.toStdString();
        QVERIFY(!sy::isValidUtf8(text));
        const std::string out = sy::toValidUtf8(text);
        QCOMPARE(QByteArray::fromStdString(out), repaired);
        QVERIFY(sy::isValidUtf8(out));
        // What the journal does with it: JSON that never throws.
        QCOMPARE(QByteArray::fromStdString(nlohmann::json(out).get<std::string>()), repaired);
    }

    void requestUrlEncodesWhatAUrlCannotHoldRaw()
    {
        QCOMPARE(sy::requestUrl("http://localhost:5173", "/\xff?q=\xc3\xa9&x=%41"),
                 std::string("http://localhost:5173/%FF?q=%C3%A9&x=%41"));
        QCOMPARE(sy::requestUrl("http://h", std::string("/a b\x01\x7f", 6)),
                 std::string("http://h/a%20b%01%7F"));
        QCOMPARE(sy::requestUrl("http://h", "/src/a.tsx?v=1#x"),
                 std::string("http://h/src/a.tsx?v=1#x"));
    }
};

QTEST_GUILESS_MAIN(TestRequestBytes)
#include "tst_request_bytes.moc"
