/// A monotonic time source in nanoseconds. The engine, its schedulers and its transport read
/// the same one, so a test can drive the whole engine on a manual clock.
public protocol LoadClock: Sendable {
    /// The current time in nanoseconds on an arbitrary monotonic origin.
    func now() -> UInt64
    /// An instant a driver reported (a request's end), as nanoseconds on this clock.
    func nanos(_ instant: ContinuousClock.Instant) -> UInt64
}
