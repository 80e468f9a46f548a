import Foundation

/// RFC 4180 CSV, the mirror of the language's `CSVReader`: a field is quoted when it holds a
/// comma, a quote, a line break or leading/trailing white space, and quotes inside are doubled.
/// Lines end with CRLF, as the RFC says and every spreadsheet reads.
enum CSVWriter {
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    static func escape(_ field: String) -> String {
        let needsQuotes =
            field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
