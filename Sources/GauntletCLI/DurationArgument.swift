import GauntletUnits
import ArgumentParser
import GauntletScenario

/// A duration on the command line: `250ms`, `30s`, `2m`.
struct DurationArgument: ExpressibleByArgument, Sendable {
    /// The parsed duration.
    var value: Duration

    init(_ value: Duration) { self.value = value }

    init?(argument: String) {
        guard let value = DurationText.parse(argument) else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { DurationText.format(value) }
}
