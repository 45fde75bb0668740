public import GauntletScenario
public import Foundation

/// Writes a run as JUnit XML in the form Jenkins (xUnit's junit-10.xsd), GitLab and GitHub
/// test reporters read: one `testsuite` per scenario file, one `testcase` per scenario,
/// `<failure>` when a check did not hold, `<error>` when a request could not be made,
/// `<skipped>` when a precondition did not hold, and the transcript (with anything left
/// behind) in `system-out`, ending with a `report: report.html#<anchor>` line that leads into
/// the HTML report when one is written (see ``RunReportAnchors``). A pure function of the
/// result values.
public enum JUnitReportWriter {
    /// Extra test cases from other sources (load thresholds), one suite of them.
    public struct ExtraSuite: Sendable {
        public var name: String
        public var cases: [ExtraCase]
        public init(name: String, cases: [ExtraCase]) {
            self.name = name
            self.cases = cases
        }
    }

    /// One extra test case: passed, or failed with a message.
    public struct ExtraCase: Sendable {
        public var name: String
        public var failureMessage: String?
        public var output: String
        /// The `<failure type="…">`: what kind of rule failed (`threshold`, a fuzz check).
        public var failureType: String
        public init(name: String, failureMessage: String?, output: String = "", failureType: String = "threshold") {
            self.name = name
            self.failureMessage = failureMessage
            self.output = output
            self.failureType = failureType
        }
    }

    /// The XML document for `run` (and any extra suites). With `reportLink` (the path of
    /// `report.html` relative to the JUnit file's folder), each test case's `system-out` ends
    /// with `report: <reportLink>#<anchor>`, the anchor of the step that ended the scenario or
    /// else of the scenario.
    public static func xml(for run: RunResult, extraSuites: [ExtraSuite] = [], reportLink: String? = nil) -> String {
        var xml = ""
        write(run, extraSuites: extraSuites, reportLink: reportLink, into: &xml)
        return xml
    }

    /// Writes the document ``xml(for:extraSuites:reportLink:)`` returns into `output` piece by
    /// piece (a ``ReportFileWriter``: a run of 100,000 testcases is never one string).
    public static func write<Output: TextOutputStream>(
        _ run: RunResult, extraSuites: [ExtraSuite] = [], reportLink: String? = nil, into output: inout Output
    ) {
        let links = reportLink.map { ReportLinks(path: $0, anchors: RunReportAnchors(run), run: run) }
        document(
            suites: run.suites, extraSuites: extraSuites, startedAt: run.startedAt, durationSeconds: run.durationSeconds,
            runID: run.runID, baseURL: run.baseURL, links: links, into: &output)
    }

    /// Where each test case's `report:` line leads.
    struct ReportLinks {
        var path: String
        var anchors: RunReportAnchors
        var run: RunResult

        func line(suite: Int, scenario: Int) -> String {
            "report: \(path)#\(anchors.target(suite: suite, scenario: scenario, in: run))"
        }
    }

    /// The XML document for suites of extra test cases alone (a load's thresholds).
    public static func xml(extraSuites: [ExtraSuite], startedAt: Date, durationSeconds: Double) -> String {
        var xml = ""
        document(suites: [], extraSuites: extraSuites, startedAt: startedAt, durationSeconds: durationSeconds, runID: "", baseURL: "", into: &xml)
        return xml
    }

