import Foundation

/// The colours of the token heat-map: probability in ten steps of 0.1 on viridis, a scale that
/// reads the same to the three common colour-vision deficiencies and in greyscale (its lightness
/// rises monotonically), each step with the text colour (black or white) that contrasts most.
/// Steps rather than a continuous colour keep the report small (a class, not a style, per token)
/// and make the legend exact.
enum HeatMapScale {
    static let steps = 10

    /// Viridis (matplotlib's colour map) near the middle of each step: 0.05, 0.15, …, 0.95.
    static let colors = [
        "#471164", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b",
        "#fde725",
    ]

    /// The step of a probability: 0 for [0, 0.1), …, 9 for [0.9, 1]; outside 0…1 (or NaN) is
    /// clamped, so a rounding error of a provider never picks a colour that does not exist.
    static func step(_ probability: Double) -> Int {
        guard probability.isFinite, probability > 0 else { return 0 }
        return min(steps - 1, Int(probability * Double(steps)))
    }

    /// Black or white, whichever contrasts more with the step's colour (WCAG relative luminance).
    static func textColor(step: Int) -> String {
        let background = luminance(colors[step])
        let onBlack = (background + 0.05) / 0.05
        let onWhite = 1.05 / (background + 0.05)
        return onBlack >= onWhite ? "#000000" : "#ffffff"
    }

    /// The contrast ratio of the step's text on its colour (≥ 4.5 is WCAG AA for text).
    static func contrast(step: Int) -> Double {
        let background = luminance(colors[step])
        let text = luminance(textColor(step: step))
        return (max(background, text) + 0.05) / (min(background, text) + 0.05)
    }

    /// One CSS rule per step: `.c0{background:…;color:…}`.
    static var css: String {
        (0..<steps).map { ".c\($0){background:\(colors[$0]);color:\(textColor(step: $0))}" }.joined()
    }

    /// WCAG relative luminance of a `#rrggbb` colour.
    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        func channel(_ shift: Int) -> Double {
            let c = Double((value >> shift) & 0xff) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
    }
}
