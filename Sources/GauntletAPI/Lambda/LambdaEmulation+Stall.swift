extension LambdaEmulation {
    /// Occasional stalls of warm invocations, as a garbage-collected runtime or a busy host has
    /// them: with ``probability``, a warm invocation takes ``duration`` longer. They look like
    /// cold starts by latency alone, which is what the cold-start analysis must not be fooled by.
    public struct Stall: Sendable, Hashable, CustomStringConvertible {
        /// How much longer a stalled invocation takes.
        public var duration: DurationRange
        /// The share of warm invocations that stall, 0–1.
        public var probability: Double

        /// Creates a stall.
        /// - Parameters:
        ///   - duration: The added time, fixed or a range.
        ///   - probability: The share of warm invocations that stall, clamped to 0–1.
        public init(duration: DurationRange, probability: Double) {
            self.duration = duration
            self.probability = min(1, max(0, probability))
        }

        /// Parses `DURATION@PERCENT`: `138ms@2%`, `50ms..150ms@0.5%`; nil for anything else.
        public init?(parsing text: String) {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].hasSuffix("%"), let duration = DurationRange(parsing: String(parts[0])),
                let percent = Double(parts[1].dropLast()), percent >= 0, percent <= 100
            else { return nil }
            self.init(duration: duration, probability: percent / 100)
        }

        /// The added time for one warm invocation: zero unless it stalls.
        public func sample(using generator: inout some RandomNumberGenerator) -> Duration {
            Double.random(in: 0..<1, using: &generator) < self.probability ? self.duration.sample(using: &generator) : .zero
        }

        /// `50ms..150ms@2%`.
        public var description: String {
            "\(self.duration)@\(Self.percent(self.probability))%"
        }

        private static func percent(_ share: Double) -> String {
            let value = share * 100
            return value == value.rounded() ? String(Int(value)) : String(value)
        }
    }
}
