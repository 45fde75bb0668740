import Foundation
import GauntletLoad

/// A base-10 logarithmic value axis over whole decades, for latencies that span several orders
/// of magnitude (warm requests of a few milliseconds beside cold starts of hundreds).
struct LogAxis {
    /// The lowest decade's exponent: the axis starts at 10^low.
    var low: Int
    /// The highest decade's exponent: the axis ends at 10^high (always above `low`).
    var high: Int

    /// The smallest value the axis shows; anything below (zero included) sits on the bottom.
    static let floor = 0.001

    /// The decades that hold every positive value in `values`, at least one decade wide.
    init(covering values: [Double]) {
        let positive = values.filter { $0 > 0 && $0.isFinite }.map { max($0, Self.floor) }
        let low = Int((log10(positive.min() ?? 1)).rounded(.down))
        let high = Int((log10(positive.max() ?? 10)).rounded(.up))
        self.low = low
        self.high = max(high, low + 1)
    }

    /// Where `value` falls, 0 at the bottom of the axis and 1 at the top.
    func fraction(_ value: Double) -> Double {
        let clamped = min(max(value, pow(10, Double(low))), pow(10, Double(high)))
        return (log10(clamped) - Double(low)) / Double(high - low)
    }

    /// Labelled ticks: every decade, and 2 and 5 within each when the axis spans at most two
    /// decades (so a narrow axis still reads).
    var ticks: [(value: Double, label: String)] {
        let steps: [Double] = high - low <= 2 ? [1, 2, 5] : [1]
        var ticks: [(Double, String)] = []
        for exponent in low...high {
            for step in steps {
                let value = step * pow(10, Double(exponent))
                guard exponent < high || step == 1 else { continue }
                ticks.append((value, LoadFormat.number(value, decimals: 3)))
            }
        }
        return ticks
    }
}
