import AthanorCore
import PostgresStore
import Testing

@Suite struct SQLTests {
    @Test func interpolatedValuesBecomeNumberedPlaceholders() {
        let id: Int64 = 7
        let title = "intro"
        let sql: SQL = "SELECT id FROM cells WHERE session_id = \(id) AND title = \(title)"
        #expect(sql.text == "SELECT id FROM cells WHERE session_id = $1 AND title = $2")
        #expect(sql.binds == ["7", "intro"])
    }

    @Test func quotesStayInTheBindNotTheText() {
        let evil = "'; drop table x; --"
        let sql: SQL = "INSERT INTO t VALUES (\(evil))"
        #expect(sql.text == "INSERT INTO t VALUES ($1)")
        #expect(sql.binds == [evil])
        #expect(sql.description == sql.text)
    }

    @Test func nilBindsNULL() {
        let missing: String? = nil
        let sql: SQL = "SELECT \(missing), \(Int64?.none)"
        #expect(sql.binds == [nil, nil])
    }

    @Test func typedValuesUsePostgresTextFormat() {
        let json: JSONValue = ["a": 1, "b": [true, nil]]
        let ids: [Int64] = [3, 1, 2]
        let sql: SQL = "SELECT \(true), \(1.5), \(json)::jsonb, \(ids)::bigint[], \(Double.infinity)"
        #expect(sql.binds == ["true", "1.5", #"{"a":1,"b":[true,null]}"#, "{3,1,2}", "Infinity"])
    }

    @Test func nulInATextValueIsReplaced() {
        let sql: SQL = "SELECT \("a\u{0}b")"
        #expect(sql.binds == ["a\u{FFFD}b"])
    }

    @Test func identifiersAreQuotedAndUnsafeTextIsVerbatim() {
        let sql: SQL = "CREATE DATABASE \(identifier: #"we"ird"#) \(unsafe: "TEMPLATE template0")"
        #expect(sql.text == #"CREATE DATABASE "we""ird" TEMPLATE template0"#)
        #expect(sql.binds.isEmpty)
        #expect(SQL(unsafe: "SELECT 1").text == "SELECT 1")
    }
}
