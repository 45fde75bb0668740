import Foundation
import GauntletJSON

/// Reads a Lambda log line by line into invocations and id mappings, counting what it skips
/// (see ``LambdaReportLog`` for the formats).
struct LambdaLogReader {
    var invocations: [LambdaInvocation] = []
    var aliases: [String: String] = [:]
    var skipped = 0
    var unreadable = 0
    var firstUnreadable: Int?

    /// What one line holds.
    enum Record {
        case report(LambdaInvocation)
        case mapping(alias: String, requestID: String)
        case unreadable
        case other
    }

    /// Reads one line; returns true when it also consumed `next` (the timestamp of an `EVENTS`
    /// row whose message ended with a newline).
    mutating func read(line: Substring, number: Int, next: Substring?) -> Bool {
        let trimmed = line.drop(while: \.isWhitespace)
        if trimmed.isEmpty { return false }
        if trimmed.first == "{" {
            if let value = try? JSONValue(parsing: String(trimmed)) {
                read(json: value, line: number)
            } else {
                count(trimmed.contains("REPORT") || trimmed.contains("platform.report") ? .unreadable : .other, line: number)
            }
            return false
        }
        guard let report = Self.textReport(trimmed) else {
            count(Self.textMapping(trimmed) ?? .other, line: number)
            return false
        }
        guard var invocation = report.invocation else {
            count(.unreadable, line: number)
            return false
        }
        var consumed = false
        if invocation.endNanos == nil || report.isEventsRow, report.trailingTime == nil, let next,
            let time = LogTimestamp.epochMilliseconds(next.trimmingSuffix(while: \.isWhitespace).drop(while: \.isWhitespace))
        {
            invocation.endNanos = time
            consumed = true
        } else if let trailing = report.trailingTime, report.isEventsRow || invocation.endNanos == nil {
            invocation.endNanos = trailing
        }
        count(.report(invocation), line: number)
        return consumed
    }

    /// Reads one JSON record: a `platform.report`, a CloudWatch export event wrapping a record
    /// in `message`, or a line of the function's own log naming both request ids.
    mutating func read(json value: JSONValue, line: Int) {
        count(Self.jsonRecord(value, outerTime: nil), line: line)
    }

    private mutating func count(_ record: Record, line: Int) {
        switch record {
        case .report(let invocation): invocations.append(invocation)
        case .mapping(let alias, let requestID): aliases[alias] = requestID
        case .unreadable:
            unreadable += 1
            if firstUnreadable == nil { firstUnreadable = line }
        case .other: skipped += 1
        }
    }

    /// The events of a whole `aws logs filter-log-events --output json` document, or nil when
    /// the text is not one.
    static func exportedEvents(_ text: String) -> [JSONValue]? {
        guard text.drop(while: \.isWhitespace).first == "{", text.contains("\"events\"") else { return nil }
        // One record per line is the usual case; only a document that is not is parsed whole.
        if let firstLine = text.split(separator: "\n").first, (try? JSONValue(parsing: String(firstLine))) != nil { return nil }
        guard let document = try? JSONValue(parsing: text), let events = document["events"]?.arrayValue else { return nil }
        return events
    }

    // MARK: - JSON

    static func jsonRecord(_ value: JSONValue, outerTime: Int64?) -> Record {
        let time = jsonTime(value["time"]) ?? jsonTime(value["timestamp"]) ?? outerTime
        if value["type"]?.stringValue == "platform.report" {
            guard let record = value["record"], let id = record["requestId"]?.stringValue, !id.isEmpty,
                let metrics = record["metrics"], let duration = metrics["durationMs"]?.doubleValue
            else { return .unreadable }
            return .report(
                LambdaInvocation(
                    requestID: id, endNanos: time, durationMilliseconds: duration,
                    billedDurationMilliseconds: metrics["billedDurationMs"]?.doubleValue,
                    memorySizeMB: metrics["memorySizeMB"]?.doubleValue.map { Int($0) },
                    maxMemoryUsedMB: metrics["maxMemoryUsedMB"]?.doubleValue.map { Int($0) },
                    initDurationMilliseconds: metrics["initDurationMs"]?.doubleValue))
        }
        if let mapping = jsonMapping(value) { return mapping }
        if let message = value["message"]?.stringValue {
            let inner = message.drop(while: \.isWhitespace).trimmingSuffix(while: \.isWhitespace)
            if inner.first == "{", let nested = try? JSONValue(parsing: String(inner)) {
                return jsonRecord(nested, outerTime: time)
            }
            if let report = textReport(inner) {
                guard var invocation = report.invocation else { return .unreadable }
                if invocation.endNanos == nil { invocation.endNanos = time }
                return .report(invocation)
            }
            return textMapping(inner) ?? .other
        }
        if let message = value["message"], case .object = message, let mapping = jsonMapping(message, outer: value) {
            return mapping
        }
        return .other
    }

