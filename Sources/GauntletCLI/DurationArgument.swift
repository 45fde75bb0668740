import GauntletUnits
import ArgumentParser
import GauntletScenario

/// A duration on the command line: `250ms`, `30s`, `2m`.
///
/// Options declare it with `transform: DurationArgument.parse`, so that a refused value says why
/// (`--timeout 5`: "a duration needs a unit: 5s, 250ms, 2m") rather than only that it is invalid.
struct DurationArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    /// The parsed duration.
    var value: Duration

    init(_ value: Duration) { self.value = value }

    init?(argument: String) {
        guard let value = DurationText.parse(argument) else { return nil }
        self.value = value
    }

    /// Parses a flag's value.
    /// - Throws: `DurationTextError`, which ArgumentParser prints after "The value '5' is invalid
    ///   for '--timeout <timeout>': ".
    @Sendable static func parse(_ argument: String) throws(DurationTextError) -> DurationArgument {
        DurationArgument(try DurationText.parseExplained(argument))
    }

    var defaultValueDescription: String { DurationText.format(value) }

    /// The duration in its short form, as help shows defaults.
    var description: String { DurationText.format(value) }
}
