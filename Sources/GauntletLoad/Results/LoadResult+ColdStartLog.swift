/// Labelling a result's requests from the function's Lambda log, after the load (the log is
/// exported once the run is over) or after a merge.
extension LoadResult {
    /// This result with its cold starts analysed again with `log` (added to any log it has):
    /// the log decides where it labels a request, and the analysis reports how well the
    /// client-side method agreed with it. A result without a cold-start analysis is returned
    /// as it is.
    public func applyingColdStartLog(_ log: LambdaReportLog) -> LoadResult {
        guard var input = coldStartInput else { return self }
        input.log = input.log.map { $0.merging(log) } ?? log
        var result = self
        result.coldStartInput = input
        let stageNames = coldStarts?.stageNames ?? model.stageNames
        result.coldStarts = ColdStartAnalysis(
            samples: input.samples, classifier: input.classifier, stageNames: stageNames, unanalysed: input.unanalysed,
            log: input.log, wallClockStartNanos: wallClockStartNanos)
        return result
    }
}
