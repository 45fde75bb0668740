import Foundation
import GauntletLoad
import Testing

/// Reading Lambda's platform REPORT records from CloudWatch Logs exports: text and JSON log
/// formats, CloudWatch's wrappers, cold and warm records, junk, and a file with none.
@Suite struct LambdaReportLogTests {
    static let cold = "REPORT RequestId: 8f5e0c1a-1111-4b2b-9c3d-000000000001\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\tInit Duration: 230.45 ms\t"
    static let warm = "REPORT RequestId: 8f5e0c1a-1111-4b2b-9c3d-000000000002\tDuration: 2.50 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\t"

    /// 2026-12-03T03:04:05.678Z.
    static let nanos: Int64 = 1_796_267_045_678_000_000

    @Test("Raw text lines: cold with Init Duration, warm without, no time")
    func rawText() throws {
        let log = try LambdaReportLog.parse(Self.cold + "\n" + Self.warm + "\n", path: "r.log")
        #expect(log.invocations.count == 2)
        let first = log.invocations[0]
        #expect(first.requestID == "8f5e0c1a-1111-4b2b-9c3d-000000000001")
        #expect(first.durationMilliseconds == 12.34)
        #expect(first.billedDurationMilliseconds == 13)
        #expect(first.memorySizeMB == 128)
        #expect(first.maxMemoryUsedMB == 70)
        #expect(first.initDurationMilliseconds == 230.45)
        #expect(first.isCold)
        #expect(first.endNanos == nil)
        #expect(!log.invocations[1].isCold)
        #expect(log.invocations[1].durationMilliseconds == 2.5)
        #expect(log.coldCount == 1)
    }

    @Test("Fields separated by spaces, as copied from a console")
    func spaces() throws {
        let log = try LambdaReportLog.parse(
            "REPORT RequestId: abc Duration: 1.00 ms Billed Duration: 1 ms Memory Size: 256 MB Max Memory Used: 40 MB Init Duration: 99.5 ms",
            path: "r.log")
        #expect(log.invocations.first?.durationMilliseconds == 1)
        #expect(log.invocations.first?.initDurationMilliseconds == 99.5)
        #expect(log.invocations.first?.memorySizeMB == 256)
    }

