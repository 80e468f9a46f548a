import AthanorLanguage

/// Source text with position markers (`1️⃣`, `2️⃣`, ...) removed and their locations recorded, so a
/// test can say where a diagnostic should point without counting columns by hand.
struct MarkedSource {
    let text: String
    private(set) var markers: [String: SourceLocation] = [:]

    init(_ marked: String) {
        var text = String.UnicodeScalarView()
        var line = 1
        var column = 1
        var offset = 0
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if ("1"..."9").contains(scalar), index + 2 < scalars.count, scalars[index + 1] == "\u{FE0F}",
                scalars[index + 2] == "\u{20E3}"
            {
                markers[String(scalar)] = SourceLocation(line: line, column: column, offset: offset)
                index += 3
                continue
            }
            text.append(scalar)
            offset += UTF8.width(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        self.text = String(text)
    }

    subscript(marker: String) -> SourceLocation {
        markers[marker] ?? SourceLocation(line: 0, column: 0, offset: 0)
    }
}
