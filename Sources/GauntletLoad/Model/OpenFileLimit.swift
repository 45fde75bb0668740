#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many files (sockets included) this process may hold open, `ulimit -n`: each connection a
/// load holds is one, so a load of more users than the limit allows cannot open their
/// connections.
///
/// Without this check, `--vus 3000` under the usual soft limit of 1,024 ran against a healthy
/// server and reported 99.5 % of its requests as `connect_failed` ("Couldn't connect to
/// server"): the deployment blamed for the client's own limit. So a load first raises the soft
/// limit to the hard one (as Go's runtime and nginx's `worker_rlimit_nofile` do; raising it needs no
/// privilege), and a load whose peak of connections still does not fit is refused before any
/// request, naming the limit.
public struct OpenFileLimit: Sendable, Equatable {
    /// The limit in force (`ulimit -n`).
    public var soft: Int
    /// The most the soft limit may be raised to without privilege (`ulimit -Hn`).
    public var hard: Int

    /// Files a load holds besides its connections: standard streams, the epoll descriptor,
    /// libcurl's resolver and wake-up pipes, the report files, the setup and teardown's own
    /// connections.
    public static let reserve = 64
    /// Files each event loop holds before any transfer (its epoll descriptor and libcurl's
    /// wake-up pair): 256 loops hold 768, more than ``reserve``.
    public static let perLoop = 4

    /// Creates a limit.
    public init(soft: Int, hard: Int) {
        self.soft = soft
        self.hard = hard
    }

    /// Raises this process's soft limit to its hard limit, and returns the limit that then
    /// holds; nil when it cannot be read. An unlimited hard limit (`RLIM_INFINITY`), which Linux
    /// refuses as a soft one, leaves the soft limit as it was.
    public static func raisingSoftToHard() -> OpenFileLimit? {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return nil }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        // RLIM_INFINITY is all ones: past Int.max, read as unlimited.
        func count(_ value: rlim_t) -> Int { value > rlim_t(Int.max) ? Int.max : Int(value) }
        return OpenFileLimit(soft: count(limit.rlim_cur), hard: count(limit.rlim_max))
    }

    /// Checks that `connections` held at once fit within the soft limit, with ``reserve`` and
    /// ``perLoop`` for each of `loops` to spare.
    /// - Parameters:
    ///   - connections: The most connections the load may hold at once.
    ///   - loops: The load's event loops.
    ///   - what: What asks for them, for the message (`3000 virtual users`).
    /// - Throws: ``LoadPlanError`` naming the limit and the way out.
    public func check(connections: Int, loops: Int = 1, for what: String) throws(LoadPlanError) {
        // Int.max is no limit (RLIM_INFINITY).
        let kept = Self.reserve + Self.perLoop * max(1, loops)
        let needed = connections.addingReportingOverflow(kept)
        guard soft < Int.max, needed.overflow || needed.partialValue > soft else { return }
        let raise = hard >= needed.partialValue && !needed.overflow
            ? "raise it (ulimit -n \(needed.partialValue)) or lower the load"
            : "its hard limit is \(hard) too: raise it as root (ulimit -Hn), split the load with --shard, or lower it"
        throw LoadPlanError(
            "\(what) may hold \(connections) connections at once, each an open file, and this process may open only "
                + "\(soft) files (ulimit -n), \(kept) of them kept for its own use: \(raise)")
    }
}

extension LoadPlan {
    /// The most transfers this plan (its shard's share) holds in flight at once: the closed
    /// model's users, the open model's `max_in_flight`, the largest phase. One connection each
    /// over HTTP/1.1.
    public var peakTransfers: Int {
        switch model {
        case .open: shard.share(of: maxInFlight)
        case let .closed(vus, _): shard.share(of: vus)
        case let .phased(phases): phases.map { $0.share(for: shard).concurrency }.max() ?? 1
        }
    }

    /// The loops that carry requests: no more than the transfers in flight at the peak (a loop
    /// of `loops: 8` beside 2 users has none), so that they share the run's limits among them.
    public var busyLoops: Int { max(1, min(loops, peakTransfers)) }

    /// What holds ``peakTransfers`` in flight, in words, for a message.
    public var peakTransfersSource: String {
        switch model {
        case .open: "the open model's max_in_flight \(peakTransfers)"
        case .closed: "\(peakTransfers) virtual users"
        case .phased: "the largest phase (\(peakTransfers) at once)"
        }
    }
}
