import GauntletLoad
import Testing

/// The header method decides only on a header that is there and speaks its vocabulary: a
/// header missing everywhere, or one with values of its own, must not read as "0 cold".
@Suite struct ColdStartHeaderValueTests {
    typealias T = ColdStartClassifierTests

    /// 8 slow requests marked `cold` and 60 fast ones `warm` by `header` (the mixed pattern).
    static func marked(cold: String?, warm: String?) -> [ColdStartSample] {
        var samples = T.mixed
        for index in samples.indices { samples[index].coldStartHeader = index < 8 ? cold : warm }
        return samples
    }

    @Test(
        "cold/warm, yes/no, 1/0, true/false are read in any case, trimmed",
        arguments: [("cold", "warm"), (" COLD ", "Warm"), ("yes", "no"), ("1", "0"), ("True", "FALSE")] as [(String, String)]
    )
    func knownValuesDecide(_ cold: String, _ warm: String) {
        for mode in [ColdStartClassifier.Mode.automatic, .header] {
            let classification = ColdStartClassifier(mode: mode).classify(Self.marked(cold: cold, warm: warm))
            #expect(classification.method == .header)
            #expect(classification.undecided == nil)
            #expect(classification.coldCount == 8)
        }
    }

    @Test("Asked for, a header with values of its own is undecided, quoting up to 3 of them")
    func unknownValuesAreUndecided() {
        var samples = Self.marked(cold: "init", warm: "reuse")
        samples[9].coldStartHeader = "other"
        samples[10].coldStartHeader = "fourth"
        let classifier = ColdStartClassifier(headerName: "X-Lambda-Init", mode: .header)
        let classification = classifier.classify(samples)
        #expect(classification.method == .header)
        #expect(classification.undecided == "the X-Lambda-Init header's values are neither true/1/yes/cold nor false/0/no/warm: seen 'init', 'reuse', 'other'")
        let summary = ColdStartSummary(samples: samples, classification: classification)
        #expect(summary.coldCount == 0 && summary.warmCount == 0)
        #expect(summary.evaluate(try! Threshold(parsing: "cold.count<5"))?.passed == false)
    }

    @Test("Asked for, a header no served response carried is undecided, with the count")
    func missingHeaderIsUndecided() {
        var samples = Self.marked(cold: nil, warm: nil)
        samples.append(T.sample(1, status: 429))
        let classification = ColdStartClassifier(mode: .header).classify(samples)
        #expect(classification.undecided == "no served response carried the X-Cold-Start header (0 of 68)")
        let summary = ColdStartSummary(samples: samples, classification: classification)
        #expect(summary.evaluate(try! Threshold(parsing: "cold.count<5"))?.passed == false)
    }

    @Test("Automatic falls back to the statistical method on unknown values, and says why")
    func automaticFallsBackOnUnknownValues() {
        let classification = ColdStartClassifier(headerName: "X-Lambda-Init").classify(Self.marked(cold: "init", warm: "reuse"))
        #expect(classification.method == .statistical)
        #expect(classification.coldCount == 8)
        #expect(classification.note == "the X-Lambda-Init header's values are neither true/1/yes/cold nor false/0/no/warm: seen 'init', 'reuse': statistical method")
    }

    @Test("Automatic falls back when the header is on some served responses only, and says on how many")
    func automaticFallsBackOnAPartialHeader() {
        let classification = ColdStartClassifier().classify(Self.marked(cold: "true", warm: nil))
        #expect(classification.method == .statistical)
        #expect(classification.note == "the X-Cold-Start header was on 8 of 68 served responses: statistical method")
        #expect(ColdStartClassifier().classify(Self.marked(cold: nil, warm: nil)).note == nil, "no header at all is the usual statistical case")
    }

    @Test("An undecided header is not scored against, nor reported as what detected the cold starts")
    func undecidedHeaderIsNotTheMethod() {
        let analysis = ColdStartAnalysis(
            samples: Self.marked(cold: nil, warm: nil), classifier: ColdStartClassifier(mode: .header), stageNames: [])
        #expect(analysis.summary.undecided != nil)
        #expect(analysis.statisticalAgreement == nil)
    }
}
