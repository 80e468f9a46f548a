/// String literals: `"..."` and `"""` multi-line strings, escapes, and `{{ }}` placeholders.
///
/// Both forms come down to a list of content lines (scalar index ranges into the source) and an
/// indentation to drop from each; the content is then read scalar by scalar from the source, so
/// every placeholder keeps its exact source range even after a `"""` string's indentation is removed.
extension Lexer {
    mutating func lexString() {
        if buffer[index + 1] == "\"", buffer[index + 2] == "\"" {
            lexMultilineString()
        } else {
            lexSingleLineString()
        }
    }

    private mutating func lexSingleLineString() {
        let start = index
        var end = start + 1
        while let scalar = buffer[end], scalar != "\"", scalar != "\n" {
            end += buffer[end] == "\\" && buffer[end + 1] != "\n" && buffer[end + 1] != nil ? 2 : 1
        }
        var builder = TemplateBuilder()
        appendContent(start + 1..<end, to: &builder)
        if buffer[end] == "\"" {
            emit(.string(builder.template), start..<end + 1)
        } else {
            report(.unterminatedString(at: buffer.range(start..<end)))
            if end == buffer.count { unterminatedStringAtEnd = start }
            emit(.string(builder.template), start..<end)
        }
    }

    /// Like Swift: content starts on the line after the opening `"""`, the line break before the
    /// closing `"""` is not part of it, and the indentation common to the content lines and the
    /// closing line is removed.
    private mutating func lexMultilineString() {
        let start = index
        var lines: [Range<Int>] = []
        var lineStart = start + 3
        var cursor = lineStart
        var closing: Int?
        while let scalar = buffer[cursor] {
            if scalar == "\\", buffer[cursor + 1] != "\n", buffer[cursor + 1] != nil {
                cursor += 2
            } else if scalar == "\"", buffer[cursor + 1] == "\"", buffer[cursor + 2] == "\"" {
                closing = cursor
                break
            } else if scalar == "\n" {
                lines.append(lineStart..<cursor)
                lineStart = cursor + 1
                cursor += 1
            } else {
                cursor += 1
            }
        }
        lines.append(lineStart..<min(cursor, buffer.count))

        var closingIndentation: Range<Int>?
        if let first = lines.first, first.allSatisfy(buffer.isBlank) {
            lines.removeFirst()
        } else if let first = lines.first {
            report(.multilineStringContentOnOpeningLine(at: buffer.range(first)))
        }
        if closing != nil, let last = lines.last, last.lowerBound > start + 3, last.allSatisfy(buffer.isIndentation) {
            closingIndentation = last
            lines.removeLast()
        }
        let indentation = commonIndentation(of: lines, closing: closingIndentation)

        var builder = TemplateBuilder()
        for (number, line) in lines.enumerated() {
            if number > 0 { builder.append("\n") }
            if line.allSatisfy(buffer.isBlank) {
                // A white-space line shorter than the indentation is an empty line, as in Swift.
                if line.count > indentation {
                    appendContent(line.lowerBound + indentation..<line.upperBound, to: &builder)
                }
            } else {
                appendContent(line.lowerBound + indentation..<line.upperBound, to: &builder)
            }
        }
        if let closing {
            emit(.string(builder.template), start..<closing + 3)
        } else {
            endsInsideMultilineString = true
            report(.unterminatedMultilineString(at: buffer.range(start..<start + 3)))
            emit(.string(builder.template), start..<buffer.count)
        }
    }

    /// The length of the leading white space shared by every non-blank line and the closing line.
    private func commonIndentation(of lines: [Range<Int>], closing: Range<Int>?) -> Int {
        var prefix: [Unicode.Scalar]?
        let candidates = lines.filter { !$0.allSatisfy(buffer.isBlank) } + (closing.map { [$0] } ?? [])
        for line in candidates {
            let leading = line.prefix { buffer.isIndentation($0) }.map { buffer.scalars[$0] }
            guard let current = prefix else {
                prefix = leading
                continue
            }
            prefix = Array(zip(current, leading).prefix { $0 == $1 }.map(\.0))
        }
        return prefix?.count ?? 0
    }

    /// Reads literal content: escapes become their scalars, `{{ path }}` becomes a placeholder.
    private mutating func appendContent(_ content: Range<Int>, to builder: inout TemplateBuilder) {
        var cursor = content.lowerBound
        // Where a search for `}}` has already failed: no `{{` after it can be closed either, so
        // 10,000 unclosed `{{` cost one scan, not 10,000.
        var unclosedFrom = Int.max
        while cursor < content.upperBound, let scalar = buffer[cursor] {
            if scalar == "\\" {
                cursor = appendEscape(at: cursor, limit: content.upperBound, to: &builder)
            } else if scalar == "{", buffer[cursor + 1] == "{", cursor + 1 < content.upperBound {
                cursor = appendPlaceholder(
                    at: cursor, limit: content.upperBound, unclosedFrom: &unclosedFrom, to: &builder)
            } else {
                builder.append(scalar)
                cursor += 1
            }
        }
    }

