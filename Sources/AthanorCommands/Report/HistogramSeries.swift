import AthanorCore
import AthanorLanguage

/// What one model's histogram counts in a report: the first-token probability of each answer,
/// counted as the results stream by (0…1 is known up front), or a `--histogram` expression's
/// values, kept (8 bytes a point) until the range they span is known.
struct HistogramSeries {
    let model: String
    private var histogram = ValueHistogram()
    private var values: [Double] = []
    private var missing = 0
    private let measured: Bool
    /// Why the expression had no value for the first point it failed for.
    private(set) var firstFailure: String?

    init(model: String, measured: Bool) {
        self.model = model
        self.measured = measured
    }

    /// Counts one result of this model.
    mutating func add(_ result: ResultValue, measure: ResultMeasure?) async {
        guard result.error == nil else {
            missing += 1
            return
        }
        guard let measure else { return histogram.add(result.completion?.tokens?.first?.probability) }
        do {
            values.append(try await measure.number(for: result))
        } catch {
            missing += 1
            if firstFailure == nil { firstFailure = "\(result.label): \(error.message)" }
        }
    }

    /// The counts to draw.
    var counted: ValueHistogram {
        if measured { return ValueHistogram(values: values, missing: missing) }
        var complete = histogram
        for _ in 0..<missing { complete.add(nil) }
        return complete
    }
}
