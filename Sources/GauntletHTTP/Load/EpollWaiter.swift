internal import CCurl
#if canImport(Glibc)
import Glibc
#endif

/// Waits on sockets with epoll, with a nanosecond-precision timeout.
///
/// Uses `epoll_pwait2` (Linux ≥ 5.11, glibc ≥ 2.35), whose timeout is a `timespec`. Where it is
/// missing (`ENOSYS`), falls back to a `timerfd` armed for the timeout and watched in the same
/// epoll set, waited on with `epoll_wait(-1)`. Either way a wait can end a fraction of a
/// millisecond from now, which `curl_multi_poll`'s whole-millisecond timeout cannot do.
/// Owned by one thread; the C side lives in `CCurl/shim.h` (`gauntlet_epoll_*`).
///
/// Its stored properties skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`), as
/// ``SocketTransferLoop``'s do: the waiter is confined to the loop's thread, and with the checks
/// each wait paid about four `swift_beginAccess` calls (`valgrind --tool=callgrind`).
final class EpollWaiter {
    /// An event for one descriptor: readable, writable, error/hang-up.
    struct Readiness {
        var descriptor: Int32
        var readable: Bool
        var writable: Bool
        var failed: Bool
    }

    private let epoll: Int32
    /// The fallback timer, -1 while `epoll_pwait2` works.
    @exclusivity(unchecked)
    private var timer: Int32 = -1
    /// What the last wait reported: ready descriptors and their `GAUNTLET_*` flags, pairwise.
    @exclusivity(unchecked)
    private var descriptors: [Int32]
    @exclusivity(unchecked)
    private var flags: [Int32]

    /// Creates the epoll set.
    /// - Parameter capacity: Most events taken per wait (at most 256).
    /// - Throws: ``TransportError`` of kind `other` when the kernel refuses an epoll descriptor.
    init(capacity: Int = 256) throws(TransportError) {
        epoll = gauntlet_epoll_create()
        guard epoll >= 0 else {
            throw TransportError(.other, description: "epoll_create1 failed: \(String(cString: strerror(errno)))")
        }
        descriptors = Array(repeating: -1, count: min(capacity, 256))
        flags = Array(repeating: 0, count: min(capacity, 256))
    }

    deinit {
        if timer >= 0 { close(timer) }
        close(epoll)
    }

    /// Whether waits use the `timerfd` fallback.
    var usesTimerFallback: Bool { timer >= 0 }

    /// Starts, changes or stops watching a descriptor.
    /// - Parameters:
    ///   - descriptor: The socket.
    ///   - readable: Wake when it can be read.
    ///   - writable: Wake when it can be written.
    ///   - alreadyWatched: Whether it is in the set already (modify rather than add).
    func watch(_ descriptor: Int32, readable: Bool, writable: Bool, alreadyWatched: Bool) {
        let (first, second): (Int32, Int32) = alreadyWatched ? (1, 0) : (0, 1)
        if gauntlet_epoll_ctl(epoll, first, descriptor, readable ? 1 : 0, writable ? 1 : 0) != 0 {
            // The other operation covers a set we lost track of (a descriptor number reused by libcurl).
            _ = gauntlet_epoll_ctl(epoll, second, descriptor, readable ? 1 : 0, writable ? 1 : 0)
        }
    }

    /// Stops watching a descriptor (libcurl may already have closed it, which is fine).
    func unwatch(_ descriptor: Int32) {
        _ = gauntlet_epoll_ctl(epoll, 2, descriptor, 0, 0)
    }

    /// Waits for readiness or the timeout, then reports each ready descriptor.
    /// - Parameters:
    ///   - timeoutNanoseconds: How long to wait at most; `nil` waits for an event, 0 only polls.
    ///   - ready: Called once per ready descriptor (never for the internal timer).
    func wait(timeoutNanoseconds: UInt64?, _ ready: (Readiness) -> Void) {
        let timeout = timeoutNanoseconds.map { Int64(clamping: $0) }
        let count = timer >= 0 ? waitWithTimer(timeout) : waitPrecisely(timeout)
        guard count > 0 else { return }
        for index in 0..<Int(count) {
            let descriptor = descriptors[index]
            if descriptor == timer {
                var expirations: UInt64 = 0
                _ = read(timer, &expirations, 8)
                continue
            }
            let bits = flags[index]
            ready(Readiness(
                descriptor: descriptor,
                readable: bits & Int32(GAUNTLET_READABLE) != 0,
                writable: bits & Int32(GAUNTLET_WRITABLE) != 0,
                failed: bits & Int32(GAUNTLET_FAILED) != 0
            ))
        }
    }

    /// `epoll_pwait2` with a nanosecond timeout; switches to the timer fallback on `ENOSYS`.
    private func waitPrecisely(_ timeout: Int64?) -> Int32 {
        let nanoseconds = timeout ?? -1
        let capacity = Int32(descriptors.count)
        let result = gauntlet_epoll_wait_ns(epoll, &descriptors, &flags, capacity, nanoseconds)
        if result < 0, errno == ENOSYS, startTimerFallback() {
            return waitWithTimer(timeout)
        }
        return max(result, 0)
    }

    /// Arms the `timerfd` for the timeout and waits without an epoll timeout.
    private func waitWithTimer(_ timeout: Int64?) -> Int32 {
        let capacity = Int32(descriptors.count)
        let nanoseconds = timeout ?? 0
        if timeout != nil, nanoseconds == 0 {
            return max(gauntlet_epoll_wait_ms(epoll, &descriptors, &flags, capacity, 0), 0)  // poll only
        }
        _ = gauntlet_timerfd_arm(timer, nanoseconds)  // 0 disarms: wait for sockets alone
        return max(gauntlet_epoll_wait_ms(epoll, &descriptors, &flags, capacity, -1), 0)
    }

    /// Creates the fallback `timerfd` and adds it to the set.
    private func startTimerFallback() -> Bool {
        let descriptor = gauntlet_timerfd_create()
        guard descriptor >= 0 else { return false }
        timer = descriptor
        watch(descriptor, readable: true, writable: false, alreadyWatched: false)
        return true
    }
}

@available(*, unavailable)
extension EpollWaiter: Sendable {}
