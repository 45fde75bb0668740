public import Histogram

/// The cold-start section of a load result: every request told cold or warm, summarized, with
/// the timeline and the two latency distributions that reports draw.
///
/// Built by the engine when the plan asks for it (``LoadPlan/coldStart``), from one
/// ``ColdStartSample`` per request.
public struct ColdStartAnalysis: Sendable {
    /// The most points kept for the timeline: cold requests first, then throttled, timed-out,
    /// server-error and failed ones, then warm ones, each kind thinned evenly to the room the
    /// kinds before it left. Every kind but warm used to be kept whole: against a deployment
    /// answering 503, 1.13 M requests in 15 s made a 135 MB `latency.json` and a 38.6 MB
    /// `latency.html` of 1.1 M points.
    public static let timelineLimit = 5_000

    /// The response header read for the verdict (it may have been absent).
    public var headerName: String
    /// Counts, cold and warm percentiles, the penalty, per stage and per second.
    public var summary: ColdStartSummary
    /// A human name for each load stage, by index (`burst of 10`, `6 VUs for 2s`).
    public var stageNames: [String]
    /// Requests in time order, thinned to at most ``timelineLimit`` (see there).
    public var timeline: [ColdStartPoint]
    /// When the header decided (or, under a log, would have): how the statistical method, run on
    /// the same requests, scored against it. Nil when the statistical method decided.
    public var statisticalAgreement: ColdStartAgreement?
    /// When a Lambda log was given: how requests were matched to its invocations, and how the
    /// client-side method agreed with it.
    public var logMatch: ColdStartLogMatch?
    /// Cold requests' latency in microseconds (1 µs to 60 s, 3 digits).
    public var coldHistogram: Histogram<UInt64>
    /// Warm requests' latency in microseconds.
    public var warmHistogram: Histogram<UInt64>
    /// Timed-out requests' latency in microseconds (a 504, or the client's timeout): what the
    /// cold or the warm series may lack (``ColdStartSummary/coldWithTimedOut``).
    public var timedOutHistogram: Histogram<UInt64>
    /// Requests left out of the analysis: beyond the million an event loop keeps samples of.
    public var unanalysed: Int
    /// Requests that never reached the wire (``ColdStartSample/wasSent``): counted by verdict
    /// (failed), but without a latency, so not on the timeline.
    public var neverSent: Int

    /// The method that decided most served requests: the summary's, except under a Lambda log
    /// that labelled fewer than half of them (``ColdStartLogMatch/decidedMost``), where the
    /// client-side method decided the rest and so most.
    public var decidingMethod: ColdStartMethod {
        guard self.summary.method == .log, let match = self.logMatch, !match.decidedMost else { return self.summary.method }
        return match.clientMethod
    }

