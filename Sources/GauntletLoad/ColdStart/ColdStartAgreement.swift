/// How well one classification finds the cold starts of another taken as the truth.
public struct ColdStartAgreement: Sendable, Hashable, Codable {
    /// Cold in both.
    public var truePositives: Int
    /// Cold in the prediction only.
    public var falsePositives: Int
    /// Cold in the truth only.
    public var falseNegatives: Int
    /// Warm in both.
    public var trueNegatives: Int

    /// Compares verdicts sample by sample; only samples both call cold or warm count.
    /// - Parameters:
    ///   - predicted: The classification under test (e.g. statistical).
    ///   - truth: The reference (e.g. the header).
    public init(predicted: ColdStartClassification, truth: ColdStartClassification) {
        precondition(predicted.verdicts.count == truth.verdicts.count, "classifications of different runs")
        var counts = (tp: 0, fp: 0, fn: 0, tn: 0)
        for (guess, actual) in zip(predicted.verdicts, truth.verdicts) {
            switch (guess, actual) {
            case (.cold, .cold): counts.tp += 1
            case (.cold, .warm): counts.fp += 1
            case (.warm, .cold): counts.fn += 1
            case (.warm, .warm): counts.tn += 1
            default: break
            }
        }
        self.truePositives = counts.tp
        self.falsePositives = counts.fp
        self.falseNegatives = counts.fn
        self.trueNegatives = counts.tn
    }

    /// The requests compared: those both called cold or warm.
    public var compared: Int { self.truePositives + self.falsePositives + self.falseNegatives + self.trueNegatives }

    /// Of the requests predicted cold, the share truly cold (1 when none was predicted cold).
    public var precision: Double {
        let predicted = self.truePositives + self.falsePositives
        return predicted == 0 ? 1 : Double(self.truePositives) / Double(predicted)
    }

    /// Of the requests truly cold, the share predicted cold (1 when none was cold).
    public var recall: Double {
        let actual = self.truePositives + self.falseNegatives
        return actual == 0 ? 1 : Double(self.truePositives) / Double(actual)
    }
}
