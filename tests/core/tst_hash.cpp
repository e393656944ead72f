#include "core/hash.h"
#include "core/httpTypes.h"

#include <QTest>

class TestHash : public QObject {
    Q_OBJECT
private slots:
    void sha256KnownVector()
    {
        // FIPS 180-2 test vector.
        QCOMPARE(sy::sha256Hex("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sy::shortHash("abc"), std::string("ba7816bf"));
    }
    void headerLookupIsCaseInsensitive()
    {
        sy::HttpRequest req;
        req.headers = {{"Host", "127.0.0.1:5173"}, {"content-type", "text/plain"}};
        QCOMPARE(req.header("host"), std::string("127.0.0.1:5173"));
        QCOMPARE(req.header("Content-Type"), std::string("text/plain"));
        QVERIFY(req.header("origin").empty());
    }
};

QTEST_GUILESS_MAIN(TestHash)
#include "tst_hash.moc"