    /// `requestId` (or `awsRequestId`) and `apigwRequestId`, in the object or its `message`.
    static func jsonMapping(_ value: JSONValue, outer: JSONValue? = nil) -> Record? {
        func lambdaID(_ object: JSONValue?) -> String? {
            object?["requestId"]?.stringValue ?? object?["awsRequestId"]?.stringValue
        }
        guard let alias = value["apigwRequestId"]?.stringValue ?? value["message"]?["apigwRequestId"]?.stringValue,
            let id = lambdaID(value) ?? lambdaID(value["message"]) ?? lambdaID(outer), !alias.isEmpty, !id.isEmpty
        else { return nil }
        return .mapping(alias: alias, requestID: id)
    }

    static func jsonTime(_ value: JSONValue?) -> Int64? {
        switch value {
        case .string(let text)?: LogTimestamp.any(Substring(text))
        case .integer(let millis)?: millis * 1_000_000
        case .double(let millis)?: Int64((millis * 1e6).rounded())
        default: nil
        }
    }

    // MARK: - Text

    /// A text `REPORT` line's parts: the invocation (nil when unreadable, its time from before
    /// the record), the epoch milliseconds after its fields, and whether it is an `EVENTS` row.
    struct TextReport {
        var invocation: LambdaInvocation?
        var trailingTime: Int64?
        var isEventsRow: Bool
    }

    /// Reads `REPORT RequestId: …` anywhere in the line; nil when the line has none.
    static func textReport(_ line: Substring) -> TextReport? {
        guard let marker = line.range(of: "REPORT RequestId:") else { return nil }
        let prefix = line[..<marker.lowerBound].split(whereSeparator: \.isWhitespace)
        let isEventsRow = prefix.first == "EVENTS"
        let rest = line[marker.upperBound...].drop(while: \.isWhitespace)
        let id = rest.prefix(while: { !$0.isWhitespace })
        guard !id.isEmpty else { return TextReport(invocation: nil, trailingTime: nil, isEventsRow: isEventsRow) }
        var fields: [Substring: Double] = [:]
        var end = rest.startIndex
        let field = /(Billed Duration|Init Duration|Restore Duration|Max Memory Used|Memory Size|Duration):\s*([0-9]+(?:\.[0-9]+)?)\s*(?:ms|MB)/
        for match in rest.matches(of: field) {
            if fields[match.output.1] == nil { fields[match.output.1] = Double(match.output.2) }
            end = match.range.upperBound
        }
        let trailing = rest[end...].split(whereSeparator: \.isWhitespace).lazy.compactMap { LogTimestamp.epochMilliseconds($0) }.first
        guard let duration = fields["Duration"] else {
            return TextReport(invocation: nil, trailingTime: trailing, isEventsRow: isEventsRow)
        }
        // The time before the record: the first ISO time or epoch milliseconds (in an EVENTS
        // row that is the ingestion time, used only when the event's own time is missing).
        let leading = prefix.lazy.compactMap { LogTimestamp.any($0) }.first
        let invocation = LambdaInvocation(
            requestID: String(id), endNanos: leading, durationMilliseconds: duration,
            billedDurationMilliseconds: fields["Billed Duration"], memorySizeMB: fields["Memory Size"].map { Int($0) },
            maxMemoryUsedMB: fields["Max Memory Used"].map { Int($0) }, initDurationMilliseconds: fields["Init Duration"])
        return TextReport(invocation: invocation, trailingTime: trailing, isEventsRow: isEventsRow)
    }

    /// A text line of the function's own log naming both ids (`requestId=… apigwRequestId=…`).
    static func textMapping(_ line: Substring) -> Record? {
        guard line.contains("apigwRequestId") else { return nil }
        let alias = /apigwRequestId"?\s*[:=]\s*"?([^\s",}]+)/
        let lambda = /\b(?:requestId|awsRequestId)"?\s*[:=]\s*"?([^\s",}]+)/
        guard let aliasMatch = line.firstMatch(of: alias), let idMatch = line.firstMatch(of: lambda) else { return nil }
        return .mapping(alias: String(aliasMatch.output.1), requestID: String(idMatch.output.1))
    }
}
