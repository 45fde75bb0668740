/// How a ``ColdStartInput`` is written into `load-result.json`: its samples as columns, one
/// array per field, not one object per request.
///
/// A run keeps up to a million samples (``LoadRecorder/sampleLimit``). Written as objects, each
/// became a dictionary of its own inside the encoder before a byte was written: a million took
/// 140 MB of file, and `gauntlet merge` of it peaked at 1.28 GB; as columns, 43 MB and 0.53 GB.
/// Sample times are whole nanoseconds (the load's clock), so the columns lose nothing. A file of
/// the earlier layout (`samples`, one object each, version 1 of the format) still reads.
extension ColdStartInput {
    private enum CodingKeys: String, CodingKey {
        case sampleColumns, samples, classifier, unanalysed, log
    }

    /// The samples as columns; a field no sample has (a request id without a Lambda log) is left out.
    struct SampleColumns: Codable {
        /// When each request was due, nanoseconds from the start of the load.
        var offsetNanos: [Int64]
        /// Each request's latency, nanoseconds.
        var latencyNanos: [Int64]
        /// Each status; null for a transport failure.
        var status: [Int?]
        /// Each load stage's index.
        var stage: [Int]
        var coldStartHeader: [String?]?
        var requestID: [String?]?
        var newConnection: [Bool?]?
        var wasSent: [Bool?]?
        var timedOut: [Bool?]?

        init(_ samples: [ColdStartSample]) {
            offsetNanos = samples.map { Int64(clamping: $0.offset.attoseconds / 1_000_000_000) }
            latencyNanos = samples.map { Int64(clamping: $0.latency.attoseconds / 1_000_000_000) }
            status = samples.map(\.status)
            stage = samples.map(\.stage)
            /// A column only when some sample has a value in it.
            func column<Value>(_ field: KeyPath<ColdStartSample, Value?>) -> [Value?]? {
                samples.contains { $0[keyPath: field] != nil } ? samples.map { $0[keyPath: field] } : nil
            }
            coldStartHeader = column(\.coldStartHeader)
            requestID = column(\.requestID)
            newConnection = column(\.newConnection)
            wasSent = column(\.wasSent)
            timedOut = column(\.timedOut)
        }

        /// The samples again.
        /// - Throws: `DecodingError` when the columns differ in length.
        func samples(codingPath: [any CodingKey]) throws -> [ColdStartSample] {
            let count = offsetNanos.count
            let lengths = [latencyNanos.count, status.count, stage.count]
                + [coldStartHeader?.count, requestID?.count, newConnection?.count, wasSent?.count, timedOut?.count].compactMap { $0 }
            guard lengths.allSatisfy({ $0 == count }) else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: codingPath, debugDescription: "the sample columns differ in length (\(count) offsets)"))
            }
            return (0..<count).map { index in
                ColdStartSample(
                    offset: .nanoseconds(offsetNanos[index]), latency: .nanoseconds(latencyNanos[index]), status: status[index],
                    coldStartHeader: coldStartHeader?[index], stage: stage[index], requestID: requestID?[index],
                    newConnection: newConnection?[index], wasSent: wasSent?[index], timedOut: timedOut?[index])
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let columns = try container.decodeIfPresent(SampleColumns.self, forKey: .sampleColumns) {
            samples = try columns.samples(codingPath: container.codingPath + [CodingKeys.sampleColumns])
        } else {
            samples = try container.decode([ColdStartSample].self, forKey: .samples)
        }
        classifier = try container.decode(ColdStartClassifier.self, forKey: .classifier)
        unanalysed = try container.decode(Int.self, forKey: .unanalysed)
        log = try container.decodeIfPresent(LambdaReportLog.self, forKey: .log)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(SampleColumns(samples), forKey: .sampleColumns)
        try container.encode(classifier, forKey: .classifier)
        try container.encode(unanalysed, forKey: .unanalysed)
        try container.encodeIfPresent(log, forKey: .log)
    }
}