    static func document<Output: TextOutputStream>(
        suites: [SuiteResult], extraSuites: [ExtraSuite], startedAt: Date, durationSeconds: Double, runID: String,
        baseURL: String, links: ReportLinks? = nil, into output: inout Output
    ) {
        let scenarios = suites.flatMap(\.scenarios)
        let extraCases = extraSuites.flatMap(\.cases)
        let failures = scenarios.filter { $0.outcome == .failed }.count + extraCases.filter { $0.failureMessage != nil }.count
        let errors = scenarios.filter { $0.outcome == .errored || $0.outcome == .interrupted }.count
        let tests = scenarios.count + extraCases.count
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += #"<testsuites name="gauntlet" tests="\#(tests)" failures="\#(failures)" errors="\#(errors)" time="\#(time(durationSeconds))">"# + "\n"
        let timestamp = startedAt.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateSeparator(.dash).timeSeparator(.colon))
        output.write(out)
        out = ""
        for (index, suite) in suites.enumerated() {
            testsuite(suite, index: index, timestamp: timestamp, runID: runID, baseURL: baseURL, links: links, into: &output)
        }
        for extra in extraSuites {
            let failed = extra.cases.filter { $0.failureMessage != nil }.count
            out += "  <testsuite name=\"\(XMLEscaping.attribute(extra.name))\" tests=\"\(extra.cases.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\" timestamp=\"\(timestamp)\">\n"
            for testCase in extra.cases {
                out += "    <testcase name=\"\(XMLEscaping.attribute(testCase.name))\" classname=\"\(XMLEscaping.attribute(extra.name))\">\n"
                if let message = testCase.failureMessage {
                    out += "      <failure type=\"\(XMLEscaping.attribute(testCase.failureType))\" message=\"\(XMLEscaping.attribute(message))\">\(XMLEscaping.text(message))</failure>\n"
                }
                if !testCase.output.isEmpty { out += "      <system-out>\(XMLEscaping.text(testCase.output))</system-out>\n" }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        output.write(out)
    }

    static func testsuite<Output: TextOutputStream>(
        _ suite: SuiteResult, index suiteIndex: Int, timestamp: String, runID: String, baseURL: String, links: ReportLinks?,
        into output: inout Output
    ) {
        let failures = suite.scenarios.filter { $0.outcome == .failed }.count
        let errors = suite.scenarios.filter { $0.outcome == .errored || $0.outcome == .interrupted }.count
        let skipped = suite.scenarios.filter { $0.outcome == .skipped }.count
        var out = "  <testsuite name=\"\(XMLEscaping.attribute(suite.name))\" tests=\"\(suite.scenarios.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(time(suite.durationSeconds))\" timestamp=\"\(timestamp)\" file=\"\(XMLEscaping.attribute(suite.file))\">\n"
        out += "    <properties>\n"
        out += "      <property name=\"run_id\" value=\"\(XMLEscaping.attribute(runID))\"/>\n"
        out += "      <property name=\"base_url\" value=\"\(XMLEscaping.attribute(baseURL))\"/>\n"
        for scenario in suite.scenarios {
            for label in scenario.leftBehind {
                out += "      <property name=\"left_behind\" value=\"\(XMLEscaping.attribute("\(label) (\(scenario.name))"))\"/>\n"
            }
            for label in scenario.unverified {
                out += "      <property name=\"not_verified_as_deleted\" value=\"\(XMLEscaping.attribute("\(label) (\(scenario.name))"))\"/>\n"
            }
        }
        out += "    </properties>\n"
        output.write(out)
        for (scenarioIndex, scenario) in suite.scenarios.enumerated() {
            out = "    <testcase name=\"\(XMLEscaping.attribute(scenario.name))\" classname=\"\(XMLEscaping.attribute(suite.name))\" time=\"\(time(scenario.durationSeconds))\">\n"
            let summary = Transcript.failureSummary(of: scenario)
            let message = scenario.verdictLine
            switch scenario.outcome {
            case .passed: break
            case .skipped:
                out += "      <skipped message=\"\(XMLEscaping.attribute(message))\"/>\n"
            case .failed:
                out += "      <failure type=\"assertion\" message=\"\(XMLEscaping.attribute(message))\">\(XMLEscaping.text(summary))</failure>\n"
            case .errored, .interrupted:
                let kind = scenario.failingStep?.errorKind ?? scenario.outcome.rawValue
                out += "      <error type=\"\(XMLEscaping.attribute(kind))\" message=\"\(XMLEscaping.attribute(message))\">\(XMLEscaping.text(summary))</error>\n"
            }
            var systemOut = Transcript.text(of: scenario)
            if !scenario.leftBehind.isEmpty {
                systemOut += "\nleft behind: " + scenario.leftBehind.joined(separator: ", ")
            }
            if !scenario.unverified.isEmpty {
                systemOut += "\nnot verified as deleted: " + scenario.unverified.joined(separator: ", ")
            }
            if let links { systemOut += "\n" + links.line(suite: suiteIndex, scenario: scenarioIndex) }
            out += "      <system-out>\(XMLEscaping.text(systemOut))</system-out>\n"
            out += "    </testcase>\n"
            output.write(out)
        }
        output.write("  </testsuite>\n")
    }

    static func time(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
