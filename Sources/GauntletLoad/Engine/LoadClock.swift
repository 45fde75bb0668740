import GauntletHTTP

/// A monotonic time source in nanoseconds. The engine, its schedulers and its transport read
/// the same one, so a test can drive the whole engine on a manual clock.
///
/// A transport's completions carry their instants on this clock: the engine reads a request's
/// end as ``LoadInstant/nanoseconds``, with no conversion per request.
public protocol LoadClock: Sendable {
    /// The current time in nanoseconds on an arbitrary monotonic origin.
    func now() -> UInt64
}
