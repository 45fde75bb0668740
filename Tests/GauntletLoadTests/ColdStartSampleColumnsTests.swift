import Foundation
import Testing

@testable import GauntletLoad

/// `load-result.json` keeps the cold-start samples as columns (version 2 of the format), and
/// still reads the objects version 1 wrote.
@Suite struct ColdStartSampleColumnsTests {
    static let samples = [
        ColdStartSample(offset: .nanoseconds(0), latency: .nanoseconds(412_345_678), status: 200, coldStartHeader: "true", stage: 0, newConnection: true),
        ColdStartSample(offset: .nanoseconds(1_000_000_001), latency: .nanoseconds(5_100_000), status: 200, stage: 1, newConnection: false),
        ColdStartSample(offset: .seconds(2), latency: .seconds(1), status: nil, stage: 1, wasSent: false),
        ColdStartSample(offset: .seconds(3), latency: .seconds(30), status: nil, stage: 2, timedOut: true),
    ]
    static let input = ColdStartInput(samples: samples, classifier: ColdStartClassifier(mode: .header), unanalysed: 7)

    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("Samples written as columns read back the same, and a field no sample has takes no column")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(Self.input)
        #expect(try JSONDecoder().decode(ColdStartInput.self, from: data) == Self.input)
        let json = try object(data)
        #expect(json["samples"] == nil)
        let columns = try #require(json["sampleColumns"] as? [String: Any])
        #expect(columns["offsetNanos"] as? [Int] == [0, 1_000_000_001, 2_000_000_000, 3_000_000_000])
        #expect(Set(columns.keys) == ["offsetNanos", "latencyNanos", "status", "stage", "coldStartHeader", "newConnection", "wasSent", "timedOut"])
    }

    @Test("A file of version 1, one object per sample, still reads")
    func theObjectLayoutReads() throws {
        var json = try object(try JSONEncoder().encode(Self.input))
        json["sampleColumns"] = nil
        json["samples"] = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(Self.samples))
        let data = try JSONSerialization.data(withJSONObject: json)
        #expect(try JSONDecoder().decode(ColdStartInput.self, from: data) == Self.input)
    }

    @Test("Columns of different lengths are refused, not cut to the shortest")
    func unevenColumnsAreRefused() throws {
        var json = try object(try JSONEncoder().encode(Self.input))
        var columns = try #require(json["sampleColumns"] as? [String: Any])
        columns["stage"] = [0, 1]
        json["sampleColumns"] = columns
        let data = try JSONSerialization.data(withJSONObject: json)
        #expect {
            try JSONDecoder().decode(ColdStartInput.self, from: data)
        } throws: { error in
            "\(error)".contains("the sample columns differ in length (4 offsets)")
        }
    }
}
