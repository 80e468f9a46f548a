/// Source text as Unicode scalars, with what it takes to turn a scalar index into a `SourceLocation`.
///
/// The lexer works on scalars because columns are counted in scalars; UTF-8 offsets are kept
/// alongside because other layers (and editors) address text by byte.
struct ScalarBuffer: Sendable {
    let scalars: [Unicode.Scalar]
    /// `utf8Offsets[i]` is the UTF-8 offset of scalar `i`; one extra entry for the end of the text.
    let utf8Offsets: [Int]
    /// The scalar index where each line starts; line 1 starts at 0.
    let lineStarts: [Int]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var lines = [0]
        var offset = 0
        for (index, scalar) in scalars.enumerated() {
            offsets.append(offset)
            offset += UTF8.width(scalar)
            if scalar == "\n" { lines.append(index + 1) }
        }
        offsets.append(offset)
        utf8Offsets = offsets
        lineStarts = lines
    }

    var count: Int { scalars.count }

    /// The scalar at `index`, or nil outside the text (so look-ahead needs no bounds checks).
    subscript(index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    func location(_ index: Int) -> SourceLocation {
        let index = min(max(index, 0), scalars.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(line: low + 1, column: index - lineStarts[low] + 1, offset: utf8Offsets[index])
    }

    func range(_ span: Range<Int>) -> SourceRange {
        SourceRange(start: location(span.lowerBound), end: location(span.upperBound))
    }

    /// The scalar index of a UTF-8 offset that starts a scalar (as every offset in a `SourceLocation` does).
    func index(ofOffset offset: Int) -> Int {
        var low = 0
        var high = utf8Offsets.count - 1
        while low < high {
            let middle = (low + high) / 2
            if utf8Offsets[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func text(_ span: Range<Int>) -> String {
        let span = span.clamped(to: 0..<scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[span])
        return String(view)
    }

    /// Whether `index` holds a space or tab (the white space that indents lines).
    func isIndentation(_ index: Int) -> Bool {
        self[index] == " " || self[index] == "\t"
    }

    /// White space other than a line break.
    func isBlank(_ index: Int) -> Bool {
        guard let scalar = self[index], scalar != "\n" else { return false }
        return scalar.properties.isWhitespace
    }

    func isIdentifierStart(_ index: Int) -> Bool {
        guard let scalar = self[index] else { return false }
        return scalar == "_" || scalar.properties.isXIDStart
    }

    func isIdentifierContinue(_ index: Int) -> Bool {
        guard let scalar = self[index] else { return false }
        return scalar.properties.isXIDContinue
    }

    func isDigit(_ index: Int) -> Bool {
        guard let scalar = self[index] else { return false }
        return scalar.value >= 0x30 && scalar.value <= 0x39
    }
}
