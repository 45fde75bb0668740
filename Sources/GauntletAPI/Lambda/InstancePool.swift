/// The emulated Lambda instances: hands each request a free warm instance or a new cold one,
/// reclaims instances idle too long, and refuses requests beyond the concurrency limit.
///
/// As Lambda does, the most recently used free instance is reused first, so that under a steady
/// trickle the surplus instances age out. Time comes from an injectable clock, as in
/// Hummingbird's `MemoryPersistDriver`, so that tests can reclaim without waiting.
public actor InstancePool<C: Clock> where C.Duration == Duration {
    /// An instance handed to one request, to be given back with ``release(_:)``.
    public struct Lease: Sendable, Hashable {
        /// The instance's id, as sent in `X-Instance-Id`.
        public let instanceID: String
        /// Whether the instance was created for this request and pays the cold start.
        public let isColdStart: Bool
    }

    /// Counts at one instant.
    public struct Snapshot: Sendable, Hashable {
        /// Instances alive (busy or free).
        public var instances: Int
        /// Instances serving a request.
        public var busy: Int
        /// Instances ever created, that is cold starts.
        public var created: Int
        /// Instances reclaimed after idling.
        public var reclaimed: Int
        /// Requests refused at the concurrency limit.
        public var throttled: Int

        /// Creates a snapshot (for comparisons in tests).
        public init(instances: Int, busy: Int, created: Int, reclaimed: Int, throttled: Int) {
            self.instances = instances
            self.busy = busy
            self.created = created
            self.reclaimed = reclaimed
            self.throttled = throttled
        }
    }

    /// One live instance.
    private struct Instance {
        let id: String
        var busy: Bool
        var lastUsed: C.Instant
    }

    /// When free instances are reclaimed.
    public let idleTimeout: Duration
    /// Busy instances beyond which requests are refused; nil for no limit.
    public let maxConcurrency: Int?
    /// Where time comes from.
    private let clock: C
    /// Distinguishes this pool's instance ids from another run's.
    private let idPrefix: String
    /// The live instances.
    private var instances: [Instance] = []
    /// Counters for ``snapshot()``.
    private var created = 0
    private var reclaimed = 0
    private var throttled = 0
    /// Callers of ``waitUntilIdle()`` waiting for the last busy instance to be freed.
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Creates an empty pool.
    /// - Parameters:
    ///   - idleTimeout: How long a free instance lives unused.
    ///   - maxConcurrency: Busy instances beyond which ``acquire()`` refuses; nil for no limit.
    ///   - clock: Where time comes from.
    public init(idleTimeout: Duration, maxConcurrency: Int?, clock: C) {
        self.idleTimeout = idleTimeout
        self.maxConcurrency = maxConcurrency
        self.clock = clock
        self.idPrefix = String(UInt32.random(in: 0x1000_0000...UInt32.max), radix: 16)
    }

    /// An instance for one request: the most recently used free one, or a new (cold) one;
    /// nil when `maxConcurrency` instances are busy (the request is throttled).
    public func acquire() -> Lease? {
        let now = self.clock.now
        self.reclaimIdle(now: now)
        let busy = self.instances.count { $0.busy }
        if let maxConcurrency, busy >= maxConcurrency {
            self.throttled += 1
            return nil
        }
        let free = self.instances.indices.filter { !self.instances[$0].busy }
        if let index = free.max(by: { self.instances[$0].lastUsed < self.instances[$1].lastUsed }) {
            self.instances[index].busy = true
            self.instances[index].lastUsed = now
            return Lease(instanceID: self.instances[index].id, isColdStart: false)
        }
        self.created += 1
        let id = "\(self.idPrefix)-\(self.created)"
        self.instances.append(Instance(id: id, busy: true, lastUsed: now))
        return Lease(instanceID: id, isColdStart: true)
    }

    /// Frees the leased instance; its idle time starts now.
    public func release(_ lease: Lease) {
        guard let index = self.instances.firstIndex(where: { $0.id == lease.instanceID }) else { return }
        self.instances[index].busy = false
        self.instances[index].lastUsed = self.clock.now
        if !self.instances.contains(where: \.busy) {
            let waiters = self.idleWaiters
            self.idleWaiters = []
            for waiter in waiters { waiter.resume() }
        }
    }

    /// The counts now, after reclaiming idle instances.
    public func snapshot() -> Snapshot {
        self.reclaimIdle(now: self.clock.now)
        return Snapshot(
            instances: self.instances.count,
            busy: self.instances.count { $0.busy },
            created: self.created,
            reclaimed: self.reclaimed,
            throttled: self.throttled
        )
    }

    /// Returns once no instance is busy (at once if none is).
    public func waitUntilIdle() async {
        guard self.instances.contains(where: \.busy) else { return }
        await withCheckedContinuation { self.idleWaiters.append($0) }
    }

    /// Drops free instances unused for longer than the idle timeout.
    private func reclaimIdle(now: C.Instant) {
        let before = self.instances.count
        self.instances.removeAll { !$0.busy && $0.lastUsed.advanced(by: self.idleTimeout) <= now }
        self.reclaimed += before - self.instances.count
    }
}

extension InstancePool where C == ContinuousClock {
    /// A pool for `emulation` on the continuous clock.
    public init(_ emulation: LambdaEmulation) {
        self.init(idleTimeout: emulation.idleTimeout, maxConcurrency: emulation.maxConcurrency, clock: .continuous)
    }
}
