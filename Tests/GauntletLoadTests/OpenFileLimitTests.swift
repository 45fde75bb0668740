import GauntletLoad
import Testing

/// A load's connections against the process's open-file limit: a load that cannot hold its
/// connections is refused before any request, naming the limit, rather than reporting the
/// deployment as refusing connections.
@Suite struct OpenFileLimitTests {
    static let step = LoadStep.request("get", path: "/e", expect: [200])

    @Test("3000 users do not fit in 1024 files: refused, naming the limit and how to raise it")
    func tooManyConnectionsAreRefused() throws {
        let limit = OpenFileLimit(soft: 1_024, hard: 1_048_576)
        let error = #expect(throws: LoadPlanError.self) {
            try limit.check(connections: 3_000, for: "3000 virtual users")
        }
        let message = try #require(error).message
        #expect(message.contains("3000 virtual users may hold 3000 connections"))
        #expect(message.contains("only 1024 files (ulimit -n)"))
        #expect(message.contains("ulimit -n 3068"))
    }

    @Test("A hard limit too low says so")
    func aHardLimitTooLowSaysSo() throws {
        let error = #expect(throws: LoadPlanError.self) {
            try OpenFileLimit(soft: 1_024, hard: 1_024).check(connections: 3_000, for: "3000 virtual users")
        }
        #expect(try #require(error).message.contains("its hard limit is 1024 too"))
    }

    @Test("Connections within the limit, its reserve and each loop's files kept, pass")
    func connectionsWithinTheLimitPass() throws {
        let kept = OpenFileLimit.reserve + OpenFileLimit.perLoop
        try OpenFileLimit(soft: 1_024, hard: 1_024).check(connections: 1_024 - kept, for: "users")
        #expect(throws: LoadPlanError.self) {
            try OpenFileLimit(soft: 1_024, hard: 1_024).check(connections: 1_024 - kept + 1, for: "users")
        }
        try OpenFileLimit(soft: .max, hard: .max).check(connections: .max, for: "users")
    }

    @Test("Each event loop's own files count: 960 users on 256 loops do not fit in 1,024")
    func loopsTakeTheirShare() throws {
        try OpenFileLimit(soft: 1_024, hard: 1_024).check(connections: 900, loops: 1, for: "users")
        #expect(throws: LoadPlanError.self) {
            try OpenFileLimit(soft: 1_024, hard: 1_024).check(connections: 960, loops: 256, for: "960 virtual users")
        }
    }

    @Test("A plan's peak of transfers: users, max_in_flight, the largest phase, a shard's share")
    func peakTransfers() {
        var plan = LoadPlan(name: "p", model: .closed(vus: 3_000, thinkTime: .zero), duration: .seconds(1), mix: [.single(Self.step)])
        #expect(plan.peakTransfers == 3_000)
        plan.shard = LoadShard(index: 0, count: 4)
        #expect(plan.peakTransfers == 750)
        plan = LoadPlan(name: "p", model: .open(rate: 10, stages: []), duration: .seconds(1), mix: [.single(Self.step)], maxInFlight: 5_000)
        #expect(plan.peakTransfers == 5_000)
        plan = LoadPlan(
            name: "p", model: .phased([.burst(count: 200), .users(vus: 50, duration: .seconds(1), thinkTime: .zero)]),
            mix: [.single(Self.step)])
        #expect(plan.peakTransfers == 200)
    }

    @Test("Raising the soft limit to the hard one leaves them equal, or the hard one unlimited")
    func raisingTheSoftLimit() throws {
        let limit = try #require(OpenFileLimit.raisingSoftToHard())
        #expect(limit.soft == limit.hard || limit.hard == .max)
    }
}
