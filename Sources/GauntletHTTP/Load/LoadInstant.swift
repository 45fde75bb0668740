internal import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// A point in time on a load loop's clock: nanoseconds of `CLOCK_MONOTONIC`.
///
/// The load path reads and compares times several times per request. `ContinuousClock.Instant`
/// is a type whose layout the standard library keeps to itself, so code outside it copies,
/// compares and wraps it in `Optional` through runtime metadata and value witnesses; with the
/// conversions through `Duration`, 6,000–7,000 instructions per request, 7–8 % of the load
/// loop's (`valgrind --tool=callgrind`). A `LoadInstant` is a plain 64-bit number the compiler
/// handles inline, and a load's instants (``LoadCompletion``'s, ``SocketTransferLoop``'s
/// deadlines, the load engine's clock) all come from here, so they never need converting.
///
///     let deadline = LoadInstant.now + .milliseconds(5)
///     try loop.poll(until: deadline) { completion in print(completion.latency) }
@frozen
public struct LoadInstant: Hashable, Comparable, Sendable {
    /// Nanoseconds since the clock's arbitrary origin (for `CLOCK_MONOTONIC`, the boot).
    public var nanoseconds: UInt64

    /// The instant `nanoseconds` after the clock's origin.
    @inlinable
    public init(nanoseconds: UInt64) {
        self.nanoseconds = nanoseconds
    }

    /// Now: one `clock_gettime(CLOCK_MONOTONIC)`, served by the vDSO without a system call.
    public static var now: LoadInstant {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return LoadInstant(nanoseconds: UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec))
    }

    @inlinable
    public static func < (lhs: LoadInstant, rhs: LoadInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The instant `duration` later (earlier for a negative one), saturating at the clock's range.
    @inlinable
    public static func + (lhs: LoadInstant, rhs: Duration) -> LoadInstant {
        let (seconds, attoseconds) = rhs.components
        let delta = Int128(seconds) * 1_000_000_000 + Int128(attoseconds / 1_000_000_000)
        let sum = Int128(lhs.nanoseconds) + delta
        return LoadInstant(nanoseconds: sum <= 0 ? 0 : sum >= Int128(UInt64.max) ? .max : UInt64(sum))
    }

    /// How long after `rhs` this instant is (negative when before).
    @inlinable
    public static func - (lhs: LoadInstant, rhs: LoadInstant) -> Duration {
        lhs >= rhs
            ? .nanoseconds(Int64(clamping: lhs.nanoseconds - rhs.nanoseconds))
            : .nanoseconds(-Int64(clamping: rhs.nanoseconds - lhs.nanoseconds))
    }
}