    /// Returns the index after the escape.
    private mutating func appendEscape(at start: Int, limit: Int, to builder: inout TemplateBuilder) -> Int {
        guard start + 1 < limit, let next = buffer[start + 1] else {
            report(.invalidEscape("\\", at: buffer.range(start..<start + 1)))
            return start + 1
        }
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "n": "\n", "t": "\t", "r": "\r", "0": "\0", "\"": "\"", "'": "'", "\\": "\\", "{": "{",
        ]
        if let replacement = simple[next] {
            builder.append(replacement)
            return start + 2
        }
        guard next == "u" else {
            report(.invalidEscape(buffer.text(start..<start + 2), at: buffer.range(start..<start + 2)))
            builder.append(next)
            return start + 2
        }
        // \u{1F600}: one to eight hex digits in braces, naming a valid scalar.
        var end = start + 2
        guard buffer[end] == "{", end < limit else {
            report(.invalidUnicodeEscape(buffer.text(start..<end), at: buffer.range(start..<end)))
            return end
        }
        end += 1
        while end < limit, let scalar = buffer[end], scalar != "}", end - start < 12 { end += 1 }
        let digits = buffer.text(start + 3..<end)
        let closed = end < limit && buffer[end] == "}"
        let escapeEnd = closed ? end + 1 : end
        if closed, (1...8).contains(digits.count), let value = UInt32(digits, radix: 16),
            let scalar = Unicode.Scalar(value)
        {
            builder.append(scalar)
        } else {
            report(.invalidUnicodeEscape(buffer.text(start..<escapeEnd), at: buffer.range(start..<escapeEnd)))
        }
        return escapeEnd
    }

    /// Returns the index after the placeholder; `{{` without `}}` on the same line stays text.
    private mutating func appendPlaceholder(
        at start: Int, limit: Int, unclosedFrom: inout Int, to builder: inout TemplateBuilder
    ) -> Int {
        var close = start + 2
        if start >= unclosedFrom {
            close = limit
        } else {
            while close + 1 < limit, !(buffer[close] == "}" && buffer[close + 1] == "}") { close += 1 }
        }
        guard close + 1 < limit else {
            unclosedFrom = min(unclosedFrom, start)
            report(.unclosedPlaceholder(at: buffer.range(start..<start + 2)))
            builder.append("{")
            builder.append("{")
            return start + 2
        }
        if let path = placeholderPath(in: start + 2..<close) {
            builder.appendPlaceholder(path)
        } else {
            report(.invalidPlaceholder(buffer.text(start..<close + 2), at: buffer.range(start..<close + 2)))
        }
        return close + 2
    }

    /// `name` or `name.field.field`, white space allowed around names and dots. A name may be
    /// several words (`{{review text}}`, `{{row.review text}}`): a CSV column whose header has
    /// spaces is reachable as it is written.
    private func placeholderPath(in inner: Range<Int>) -> [Identifier]? {
        var path: [Identifier] = []
        var cursor = inner.lowerBound
        func skipBlanks() { while cursor < inner.upperBound, buffer.isBlank(cursor) { cursor += 1 } }
        func skipWord() { while cursor < inner.upperBound, buffer.isIdentifierContinue(cursor) { cursor += 1 } }
        while true {
            skipBlanks()
            guard cursor < inner.upperBound, buffer.isIdentifierStart(cursor) else { return nil }
            let nameStart = cursor
            skipWord()
            var nameEnd = cursor
            while true {
                skipBlanks()
                guard cursor < inner.upperBound, cursor > nameEnd, buffer.isIdentifierContinue(cursor) else { break }
                skipWord()
                nameEnd = cursor
            }
            cursor = nameEnd
            path.append(Identifier(buffer.text(nameStart..<nameEnd), range: buffer.range(nameStart..<nameEnd)))
            skipBlanks()
            if cursor == inner.upperBound { return path }
            guard buffer[cursor] == "." else { return nil }
            cursor += 1
        }
    }
}

/// Collects a template's segments, merging adjacent text.
struct TemplateBuilder {
    private var segments: [Template.Segment] = []
    private var text = String.UnicodeScalarView()

    mutating func append(_ scalar: Unicode.Scalar) {
        text.append(scalar)
    }

    mutating func appendPlaceholder(_ path: [Identifier]) {
        flush()
        segments.append(.placeholder(path))
    }

    var template: Template {
        var copy = self
        copy.flush()
        return Template(segments: copy.segments)
    }

    private mutating func flush() {
        if !text.isEmpty { segments.append(.text(String(text))) }
        text = String.UnicodeScalarView()
    }
}
