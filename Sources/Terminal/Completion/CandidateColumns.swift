/// Lays out a list of candidates in columns across the terminal, filled top to bottom like `ls` and readline.
enum CandidateColumns {
    static func format(_ names: [String], width: Int) -> String {
        guard let longest = names.map(\.count).max() else { return "" }
        let columnWidth = longest + 2
        let columns = max(1, min(names.count, max(width, columnWidth) / columnWidth))
        let rows = (names.count + columns - 1) / columns
        var lines: [String] = []
        for row in 0..<rows {
            var line = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < names.count else { break }
                let name = names[index]
                let isLastInRow = column == columns - 1 || index + rows >= names.count
                line += isLastInRow ? name : name + String(repeating: " ", count: columnWidth - name.count)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