    @Test("Timestamped text: aws logs tail (detailed and short), epoch milliseconds, EVENTS rows")
    func timestamped() throws {
        let text = """
            2026-12-03T03:04:05.678000+00:00 2026/12/03/[$LATEST]0123abcd \(Self.cold)
            2026-12-03T03:04:06 \(Self.warm.replacingOccurrences(of: "0002", with: "0003"))
            1796267047678\t\(Self.warm.replacingOccurrences(of: "0002", with: "0004"))
            EVENTS\t37312345678901234567890123456789012345678901234567890123\t1796267049999\t2026/12/03/[$LATEST]0123abcd\t\(Self.warm.replacingOccurrences(of: "0002", with: "0005"))
            \t1796267048678
            EVENTS\t37312345678901234567890123456789012345678901234567890124\t1796267059999\t2026/12/03/[$LATEST]0123abcd\t\(Self.warm.replacingOccurrences(of: "0002", with: "0006"))1796267049678
            """
        let log = try LambdaReportLog.parse(text, path: "r.log")
        #expect(log.invocations.map(\.endNanos) == [
            Self.nanos, 1_796_267_046_000_000_000, Self.nanos + 2_000_000_000, Self.nanos + 3_000_000_000, Self.nanos + 4_000_000_000,
        ])
        #expect(log.skippedLines == 0)
        #expect(log.invocations[0].window == (Self.nanos - 242_790_000)...Self.nanos)
    }

    @Test("Lambda's JSON log format: platform.report, its time, initDurationMs only when cold")
    func json() throws {
        let text = """
            {"time":"2026-12-03T03:04:05.678Z","type":"platform.start","record":{"requestId":"a","version":"$LATEST"}}
            {"time":"2026-12-03T03:04:05.678Z","type":"platform.report","record":{"requestId":"a","metrics":{"durationMs":12.34,"billedDurationMs":13,"memorySizeMB":128,"maxMemoryUsedMB":70,"initDurationMs":230.45},"status":"success"}}
            {"time":"2026-12-03T03:04:06.678Z","type":"platform.report","record":{"requestId":"b","metrics":{"durationMs":2,"billedDurationMs":2,"memorySizeMB":128,"maxMemoryUsedMB":70},"status":"success"}}
            """
        let log = try LambdaReportLog.parse(text, path: "r.log")
        #expect(log.invocations.map(\.requestID) == ["a", "b"])
        #expect(log.invocations.map(\.isCold) == [true, false])
        #expect(log.invocations[0].endNanos == Self.nanos)
        #expect(log.invocations[1].durationMilliseconds == 2)
        #expect(log.skippedLines == 1)
    }

    @Test("CloudWatch exports: {timestamp, message} lines wrapping text or JSON records, and the events document")
    func exported() throws {
        let wrapped = """
            {"timestamp":1796267045678,"message":"\(Self.cold.replacingOccurrences(of: "\t", with: "\\t"))\\n"}
            {"timestamp":1796267046678,"message":"{\\"time\\":\\"2026-12-03T03:04:06.678Z\\",\\"type\\":\\"platform.report\\",\\"record\\":{\\"requestId\\":\\"j\\",\\"metrics\\":{\\"durationMs\\":1.5}}}"}
            """
        let log = try LambdaReportLog.parse(wrapped, path: "r.log")
        #expect(log.invocations.count == 2)
        #expect(log.invocations[0].endNanos == Self.nanos)
        #expect(log.invocations[0].isCold)
        #expect(log.invocations[1].requestID == "j")
        #expect(log.invocations[1].endNanos == Self.nanos + 1_000_000_000)

        let document = """
            {
                "events": [
                    {"logStreamName": "s", "timestamp": 1796267045678, "message": "\(Self.warm.replacingOccurrences(of: "\t", with: "\\t"))\\n", "ingestionTime": 1796267049000, "eventId": "1"}
                ],
                "searchedLogStreams": []
            }
            """
        let events = try LambdaReportLog.parse(document, path: "events.json")
        #expect(events.invocations.count == 1)
        #expect(events.invocations[0].endNanos == Self.nanos)
        #expect(!events.invocations[0].isCold)
    }

    @Test("The function's own lines naming requestId and apigwRequestId map API Gateway ids")
    func mappings() throws {
        let text = """
            {"timestamp":"2026-12-03T03:04:05.600Z","level":"INFO","requestId":"lambda-1","message":{"apigwRequestId":"gw-1"}}
            2026-12-03T03:04:05.601Z lambda-2 INFO requestId=lambda-2 apigwRequestId=gw-2
            \(Self.cold)
            """
        let log = try LambdaReportLog.parse(text, path: "r.log")
        #expect(log.aliases == ["gw-1": "lambda-1", "gw-2": "lambda-2"])
        #expect(log.skippedLines == 0)
    }

    @Test("Junk, START and END lines are skipped and counted; broken REPORT lines are unreadable")
    func junk() throws {
        let text = """
            START RequestId: x Version: $LATEST
            hello from the function

            REPORT RequestId: \tBilled Duration: 3 ms
            REPORT RequestId: y\tMemory Size: 128 MB
            {"type":"platform.report","record":{"requestId":"z"}}
            {not json REPORT
            \(Self.warm)
            END RequestId: x
            """
        let log = try LambdaReportLog.parse(text, path: "r.log")
        #expect(log.invocations.count == 1)
        #expect(log.skippedLines == 3)
        #expect(log.unreadableLines == 4)
    }

    @Test("A log without a REPORT record is an input error naming the file (and the first broken line)")
    func noReport() throws {
        #expect(throws: LambdaReportLogError.self) { try LambdaReportLog.parse("START RequestId: x\nEND RequestId: x\n", path: "empty.log") }
        do {
            _ = try LambdaReportLog.parse("START RequestId: x\nREPORT RequestId: y\tMemory Size: 1 MB\n", path: "broken.log")
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("broken.log:2: error: no readable REPORT record"))
        }
        #expect(throws: LambdaReportLogError.self) { try LambdaReportLog.read(contentsOf: "/nonexistent/report.log") }
    }

    @Test("The first record of a request id wins; logs merge")
    func duplicates() throws {
        let first = try LambdaReportLog.parse(Self.cold + "\n" + Self.cold.replacingOccurrences(of: "Init Duration: 230.45 ms", with: ""), path: "a")
        #expect(first.invocations.count == 1)
        #expect(first.invocations[0].isCold)
        let second = try LambdaReportLog.parse(Self.warm, path: "b")
        #expect(first.merging(second).invocations.count == 2)
    }
}
