import GauntletUnits
import Foundation

/// How the Event API imitates an AWS Lambda function behind API Gateway, so that cold starts,
/// throttling and timeouts can be provoked and measured locally against a known truth.
///
/// Off unless set on ``APIConfiguration/lambda``. Each request is served by an *instance*: the
/// most recently used free warm one, or a new one that first pays the cold start. Free
/// instances idle longer than ``idleTimeout`` are reclaimed. With ``maxConcurrency`` requests
/// in flight, the next one is throttled (429). A request not answered within ``timeout`` gets a
/// 504. See ``LambdaMiddleware`` for the responses and headers.
public struct LambdaEmulation: Sendable, Hashable {
    /// How long a new instance takes to start: a fixed duration or a uniform range.
    public var coldStart: DurationRange
    /// How long the function itself takes on every invocation, warm or cold (default none:
    /// the handler's own time). A Python function's warm invocations take a few milliseconds.
    public var warmTime: DurationRange
    /// Now and then, a warm invocation stalls (a garbage collection, a noisy neighbour): none
    /// by default.
    public var warmStall: Stall?
    /// How long a free instance may stay idle before it is reclaimed (Lambda: minutes).
    public var idleTimeout: Duration
    /// The most requests served at once; `nil` for no limit.
    public var maxConcurrency: Int?
    /// The longest a request may take, cold start included, as API Gateway's integration
    /// timeout counts it; `nil` for none.
    public var timeout: Duration?

    /// Creates an emulation.
    /// - Parameters:
    ///   - coldStart: The start-up time of each new instance (default 500ms).
    ///   - idleTimeout: When idle instances are reclaimed (default 5 minutes).
    ///   - maxConcurrency: Requests in flight beyond which the next is throttled (default none).
    ///   - timeout: When a request is answered 504 (default 29 s, API Gateway's limit).
    ///   - warmTime: The function's own time on every invocation (default none).
    ///   - warmStall: Occasional stalls of warm invocations (default none).
    public init(
        coldStart: DurationRange = .fixed(.milliseconds(500)),
        idleTimeout: Duration = .seconds(300),
        maxConcurrency: Int? = nil,
        timeout: Duration? = .seconds(29),
        warmTime: DurationRange = .fixed(.zero),
        warmStall: Stall? = nil
    ) {
        self.coldStart = coldStart
        self.warmTime = warmTime
        self.warmStall = warmStall
        self.idleTimeout = idleTimeout
        self.maxConcurrency = maxConcurrency.map { max(1, $0) }
        self.timeout = timeout
    }
}

// MARK: - Durations

extension LambdaEmulation {
    /// A cold start's (or an invocation's) duration: fixed (`800ms`) or drawn uniformly from a
    /// range (`600ms..1200ms`).
    public struct DurationRange: Sendable, Hashable, CustomStringConvertible {
        /// The shortest duration.
        public var lower: Duration
        /// The longest duration (equal to ``lower`` when fixed).
        public var upper: Duration

        /// Exactly `duration`.
        public static func fixed(_ duration: Duration) -> DurationRange {
            DurationRange(lower: duration, upper: duration)
        }

        /// Drawn uniformly from `range`.
        public static func uniform(_ range: ClosedRange<Duration>) -> DurationRange {
            DurationRange(lower: range.lowerBound, upper: range.upperBound)
        }

        private init(lower: Duration, upper: Duration) {
            self.lower = lower
            self.upper = upper
        }

        /// Parses `800ms`, `1.5s` or a range `600ms..1200ms`; nil when `text` is neither, or the
        /// range is reversed.
        public init?(parsing text: String) {
            let bounds = text.split(separator: "..", omittingEmptySubsequences: false)
            if bounds.count == 1, let fixed = LambdaEmulation.duration(parsing: text) {
                self = .fixed(fixed)
            } else if bounds.count == 2,
                let lower = LambdaEmulation.duration(parsing: String(bounds[0])),
                let upper = LambdaEmulation.duration(parsing: String(bounds[1])),
                lower <= upper
            {
                self = .uniform(lower...upper)
            } else {
                return nil
            }
        }

        /// One duration.
        public func sample() -> Duration {
            var generator = SystemRandomNumberGenerator()
            return self.sample(using: &generator)
        }

        /// One duration, drawn with `generator`.
        public func sample(using generator: inout some RandomNumberGenerator) -> Duration {
            guard self.upper > self.lower else { return self.lower }
            let span = (self.upper - self.lower).nanoseconds
            return self.lower + .nanoseconds(Int64.random(in: 0...span, using: &generator))
        }

        /// `800ms` or `600ms..1200ms`.
        public var description: String {
            self.lower == self.upper
                ? LambdaEmulation.format(self.lower)
                : "\(LambdaEmulation.format(self.lower))..\(LambdaEmulation.format(self.upper))"
        }
    }
}

// MARK: - Duration text

extension LambdaEmulation {
    /// Parses `250ms`, `1.5s`, `2m`, `500us` or `1h` (the package's one duration syntax); nil for anything else.
    public static func duration(parsing text: String) -> Duration? {
        DurationText.parse(text)
    }

    /// `850ms`, `1500ms`, `30s`, `0.0005s`: whole seconds in seconds, whole milliseconds in
    /// milliseconds, anything finer in fractional seconds.
    static func format(_ duration: Duration) -> String {
        let nanoseconds = duration.nanoseconds
        if nanoseconds >= 1_000_000_000, nanoseconds % 1_000_000_000 == 0 { return "\(nanoseconds / 1_000_000_000)s" }
        if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
        return "\(Double(nanoseconds) / 1e9)s"
    }
}

extension Duration {
    /// The whole nanoseconds of this duration.
    var nanoseconds: Int64 {
        self.components.seconds * 1_000_000_000 + self.components.attoseconds / 1_000_000_000
    }
}

extension LambdaEmulation: CustomStringConvertible {
    /// `cold start 600ms..1200ms, idle timeout 30s, max concurrency 10, timeout 29s`, then the
    /// warm time and stalls when set.
    public var description: String {
        let limit = self.maxConcurrency.map(String.init) ?? "none"
        let timeout = self.timeout.map(Self.format) ?? "none"
        var text = "cold start \(self.coldStart), idle timeout \(Self.format(self.idleTimeout)), max concurrency \(limit), timeout \(timeout)"
        if self.warmTime.upper > .zero { text += ", warm time \(self.warmTime)" }
        if let stall = self.warmStall { text += ", warm stalls \(stall)" }
        return text
    }
}

// MARK: - Presets

extension LambdaEmulation {
    /// Lambda on a compressed time scale: cold starts of 250–500 ms and instances reclaimed
    /// after 1 s idle (minutes on AWS), so that a load of a few seconds sees every kind of cold
    /// start; warm invocations take 2–8 ms, as a small function behind API Gateway does (an
    /// instance held for far less than the client's own turnaround lets the deployment's pool
    /// shrink below what the client sees, a case the statistical method cannot foresee).
    /// `gauntlet selftest` runs `Scenarios/load/cold-starts.yaml`, sized for it, this way.
    public static let compressedTime = LambdaEmulation(
        coldStart: .uniform(.milliseconds(250) ... .milliseconds(500)),
        idleTimeout: .seconds(1),
        warmTime: .uniform(.milliseconds(2) ... .milliseconds(8))
    )
}
