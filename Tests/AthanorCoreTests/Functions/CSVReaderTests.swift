import Testing

@testable import AthanorCore

@Suite struct CSVReaderTests {
    @Test func headerNamesTheFieldsAndEveryCellIsAString() throws {
        let records = try CSVReader.records("statement,truth\nWater boils.,true\nSpiders are insects.,false\n")
        #expect(records.count == 2)
        #expect(records[0]["statement"] == .string("Water boils."))
        #expect(records[1]["truth"] == .string("false"))
        #expect(records[0].keys == ["statement", "truth"])
    }

    @Test func quotedFieldsHoldCommasNewlinesAndDoubledQuotes() throws {
        let records = try CSVReader.records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\nthere\"\r\n")
        #expect(records.count == 1)
        #expect(records[0]["a"] == .string("x, y"))
        #expect(records[0]["b"] == .string("say \"hi\"\nthere"))
    }

    @Test func aShortRowIsAnErrorNamingTheRow() {
        #expect(throws: CSVReader.Failure.self) { try CSVReader.records("a,b\n1,2\n3\n") }
        do {
            _ = try CSVReader.records("a,b\n1,2\n3\n")
        } catch {
            #expect(error.description == "row 3 has 1 cells but the header has 2")
        }
    }

    @Test func aByteOrderMarkBeforeTheHeaderIsDropped() throws {
        let records = try CSVReader.records("\u{FEFF}a,b\r\n1,2\r\n")
        #expect(records[0].keys == ["a", "b"])
        #expect(records[0]["a"] == .string("1"))
    }

    @Test func twoColumnsWithOneNameAreAnErrorNamingBoth() {
        #expect(throws: CSVReader.Failure.self) { try CSVReader.records("a,b,a\n1,2,3\n") }
        do {
            _ = try CSVReader.records("a,b,a\n1,2,3\n")
        } catch {
            #expect(error.description == "columns 1 and 3 are both named 'a'")
        }
    }

    @Test func jsonlLinesMayEndWithCRLFAndBlankLinesAreSkipped() throws {
        let rows = try DataFunctions.jsonlRows("{\"a\": 1}\r\n\r\n{\"a\": 2}\r\n")
        #expect(rows == [["a": 1], ["a": 2]])
        #expect(throws: DataFunctions.JSONLFailure.self) { try DataFunctions.jsonlRows("{\"a\": 1}\r\n{oops\r\n") }
        do {
            _ = try DataFunctions.jsonlRows("{\"a\": 1}\r\n{oops\r\n")
        } catch {
            #expect(error.line == 2)
        }
    }
}
