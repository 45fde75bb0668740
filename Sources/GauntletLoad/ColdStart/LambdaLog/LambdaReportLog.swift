import Foundation

/// The Lambda platform's `REPORT` records of a function's CloudWatch log, read from a file: one
/// ``LambdaInvocation`` per request id, which tells a cold start (`Init Duration`) from a warm
/// invocation, the truth that the client-side methods of ``ColdStartClassifier`` guess at.
///
/// ## Formats read, one record per line
/// - **Text** (Lambda's default log format): `REPORT RequestId: 8f5e…⇥Duration: 12.34 ms⇥Billed
///   Duration: 13 ms⇥Memory Size: 128 MB⇥Max Memory Used: 70 MB⇥Init Duration: 230.45 ms`,
///   tabs or spaces between fields, as a raw message line (no time), or after a timestamp: an
///   ISO 8601 time and a log stream name (`aws logs tail`, its `--format short` too), epoch
///   milliseconds (`aws logs filter-log-events --query 'events[].[timestamp,message]'
///   --output text`), or a whole `EVENTS` row of `--output text` (its `timestamp` after the
///   message, or on the next line when the message ended with a newline).
/// - **JSON** (Lambda's JSON log format): `{"time":"…","type":"platform.report","record":
///   {"requestId":"…","metrics":{"durationMs":12.34,…,"initDurationMs":230.45}}}`.
/// - **CloudWatch exports** wrapping either: `{"timestamp":1796353445678,"message":"<record>"}`
///   per line, or the whole `{"events":[…]}` document of `aws logs filter-log-events`.
///
/// Lines that are neither are skipped and counted (START and END lines, the function's own
/// log); a `REPORT` line without a request id or a duration is counted as unreadable.
///
/// ## Request-id mappings
/// Behind API Gateway a response carries API Gateway's request id (`x-amzn-RequestId` for REST
/// APIs, `apigw-requestid` for HTTP APIs), not Lambda's. A line of the function's own log that
/// names both, `requestId` (or `awsRequestId`) and `apigwRequestId` (JSON members, or
/// `name=value` / `name: value` in text), maps the one to the other.
public struct LambdaReportLog: Sendable, Hashable, Codable {
    /// The invocations, one per request id (the first record of an id wins), in file order.
    public var invocations: [LambdaInvocation]
    /// Another id of a request (API Gateway's) to its Lambda request id.
    public var aliases: [String: String]
    /// Lines that were not records (START, END, the function's own lines, blank ones excluded).
    public var skippedLines: Int
    /// `REPORT` lines that could not be read.
    public var unreadableLines: Int

    /// Creates a log from its records.
    public init(invocations: [LambdaInvocation], aliases: [String: String] = [:], skippedLines: Int = 0, unreadableLines: Int = 0) {
        var seen: Set<String> = []
        self.invocations = invocations.filter { seen.insert($0.requestID).inserted }
        self.aliases = aliases
        self.skippedLines = skippedLines
        self.unreadableLines = unreadableLines
    }

    /// How many invocations were cold.
    public var coldCount: Int { invocations.count { $0.isCold } }

    /// Both logs' records (this one's first where an id is in both).
    public func merging(_ other: LambdaReportLog) -> LambdaReportLog {
        LambdaReportLog(
            invocations: invocations + other.invocations, aliases: aliases.merging(other.aliases) { mine, _ in mine },
            skippedLines: skippedLines + other.skippedLines, unreadableLines: unreadableLines + other.unreadableLines)
    }

    /// Reads a log file.
    /// - Throws: ``LambdaReportLogError`` when the file cannot be read or holds no `REPORT` record.
    public static func read(contentsOf path: String) throws(LambdaReportLogError) -> LambdaReportLog {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LambdaReportLogError(path: path, "cannot read the Lambda log")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Reads a log's text.
    /// - Parameters:
    ///   - text: The log, in any of the formats the type reads.
    ///   - path: The file's name, for errors.
    /// - Throws: ``LambdaReportLogError`` when the text holds no `REPORT` record.
    public static func parse(_ text: String, path: String) throws(LambdaReportLogError) -> LambdaReportLog {
        var reader = LambdaLogReader()
        if let events = LambdaLogReader.exportedEvents(text) {
            for event in events { reader.read(json: event, line: 1) }
        } else {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var index = 0
            while index < lines.count {
                let line = lines[index].trimmingSuffix(while: { $0 == "\r" })
                let next = index + 1 < lines.count ? lines[index + 1] : nil
                if reader.read(line: line, number: index + 1, next: next) { index += 1 }
                index += 1
            }
        }
        guard !reader.invocations.isEmpty else {
            let why =
                reader.firstUnreadable.map { _ in "no readable REPORT record (the first REPORT line is unreadable)" }
                ?? "no REPORT record (export the function's log with: aws logs filter-log-events --log-group-name /aws/lambda/NAME --filter-pattern REPORT --query 'events[].[timestamp,message]' --output text)"
            throw LambdaReportLogError(path: path, line: reader.firstUnreadable, why)
        }
        return LambdaReportLog(
            invocations: reader.invocations, aliases: reader.aliases, skippedLines: reader.skipped,
            unreadableLines: reader.unreadable)
    }
}

extension Substring {
    /// The text without the trailing characters that match.
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
