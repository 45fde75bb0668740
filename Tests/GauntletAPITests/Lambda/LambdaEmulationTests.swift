import GauntletAPI
import Testing

/// The emulation's settings: cold starts fixed or ranged, and their text forms.
@Suite struct LambdaEmulationTests {
    @Test(
        "Cold starts parse as a duration or a range",
        arguments: [
            ("800ms", .milliseconds(800), .milliseconds(800)),
            ("1.5s", .milliseconds(1500), .milliseconds(1500)),
            ("600ms..1200ms", .milliseconds(600), .milliseconds(1200)),
            ("0ms..1s", .zero, .seconds(1)),
        ] as [(String, Duration, Duration)]
    )
    func parsesColdStart(_ text: String, lower: Duration, upper: Duration) throws {
        let coldStart = try #require(LambdaEmulation.DurationRange(parsing: text))
        #expect(coldStart.lower == lower)
        #expect(coldStart.upper == upper)
    }

    @Test("Malformed or reversed cold starts are refused", arguments: ["", "fast", "800", "1200ms..600ms", "1s..", "..1s", "1s..2s..3s", "-5ms"])
    func refusesColdStart(_ text: String) {
        #expect(LambdaEmulation.DurationRange(parsing: text) == nil)
    }

    @Test("A ranged cold start stays within its range; a fixed one never varies")
    func samplesWithinRange() throws {
        let ranged = LambdaEmulation.DurationRange.uniform(.milliseconds(600) ... .milliseconds(1200))
        let samples = (0..<500).map { _ in ranged.sample() }
        #expect(samples.allSatisfy { (Duration.milliseconds(600) ... .milliseconds(1200)).contains($0) })
        #expect(Set(samples).count > 100, "a uniform draw varies")
        #expect(LambdaEmulation.DurationRange.fixed(.milliseconds(50)).sample() == .milliseconds(50))
    }

    @Test("The description shows every setting")
    func describes() {
        let emulation = LambdaEmulation(
            coldStart: .uniform(.milliseconds(600) ... .milliseconds(1200)),
            idleTimeout: .seconds(30),
            maxConcurrency: 10,
            timeout: nil
        )
        #expect("\(emulation)" == "cold start 600ms..1200ms, idle timeout 30s, max concurrency 10, timeout none")
        #expect("\(LambdaEmulation())" == "cold start 500ms, idle timeout 300s, max concurrency none, timeout 29s")
    }
}
