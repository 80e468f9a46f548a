import AthanorLanguage
import Foundation

/// The settings `:set NAME VALUE` changes while a session runs, read live: by the interpreter when it plans
/// (`concurrency`) and by the terminal output when it renders (`top`, `color`), so a change applies to the
/// next cell without rebuilding either.
///
/// A class behind a lock because the meta-command writing it and the output reading it run on different
/// tasks. `cache` turns the response cache on for the next requests (`CachingProvider` reads it);
/// `stream` shows an `ask`'s answer token by token as it arrives (on by default); `pager` sends output taller
/// than the screen through the pager (on by default). The names are `SettingName`'s.
public final class SessionSettings: @unchecked Sendable {  // every stored property is guarded by `lock`
    /// A value `:set` rejected, with the sentence to show.
    public struct InvalidSetting: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static let names = SettingName.allCases.map(\.rawValue)
    public static let topRange = 0...20
    public static let concurrencyRange = 1...256

    private let lock = NSLock()
    private var _concurrency: Int?
    private var _top: Int
    private var _maxCost: Double?
    /// The on/off settings, each with its value (defaults here).
    private var switches: [SettingName: Bool]

    public init(top: Int = 5, color: Bool = true, concurrency: Int? = nil) {
        _top = top
        _concurrency = concurrency
        switches = [.color: color, .timing: false, .cache: false, .stream: true, .pager: true, .enqueue: false]
    }

    /// Requests in flight at once for plans that do not say; nil leaves the interpreter's default.
    public var concurrency: Int? { lock.withLock { _concurrency } }
    /// Alternatives shown per token.
    public var top: Int { lock.withLock { _top } }
    /// Colour on a terminal that allows it; `off` wins over the terminal.
    public var color: Bool { isOn(.color) }
    /// Whether the REPL prints how long each cell took.
    public var timing: Bool { isOn(.timing) }
    /// Serve identical requests from the response cache; off by default, because sampling needs fresh answers.
    public var cache: Bool { isOn(.cache) }
    /// Stream a single `ask`'s answer to a terminal as it arrives; off sends it whole.
    public var stream: Bool { isOn(.stream) }

    /// Whether output taller than the screen goes through the pager (the terminal output decides the rest).
    public var pager: Bool { isOn(.pager) }

    /// USD a plan may be estimated to cost at most before it is refused unsent (`CostEstimate`); nil for no budget.
    public var maxCost: Double? { lock.withLock { _maxCost } }

    /// Store each ask's and sweep's run and plan for workers (`athanor worker`) instead of sending
    /// it; statements that read answers are checked, not run.
    public var enqueue: Bool { isOn(.enqueue) }

    /// Each setting and its current value, for `:set` without arguments.
    public var listing: [(name: String, value: String)] {
        lock.withLock {
            SettingName.allCases.map { name in
                let value =
                    switch name {
                    case .concurrency: _concurrency.map(String.init) ?? "default"
                    case .top: String(_top)
                    case .maxCost: _maxCost.map(CostEstimate.format) ?? "off"
                    case .color, .timing, .cache, .stream, .pager, .enqueue: switches[name] == true ? "on" : "off"
                    }
                return (name.rawValue, value)
            }
        }
    }

    /// Validates and stores one setting, e.g. `assign("top", "10")`.
    public func assign(_ name: String, _ value: String) throws(InvalidSetting) {
        let value = value.trimmingCharacters(in: .whitespaces)
        guard let setting = SettingName(rawValue: name) else {
            throw InvalidSetting(
                description: "there is no setting '\(name)'; settings: \(Self.names.joined(separator: ", "))")
        }
        switch setting {
        case .concurrency:
            let n = try Self.integer(value, name: name, in: Self.concurrencyRange)
            lock.withLock { _concurrency = n }
        case .top:
            let n = try Self.integer(value, name: name, in: Self.topRange)
            lock.withLock { _top = n }
        case .maxCost:
            let budget = try Self.dollars(value, name: name)
            lock.withLock { _maxCost = budget }
        case .color, .timing, .cache, .stream, .pager, .enqueue:
            let on = try Self.switchValue(value, name: name)
            lock.withLock { switches[setting] = on }
        }
    }

    private func isOn(_ setting: SettingName) -> Bool {
        lock.withLock { switches[setting] == true }
    }

    private static func integer(_ text: String, name: String, in range: ClosedRange<Int>) throws(InvalidSetting) -> Int
    {
        guard let n = Int(text), range.contains(n) else {
            throw InvalidSetting(description: "\(name) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return n
    }

    /// US dollars, 0 or more, with or without "$"; "off" for none.
    private static func dollars(_ text: String, name: String) throws(InvalidSetting) -> Double? {
        if text.lowercased() == "off" { return nil }
        let digits = text.hasPrefix("$") ? String(text.dropFirst()) : text
        guard let amount = Double(digits), amount >= 0, amount.isFinite else {
            throw InvalidSetting(description: "\(name) must be an amount of US dollars (e.g. 0.50), or off")
        }
        return amount
    }

    private static func switchValue(_ text: String, name: String) throws(InvalidSetting) -> Bool {
        switch text.lowercased() {
        case "on", "true", "yes", "1": return true
        case "off", "false", "no", "0": return false
        default: throw InvalidSetting(description: "\(name) must be on or off")
        }
    }
}
