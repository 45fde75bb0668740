#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A monotonic time source in nanoseconds. The engine, its schedulers and its transport read
/// the same one, so a test can drive the whole engine on a manual clock.
public protocol LoadClock: Sendable {
    /// The current time in nanoseconds on an arbitrary monotonic origin.
    func now() -> UInt64
}

/// `CLOCK_MONOTONIC`, the clock libcurl drivers and `epoll` timeouts are measured against.
public struct MonotonicLoadClock: LoadClock {
    /// Creates the clock.
    public init() {}

    /// The current `CLOCK_MONOTONIC` time in nanoseconds.
    public func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
