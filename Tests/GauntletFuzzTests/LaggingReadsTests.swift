import GauntletAPI
import GauntletFuzz
import Testing

/// A deployment whose reads lag its writes (DynamoDB's default reads) is correct, as the
/// contract suite, which waits for a write to show, agrees: fuzzing waits the same way.
@Suite(.timeLimit(.minutes(3))) struct LaggingReadsTests {
    @Test("Reads 300 ms behind writes: no finding, nothing left behind, every stateful rule still judged")
    func laggingReadsAreCorrect() async throws {
        var configuration = FuzzTarget.configuration()
        configuration.readLag = .milliseconds(300)
        try await EventAPIServer.withRunningServer(configuration) { baseURL in
            let result = try await FuzzTarget.fuzz(baseURL: baseURL, maxExamples: 3)
            #expect(result.findings.map { "\($0.key): \($0.message)" } == [])
            #expect(result.leftBehind == [])
            #expect(result.passed)
            for check in [FuzzCheck.ensureResourceAvailability, .updateIsReadBack, .rejectedWriteChangesNothing, .useAfterFree] {
                let passed = (result.tallies[check] ?? [:]).values.reduce(0) { $0 + $1.passed }
                #expect(passed > 0, "\(check.rawValue) was judged")
            }
        }
    }
}