    /// Classifies `samples` and summarizes them.
    /// - Parameters:
    ///   - samples: One per request, in any order.
    ///   - classifier: How to tell cold from warm.
    ///   - stageNames: The stages' names, by index.
    ///   - unanalysed: Requests of the run without a sample.
    ///   - log: The function's `REPORT` records: when it labels any request, the log decides
    ///     (``ColdStartMethod/log``) where it labels.
    ///   - wallClockStartNanos: When the run started (nanoseconds since 1970), for matching by
    ///     time window.
    public init(
        samples: [ColdStartSample], classifier: ColdStartClassifier, stageNames: [String], unanalysed: Int = 0,
        log: LambdaReportLog? = nil, wallClockStartNanos: Int64? = nil
    ) {
        let samples = samples.sorted { $0.offset < $1.offset }
        let client = classifier.classify(samples)
        var classification = client
        if let log {
            let labels = ColdStartLogLabeller.label(samples, log: log, wallClockStartNanos: wallClockStartNanos)
            var predicted: [ColdStartVerdict] = []
            var truth: [ColdStartVerdict] = []
            var verdicts = client.verdicts
            for (position, invocation) in labels.invocations.enumerated() {
                guard let invocation else { continue }
                verdicts[position] = invocation.isCold ? .cold : .warm
                predicted.append(client.verdicts[position])
                truth.append(verdicts[position])
            }
            let labelled = labels.byRequestID + labels.byTimeWindow
            self.logMatch = ColdStartLogMatch(
                invocations: log.invocations.count, coldInvocations: log.coldCount, byRequestID: labels.byRequestID,
                byTimeWindow: labels.byTimeWindow, unlabelled: samples.count { $0.isServed } - labelled,
                ambiguous: labels.ambiguous, idsNotInLog: labels.idsNotInLog, skippedLines: log.skippedLines,
                unreadableLines: log.unreadableLines, clientMethod: client.method,
                agreement: ColdStartAgreement(
                    predicted: ColdStartClassification(verdicts: predicted, method: client.method),
                    truth: ColdStartClassification(verdicts: truth, method: .log)))
            if labelled > 0 {
                // The log is the platform's own word; how sure the whole is, is the share it labelled.
                let served = samples.count { $0.isServed }
                classification = ColdStartClassification(
                    verdicts: verdicts, method: .log, confidence: Double(labelled) / Double(max(1, served)), note: client.note)
            }
        } else {
            self.logMatch = nil
        }
        self.headerName = classifier.headerName
        var cold = ColdStartLatency.makeHistogram()
        var warm = ColdStartLatency.makeHistogram()
        var timedOut = ColdStartLatency.makeHistogram()
        self.summary = ColdStartSummary(
            samples: samples, classification: classification, coldHistogram: &cold, warmHistogram: &warm,
            timedOutHistogram: &timedOut)
        self.coldHistogram = cold
        self.warmHistogram = warm
        self.timedOutHistogram = timedOut
        self.stageNames = stageNames
        self.unanalysed = unanalysed
        self.neverSent = samples.count { !$0.reachedWire }
        if client.method == .header, client.undecided == nil {
            var statistical = classifier
            statistical.mode = .statistical
            self.statisticalAgreement = ColdStartAgreement(predicted: statistical.classify(samples), truth: client)
        } else {
            self.statisticalAgreement = nil
        }
        self.timeline = Self.timeline(samples, classification.verdicts)
    }

    /// At most ``timelineLimit`` requests, in time order: cold ones, then the other kinds but
    /// warm, then warm ones, each kind evenly spread over the room the kinds before it left;
    /// never a request that was not sent, which has no latency to plot.
    static func timeline(_ samples: [ColdStartSample], _ verdicts: [ColdStartVerdict]) -> [ColdStartPoint] {
        // Cold requests are what the timeline shows; warm ones are the background.
        func tier(_ verdict: ColdStartVerdict) -> Int { verdict == .cold ? 0 : verdict == .warm ? 2 : 1 }
        var counts = [0, 0, 0]
        for (sample, verdict) in zip(samples, verdicts) where sample.reachedWire { counts[tier(verdict)] += 1 }
        // Every `keepEvery[t]`-th request of tier t is kept; 0 keeps none.
        var keepEvery = [1, 1, 1]
        var room = timelineLimit
        for index in counts.indices {
            keepEvery[index] = room == 0 ? 0 : counts[index] <= room ? 1 : Int((Double(counts[index]) / Double(room)).rounded(.up))
            if keepEvery[index] > 0 { room -= (counts[index] + keepEvery[index] - 1) / keepEvery[index] }
        }
        var points: [ColdStartPoint] = []
        var seen = [0, 0, 0]
        for (sample, verdict) in zip(samples, verdicts) where sample.reachedWire {
            let kind = tier(verdict)
            defer { seen[kind] += 1 }
            guard keepEvery[kind] > 0, seen[kind] % keepEvery[kind] == 0 else { continue }
            points.append(
                ColdStartPoint(
                    offsetSeconds: sample.offset.secondsDouble,
                    latencyMilliseconds: ColdStartClassifier.microseconds(sample.latency) / 1000,
                    verdict: verdict, stage: sample.stage))
        }
        return points
    }
}
