import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletLoad
import GauntletScenario

/// The document `results.json` holds, shaped for programs: durations are numbers of
/// milliseconds (`durationMs`), a `summary` block counts the outcomes, and each check's
/// `expected` and `actual` are JSON values where they are values (a status, an `equals`
/// operand, the node a JSONPath selected), with `expectedText`/`actualText` as a person reads
/// them (`matches "^application/json"`).
struct JSONReport: Encodable {
    /// Counts of the run's scenarios by outcome, and of what was left behind.
    struct Summary: Encodable {
        var scenarios: Int
        var passed: Int
        var failed: Int
        var skipped: Int
        var errored: Int
        var interrupted: Int
        /// Of the errored, the scenarios a run that reached no deployment did not start.
        var notRun: Int
        var leftBehind: Int
        var unverified: Int
    }

    /// One `left_behind` label with the scenario (and suite) it belongs to.
    struct LeftBehind: Encodable {
        var suite: String
        var scenario: String
        var label: String
    }

    struct Suite: Encodable {
        var name: String
        var file: String
        var durationMs: Double
        var scenarios: [Scenario]
    }

    struct Scenario: Encodable {
        var name: String
        var tags: [String]
        var location: ScenarioLocation
        var outcome: String
        var reason: String?
        var durationMs: Double
        var leftBehind: [String]
        var unverified: [String]
        var steps: [Step]
        var teardown: [Step]
        /// Why the steps carry no headers, bodies or curl commands; absent when they do.
        var transcriptOmitted: String?
    }

    struct Step: Encodable {
        var name: String
        var location: ScenarioLocation
        var attempts: Int
        var skipped: String?
        var request: RecordedRequest?
        var response: RecordedResponse?
        var timings: Timings?
        var curlCommand: String?
        var preconditions: [Assertion]
        var assertions: [Assertion]
        var error: String?
        var errorKind: String?
    }

    /// libcurl's phase timings in milliseconds from the start of the transfer.
    struct Timings: Encodable {
        var nameLookupMs: Double
        var connectMs: Double
        var tlsMs: Double
        var preTransferMs: Double
        var firstByteMs: Double
        var totalMs: Double
    }

    /// One check. `actual` is absent when the response had nothing to judge (a missing header, a
    /// JSONPath that selected nothing); `actualText` then says so.
    struct Assertion: Encodable {
        var subject: String
        var passed: Bool
        var location: ScenarioLocation
        var predicate: String?
        var operand: ExactJSON?
        var expected: ExactJSON
        var actual: ExactJSON?
        var expectedText: String
        var actualText: String
    }

    /// A JSON value from a check, carried through `JSONEncoder` as its serialized text and put
    /// back in place by ``JSONReportWriter``: Foundation's encoder keys objects by Swift strings,
    /// so `"\u00f1"` and `"n\u0303"` would become one member.
    struct ExactJSON: Encodable {
        /// The value's compact JSON text.
        var text: String

        init(_ value: JSONValue) {
            text = value.serialized()
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    var runID: String
    var baseURL: String
    var startedAt: Date
    var durationMs: Double
    var interrupted: Bool
    var succeeded: Bool
    /// Whether no request of the run was answered (exit 3, `NOT REACHED`).
    var notReached: Bool
    var summary: Summary
    var leftBehind: [LeftBehind]
    /// Labels a teardown could not verify as gone, as `leftBehind`'s.
    var unverified: [LeftBehind]
    var suites: [Suite]
}

extension JSONReport {
    /// The document of `run`; `withScenarios: false` leaves every suite's `scenarios` empty
    /// (the head ``JSONReportWriter`` writes the scenarios into one at a time).
    init(_ run: RunResult, withScenarios: Bool = true) {
        runID = run.runID
        baseURL = run.baseURL
        startedAt = run.startedAt
        durationMs = Self.milliseconds(run.durationSeconds)
        interrupted = run.interrupted
        succeeded = run.succeeded
        notReached = run.notReached
        leftBehind = run.leftBehind.map { LeftBehind(suite: $0.suite, scenario: $0.scenario, label: $0.label) }
        unverified = run.unverified.map { LeftBehind(suite: $0.suite, scenario: $0.scenario, label: $0.label) }
        summary = Summary(
            scenarios: run.scenarios.count, passed: run.count(.passed), failed: run.count(.failed),
            skipped: run.count(.skipped), errored: run.count(.errored), interrupted: run.count(.interrupted),
            notRun: run.notRunUnreached, leftBehind: leftBehind.count, unverified: unverified.count)
        suites = run.suites.map { suite in
            Suite(
                name: suite.name, file: suite.file, durationMs: Self.milliseconds(suite.durationSeconds),
                scenarios: withScenarios ? suite.scenarios.map(Scenario.init) : [])
        }
    }

    static func milliseconds(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }

    static func milliseconds(_ duration: Duration) -> Double {
        milliseconds(duration.secondsDouble)
    }
}

extension JSONReport.Scenario {
    init(_ result: ScenarioResult) {
        self.init(
            name: result.name, tags: result.tags, location: result.location, outcome: result.outcome.rawValue,
            reason: result.reason, durationMs: JSONReport.milliseconds(result.durationSeconds), leftBehind: result.leftBehind,
            unverified: result.unverified, steps: result.steps.map(JSONReport.Step.init), teardown: result.teardown.map(JSONReport.Step.init),
            transcriptOmitted: result.transcriptOmitted)
    }
}

extension JSONReport.Step {
    init(_ result: StepResult) {
        self.init(
            name: result.name, location: result.location, attempts: result.attempts, skipped: result.skipReason,
            request: result.request, response: result.response, timings: result.timings.map(JSONReport.Timings.init),
            curlCommand: result.curlCommand, preconditions: result.preconditions.map(JSONReport.Assertion.init),
            assertions: result.assertions.map(JSONReport.Assertion.init), error: result.error, errorKind: result.errorKind)
    }
}

extension JSONReport.Timings {
    init(_ timings: GauntletHTTP.Timings) {
        self.init(
            nameLookupMs: JSONReport.milliseconds(timings.nameLookup), connectMs: JSONReport.milliseconds(timings.connect),
            tlsMs: JSONReport.milliseconds(timings.appConnect), preTransferMs: JSONReport.milliseconds(timings.preTransfer),
            firstByteMs: JSONReport.milliseconds(timings.startTransfer), totalMs: JSONReport.milliseconds(timings.total))
    }
}

extension JSONReport.Assertion {
    init(_ result: AssertionResult) {
        self.init(
            subject: result.subject, passed: result.passed, location: result.location, predicate: result.predicate,
            operand: result.operand.map(JSONReport.ExactJSON.init),
            expected: JSONReport.ExactJSON(result.expectedValue ?? .string(result.expected)),
            actual: result.actualValue.map(JSONReport.ExactJSON.init), expectedText: result.expected, actualText: result.actual)
    }
}
