/// RFC 4180 CSV: a header row, then one record per row; every cell is a string.
///
/// Quoted fields may hold commas, newlines and doubled quotes. A byte-order mark before the header
/// is dropped. Two columns with one name, or a row with a different number of cells than the
/// header, is an error that names them.
enum CSVReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func records(_ text: String) throws(Failure) -> [Record] {
        let rows = parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
            .filter { !($0.count == 1 && $0[0].isEmpty) }
        guard let header = rows.first else { return [] }
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if let first = seen[name] {
                throw Failure(description: "columns \(first + 1) and \(i + 1) are both named '\(name)'")
            }
            seen[name] = i
        }
        return try rows.dropFirst().enumerated().map { (i, row) throws(Failure) -> Record in
            guard row.count == header.count else {
                throw Failure(description: "row \(i + 2) has \(row.count) cells but the header has \(header.count)")
            }
            return Record(zip(header, row).map { Record.Field($0, .string($1)) })
        }
    }

    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
