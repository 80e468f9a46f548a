import AthanorCore

/// How values read in the terminal: probabilities as numbers, strings bare inside tables.
enum ValueText {
    static func cell(_ value: Value) -> String {
        switch value {
        case .string(let s): s
        case .null: "–"
        default: value.plainText
        }
    }
}
