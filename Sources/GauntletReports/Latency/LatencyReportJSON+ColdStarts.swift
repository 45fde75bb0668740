public import GauntletLoad

extension LatencyReportJSON {
    /// The `coldStarts` object of `latency.json`: present only when the load analysed cold
    /// starts. Latencies are in milliseconds, rates are shares from 0 to 1.
    public struct ColdStarts: Codable, Sendable {
        /// Requests by verdict.
        public struct Counts: Codable, Sendable {
            /// Every request of the run.
            public var total: Int
            /// Served by a new instance.
            public var cold: Int
            /// Served by a warm instance.
            public var warm: Int
            /// Throttled (429).
            public var throttled: Int
            /// Timed out: the gateway's 504, or the client's own request timeout.
            public var timedOut: Int
            /// Answered with a 5xx other than 504: neither cold nor warm, nor throttled.
            public var serverErrors: Int?
            /// No response.
            public var failed: Int
        }

        /// One load stage's counts, with its name.
        public struct Stage: Codable, Sendable {
            /// The stage's index in the plan.
            public var index: Int
            /// Its human name (`burst of 10`).
            public var name: String
            /// Served cold.
            public var cold: Int
            /// Served warm.
            public var warm: Int
            /// Throttled (429).
            public var throttled: Int
            /// Timed out (504 or the client's timeout).
            public var timedOut: Int
        }

        /// How well the statistical method found the header's cold starts.
        public struct Agreement: Codable, Sendable {
            /// Of the requests it called cold, the share the header called cold.
            public var precision: Double
            /// Of the requests the header called cold, the share it called cold.
            public var recall: Double
            /// Cold by both.
            public var truePositives: Int
            /// Cold by the statistical method only.
            public var falsePositives: Int
            /// Cold by the header only.
            public var falseNegatives: Int
            /// Warm by both.
            public var trueNegatives: Int

            init(_ agreement: ColdStartAgreement) {
                precision = agreement.precision
                recall = agreement.recall
                truePositives = agreement.truePositives
                falsePositives = agreement.falsePositives
                falseNegatives = agreement.falseNegatives
                trueNegatives = agreement.trueNegatives
            }
        }

        /// How requests were matched to the function's Lambda log (``ColdStartLogMatch``).
        public struct LogMatch: Codable, Sendable {
            /// Invocations in the log.
            public var invocations: Int
            /// Of them, cold (`Init Duration`).
            public var coldInvocations: Int
            /// Requests matched by the request id in their response.
            public var byRequestID: Int
            /// Requests matched by the one invocation their time overlapped.
            public var byTimeWindow: Int
            /// Served requests not matched (their client-side verdict stands).
            public var unlabelled: Int
            /// Of the unmatched, those that overlapped several invocations or shared one.
            public var ambiguous: Int
            /// Responses whose request id the log lacks.
            public var idsNotInLog: Int
            /// Log lines that were not records.
            public var skippedLines: Int
            /// `REPORT` lines that could not be read.
            public var unreadableLines: Int
            /// `header` or `statistical`: the client-side method compared with the log.
            public var clientMethod: String
            /// The client-side method (prediction) against the log (truth), on matched requests.
            public var agreement: Agreement
        }

        /// One request on the timeline.
        public struct Point: Codable, Sendable {
            /// When it was due, seconds into the run.
            public var offsetSeconds: Double
            /// Its latency, ms.
            public var latency: Double
            /// `cold`, `warm`, `throttled`, `timedOut`, `serverError` or `failed`.
            public var verdict: String
            /// Its stage's index.
            public var stage: Int
        }

