import AthanorCore

/// `show_run`'s page cursor: where the last page ended in plan order (`ResultPosition`), as the
/// opaque text a client passes back, `"<point index>.<row id>"`.
enum ResultCursor {
    static func text(_ position: ResultPosition) -> String {
        "\(position.pointIndex).\(position.rowID)"
    }

    static func position(_ text: String) -> ResultPosition? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), index >= 0, let row = Int64(parts[1]), row >= 0 else {
            return nil
        }
        return ResultPosition(pointIndex: index, rowID: row)
    }
}
