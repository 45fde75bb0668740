import GauntletAPI
import Testing

/// The instance model on a clock the test moves: reuse, growth, reclaim, throttling.
@Suite struct InstancePoolTests {
    let clock = ManualClock()

    func pool(idleTimeout: Duration = .seconds(60), maxConcurrency: Int? = nil) -> InstancePool<ManualClock> {
        InstancePool(idleTimeout: idleTimeout, maxConcurrency: maxConcurrency, clock: self.clock)
    }

    @Test("The first request creates a cold instance; the next reuses it warm")
    func coldThenWarm() async throws {
        let pool = self.pool()
        let first = try #require(await pool.acquire())
        #expect(first.isColdStart)
        await pool.release(first)
        let second = try #require(await pool.acquire())
        #expect(!second.isColdStart)
        #expect(second.instanceID == first.instanceID)
        await pool.release(second)
        #expect(await pool.snapshot() == .init(instances: 1, busy: 0, created: 1, reclaimed: 0, throttled: 0))
    }

    @Test("N requests in flight at once need N instances, all cold, then all are reused")
    func concurrentRequestsGrowThePool() async throws {
        let pool = self.pool()
        var leases: [InstancePool<ManualClock>.Lease] = []
        for _ in 0..<5 { leases.append(try #require(await pool.acquire())) }
        #expect(leases.allSatisfy { $0.isColdStart })
        #expect(Set(leases.map(\.instanceID)).count == 5)
        for lease in leases { await pool.release(lease) }
        var again: [InstancePool<ManualClock>.Lease] = []
        for _ in 0..<5 { again.append(try #require(await pool.acquire())) }
        #expect(again.allSatisfy { !$0.isColdStart })
        #expect(Set(again.map(\.instanceID)) == Set(leases.map(\.instanceID)))
        #expect(await pool.snapshot().created == 5)
    }

    @Test("The most recently used free instance is reused first")
    func mostRecentlyUsedFirst() async throws {
        let pool = self.pool()
        let a = try #require(await pool.acquire())
        let b = try #require(await pool.acquire())
        await pool.release(b)
        self.clock.advance(by: .seconds(1))
        await pool.release(a)
        #expect(await pool.acquire()?.instanceID == a.instanceID)
        #expect(await pool.acquire()?.instanceID == b.instanceID)
    }

    @Test("A free instance idle past the timeout is reclaimed, and the next request is cold again")
    func reclaimAfterIdle() async throws {
        let pool = self.pool(idleTimeout: .seconds(10))
        let first = try #require(await pool.acquire())
        await pool.release(first)
        self.clock.advance(by: .seconds(9))
        #expect(await pool.snapshot().instances == 1)
        let warm = try #require(await pool.acquire())
        #expect(!warm.isColdStart)
        await pool.release(warm)
        self.clock.advance(by: .seconds(10))
        #expect(await pool.snapshot() == .init(instances: 0, busy: 0, created: 1, reclaimed: 1, throttled: 0))
        let cold = try #require(await pool.acquire())
        #expect(cold.isColdStart)
        #expect(cold.instanceID != first.instanceID)
    }

    @Test("A busy instance is never reclaimed, however long it runs")
    func busyInstancesStay() async throws {
        let pool = self.pool(idleTimeout: .seconds(1))
        let lease = try #require(await pool.acquire())
        self.clock.advance(by: .seconds(100))
        #expect(await pool.snapshot().instances == 1)
        await pool.release(lease)
        #expect(await pool.acquire()?.isColdStart == false)
    }

    @Test("Beyond max concurrency a request is refused until an instance is freed")
    func throttlesAtMaxConcurrency() async throws {
        let pool = self.pool(maxConcurrency: 2)
        let a = try #require(await pool.acquire())
        _ = try #require(await pool.acquire())
        #expect(await pool.acquire() == nil)
        #expect(await pool.snapshot().throttled == 1)
        await pool.release(a)
        let c = try #require(await pool.acquire())
        #expect(c.instanceID == a.instanceID)
        #expect(await pool.snapshot().instances == 2)
    }

    @Test("waitUntilIdle returns once the last busy instance is freed")
    func waitsUntilIdle() async throws {
        let pool = self.pool()
        await pool.waitUntilIdle()
        let lease = try #require(await pool.acquire())
        try await confirmation { idle in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    await pool.waitUntilIdle()
                    idle()
                }
                await pool.release(lease)
                try await group.waitForAll()
            }
        }
    }
}