        /// `header`, `statistical` or `log`: the method that decided most served requests. `log`
        /// only when the Lambda log labelled at least half of them; under a log that labelled
        /// fewer, the client-side method (the `log` object says how many the log labelled).
        public var method: String
        /// The response header read for the verdict (the header method's, and the truth the
        /// statistical method is scored against).
        public var header: String
        /// The statistical method's split, ms: at or above it, cold. Absent for the header method
        /// and when the statistical method found no slow cluster.
        public var statisticalThreshold: Double?
        /// The statistical method's separation of its two groups (Ashman's D); absent for the
        /// header method.
        public var separation: Double?
        /// How sure the verdicts are, 0–1; absent when undecided.
        public var confidence: Double?
        /// Why the analysis could not tell cold from warm; absent when it decided. Undecided,
        /// no request counts cold or warm.
        public var undecided: String?
        /// The statistical method's candidates: served requests where the client expected a
        /// cold start could happen (a new concurrency, after idleness); absent for the others.
        public var expectedCold: Int?
        /// Why the statistical method decided although some served responses carried the
        /// header (`the X-Cold-Start header was on 10589 of 32095 served responses: statistical
        /// method`); absent otherwise.
        public var note: String?
        /// Requests by verdict.
        public var counts: Counts
        /// Cold requests' latency percentiles; absent without cold requests.
        public var cold: ColdStartLatency?
        /// Warm requests' latency percentiles; absent without warm requests.
        public var warm: ColdStartLatency?
        /// Cold requests' latency with every timed-out request counted cold (at its latency, at
        /// least the limit); absent without timed-out requests. `cold.*` thresholds hold on both.
        public var coldWithTimedOut: ColdStartLatency?
        /// Warm requests' latency with every timed-out request counted warm; absent without
        /// timed-out requests.
        public var warmWithTimedOut: ColdStartLatency?
        /// Cold p50 − warm p50, ms; absent unless both exist.
        public var penalty: Double?
        /// Counts per load stage.
        public var stages: [Stage]
        /// Element `i` counts cold requests due in second `i` of the run.
        public var coldPerSecond: [Int]
        /// Throttled requests as a share of all.
        public var throttledRate: Double
        /// Timed-out requests as a share of all.
        public var timedOutRate: Double
        /// Latencies beyond the 60 s histogram range, counted as 60 s.
        public var outOfRange: Int
        /// Requests of the run left out of the analysis (beyond the samples the engine keeps).
        public var unanalysed: Int
        /// When the header decided: the statistical method's score against it.
        public var statisticalAgreement: Agreement?
        /// When a Lambda log was given: how requests were matched to it, and the client-side
        /// method's score against it.
        public var log: LogMatch?
        /// Requests in time order, at most ``ColdStartAnalysis/timelineLimit``: cold ones first,
        /// then throttled, timed-out, server-error and failed ones, then warm ones, each kind
        /// thinned evenly to fit.
        public var timeline: [Point]

        /// Builds the object from an analysis.
        public init(_ analysis: ColdStartAnalysis) {
            let summary = analysis.summary
            method = analysis.decidingMethod.rawValue
            header = analysis.headerName
            statisticalThreshold = summary.thresholdMilliseconds.map(Self.rounded)
            separation = summary.separation.map { ($0 * 1_000).rounded() / 1_000 }
            confidence = summary.confidence.map { ($0 * 10_000).rounded() / 10_000 }
            undecided = summary.undecided
            expectedCold = summary.expectedCold
            note = summary.note
            counts = Counts(
                total: summary.total, cold: summary.coldCount, warm: summary.warmCount,
                throttled: summary.throttledCount, timedOut: summary.timedOutCount, serverErrors: summary.serverErrorCount,
                failed: summary.failedCount)
            cold = summary.cold
            warm = summary.warm
            coldWithTimedOut = summary.coldWithTimedOut
            warmWithTimedOut = summary.warmWithTimedOut
            penalty = summary.penaltyMilliseconds.map(Self.rounded)
            stages = summary.stages.map { stage in
                Stage(
                    index: stage.index, name: ColdStartTables.stageName(analysis, stage.index), cold: stage.cold,
                    warm: stage.warm, throttled: stage.throttled, timedOut: stage.timedOut)
            }
            coldPerSecond = summary.coldPerSecond
            throttledRate = summary.throttledRate
            timedOutRate = summary.timedOutRate
            outOfRange = summary.outOfRange
            unanalysed = analysis.unanalysed
            statisticalAgreement = analysis.statisticalAgreement.map(Agreement.init)
            log = analysis.logMatch.map { match in
                LogMatch(
                    invocations: match.invocations, coldInvocations: match.coldInvocations, byRequestID: match.byRequestID,
                    byTimeWindow: match.byTimeWindow, unlabelled: match.unlabelled, ambiguous: match.ambiguous,
                    idsNotInLog: match.idsNotInLog, skippedLines: match.skippedLines, unreadableLines: match.unreadableLines,
                    clientMethod: match.clientMethod.rawValue, agreement: Agreement(match.agreement))
            }
            timeline = analysis.timeline.map { point in
                Point(
                    offsetSeconds: (point.offsetSeconds * 1e6).rounded() / 1e6, latency: Self.rounded(point.latencyMilliseconds),
                    verdict: point.verdict.rawValue, stage: point.stage)
            }
        }

        /// Milliseconds to the microsecond.
        static func rounded(_ milliseconds: Double) -> Double { (milliseconds * 1_000).rounded() / 1_000 }
    }
}
