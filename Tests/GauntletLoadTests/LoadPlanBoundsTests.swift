import GauntletLoad
import Testing

/// What a plan may ask for that would take the machine's memory: each event loop is a thread
/// with its own histograms, so their number is bounded.
@Suite struct LoadPlanBoundsTests {
    static let step = LoadStep.request("get", path: "/e", expect: [200])

    static func plan(loops: Int) -> LoadPlan {
        LoadPlan(
            name: "p", model: .closed(vus: 3_000, thinkTime: .zero), duration: .seconds(1), mix: [.single(step)], loops: loops)
    }

    @Test("loops beyond the bound are refused before any request, saying why")
    func tooManyLoopsAreRefused() throws {
        let error = #expect(throws: LoadPlanError.self) { try Self.plan(loops: 3_000).validate() }
        #expect(try #require(error).message.contains("loops must be at most \(LoadPlan.maxLoops)"))
        #expect(throws: LoadPlanError.self) { try Self.plan(loops: LoadPlan.maxLoops + 1).validate() }
    }

    @Test("loops up to the bound run")
    func loopsUpToTheBoundRun() throws {
        try Self.plan(loops: LoadPlan.maxLoops).validate()
        try Self.plan(loops: 1).validate()
    }
}
