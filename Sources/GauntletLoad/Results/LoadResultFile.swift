public import Foundation
import GauntletJSON

/// `load-result.json`: everything a load measured, in a form that merges exactly
/// (`gauntlet merge`). Histograms are kept as their buckets, counts as counts, the time series
/// with each second's buckets, the cold-start analysis as the requests it classified; every
/// report of the merged load is computed from the merged values, never from percentiles.
public struct LoadResultFile: Sendable, Codable {
    /// What this file is, so that another JSON file is refused with a clear message.
    public var format = LoadResultFile.formatName
    /// The layout's version.
    public var version = LoadResultFile.currentVersion

    public var planName: String
    public var model: LoadModel
    public var plannedDurationNanos: Int64?
    public var plannedIterations: Int?
    /// The plan's thresholds as written, judged on the merged result.
    public var thresholds: [String]
    public var shards: [LoadShard]
    public var wallClockStartNanos: Int64?
    public var elapsedNanos: Int64
    /// Open model: ``LoadResult/arrivalWindow``; absent for the other models (and in files
    /// written before it was kept, whose rates are then per second of elapsed time).
    public var arrivalWindowNanos: Int64?
    public var total: Stats
    public var byName: [Stats]
    /// libcurl's phases and the start delay, by ``PhaseLatencies/named`` name.
    public var phases: [String: LatencyBuckets]
    public var timeSeries: [TimeSeriesPoint]
    public var iterationsStarted: Int
    public var iterationsCompleted: Int
    public var sent: Int
    public var lateStarts: Int
    public var dropped: Int
    public var cancelled: Bool
    /// Why this part's load stopped early on its own; absent when it did not.
    public var abort: LoadAbort?
    public var leftBehind: Int
    public var leftBehindLabels: [String]
    /// ``LoadResult/abandoned``; absent when none.
    public var abandoned: Int?
    /// ``LoadResult/unverified`` and its labels; absent when none.
    public var unverified: Int?
    public var unverifiedLabels: [String]?
    public var coldStart: ColdStartInput?
    /// A curl command per request name (secrets redacted).
    public var reproductions: [String: String]?
    /// Whether this stands in for a load that never wrote its result (``LoadResult/unfinished``);
    /// absent otherwise.
    public var unfinished: Bool?
    /// Why the load did not start (``LoadResult/notStarted``); absent when it did, so that a
    /// shard whose setup failed fails the merge as it failed its own load.
    public var notStarted: String?
    /// Whether that setup had none of its requests answered (``LoadResult/setupUnanswered``);
    /// absent otherwise.
    public var setupUnanswered: Bool?

    public static let formatName = "gauntlet-load-result"
    /// The version written: 2 keeps the cold-start samples as columns (``ColdStartInput``).
    public static let currentVersion = 2
    /// The versions read: 1 differs only in its samples, one object each.
    public static let readableVersions = 1...2
    /// The file's name in a report directory.
    public static let fileName = "load-result.json"

    /// One ``RequestStats``.
    public struct Stats: Sendable, Codable {
        public var name: String
        public var latency: LatencyBuckets
        public var serviceTime: LatencyBuckets
        public var count: Int
        public var errors: Int
        public var statusCounts: [String: Int]
        public var errorCounts: [String: Int]
        public var bytesReceived: Int
        /// Responses by HTTP version; absent in files written before it was counted.
        public var httpVersionCounts: [String: Int]?
        /// Connections opened; absent in files written before it was counted.
        public var connectionsOpened: Int?
        /// Requests libcurl sent again unseen (``RequestStats/resent``); absent when none, and in
        /// files written before they were counted.
        public var resent: Int?
        /// Requests never sent, in `count` but not in `latency` (``RequestStats/unsent``);
        /// absent in files written before they were left out of the latency.
        public var unsent: Int?
        /// The first failure of each kind in words (``RequestStats/errorExamples``); absent
        /// when there was none, and in files written before they were kept.
        public var errorExamples: [String: String]?

        init(_ stats: RequestStats) {
            name = stats.name
            latency = LatencyBuckets(stats.latency)
            serviceTime = LatencyBuckets(stats.serviceTime)
            count = stats.count
            errors = stats.errors
            statusCounts = Dictionary(uniqueKeysWithValues: stats.statusCounts.map { (String($0.key), $0.value) })
            errorCounts = stats.errorCounts
            bytesReceived = stats.bytesReceived
            httpVersionCounts = stats.httpVersionCounts
            connectionsOpened = stats.connectionsOpened
            resent = stats.resent > 0 ? stats.resent : nil
            unsent = stats.unsent
            errorExamples = stats.errorExamples.isEmpty ? nil : stats.errorExamples
        }

        func requestStats() throws(LoadResultFileError) -> RequestStats {
            var stats = RequestStats(name: name)
            stats.latency = try latency.recorder()
            stats.serviceTime = try serviceTime.recorder()
            stats.count = count
            stats.errors = errors
            for (status, n) in statusCounts {
                guard let code = Int(status) else { throw LoadResultFileError("'\(status)' is not a status code") }
                stats.statusCounts[code] = n
            }
            stats.errorCounts = errorCounts
            stats.bytesReceived = bytesReceived
            stats.httpVersionCounts = httpVersionCounts ?? [:]
            stats.connectionsOpened = connectionsOpened ?? 0
            stats.resent = resent ?? 0
            stats.unsent = unsent ?? 0
            stats.errorExamples = errorExamples ?? [:]
            return stats
        }
    }

    /// The file for `result`.
    public init(_ result: LoadResult) {
        planName = result.planName
        model = result.model
        plannedDurationNanos = result.plannedDuration.map(\.nanoseconds)
        plannedIterations = result.plannedIterations
        thresholds = result.thresholds.map(\.source)
        shards = result.shards
        wallClockStartNanos = result.wallClockStartNanos
        elapsedNanos = result.elapsed.nanoseconds
        arrivalWindowNanos = result.arrivalWindow?.nanoseconds
        total = Stats(result.total)
        byName = result.byName.map(Stats.init)
        phases = Dictionary(uniqueKeysWithValues: result.phases.named.map { ($0.name, LatencyBuckets($0.recorder)) })
        timeSeries = result.timeSeries
        iterationsStarted = result.iterationsStarted
        iterationsCompleted = result.iterationsCompleted
        sent = result.sent
        lateStarts = result.lateStarts
        dropped = result.dropped
        cancelled = result.cancelled
        abort = result.abort
        leftBehind = result.leftBehind
        leftBehindLabels = result.leftBehindLabels
        abandoned = result.abandoned > 0 ? result.abandoned : nil
        unverified = result.unverified > 0 ? result.unverified : nil
        unverifiedLabels = result.unverified > 0 ? result.unverifiedLabels : nil
        coldStart = result.coldStartInput
        reproductions = result.reproductions
        unfinished = result.unfinished ? true : nil
        notStarted = result.notStarted
        setupUnanswered = result.setupUnanswered ? true : nil
    }

    /// The result this file holds, its cold-start analysis recomputed from the requests.
    /// - Throws: ``LoadResultFileError`` for a threshold or bucket that does not read.
    public func result() throws(LoadResultFileError) -> LoadResult {
        var phaseLatencies = PhaseLatencies()
        func recorder(_ name: String) throws(LoadResultFileError) -> LatencyRecorder {
            try phases[name]?.recorder() ?? LatencyRecorder()
        }
        phaseLatencies.connect = try recorder("connect")
        phaseLatencies.tls = try recorder("tls")
        phaseLatencies.timeToFirstByte = try recorder("ttfb")
        phaseLatencies.transfer = try recorder("transfer")
        phaseLatencies.startDelay = try recorder("start delay")
        var parsed: [Threshold] = []
        for text in thresholds {
            do { parsed.append(try Threshold(parsing: text)) } catch {
                throw LoadResultFileError("threshold '\(text)': \(error)")
            }
        }
        var byNameStats: [RequestStats] = []
        for stats in byName { byNameStats.append(try stats.requestStats()) }
        let elapsed = Duration.nanoseconds(elapsedNanos)
        var result = LoadResult(
            planName: planName, model: model, plannedDuration: plannedDurationNanos.map(Duration.nanoseconds),
            plannedIterations: plannedIterations, elapsed: elapsed, total: try total.requestStats(), byName: byNameStats,
            phases: phaseLatencies, timeSeries: timeSeries, iterationsStarted: iterationsStarted,
            iterationsCompleted: iterationsCompleted, sent: sent, targetRate: LoadResult.targetRate(of: model, duration: plannedDurationNanos.map(Duration.nanoseconds), shards: shards),
            lateStarts: lateStarts, dropped: dropped, cancelled: cancelled, thresholds: parsed,
            coldStarts: coldStart.map { input in
                ColdStartAnalysis(
                    samples: input.samples, classifier: input.classifier, stageNames: model.stageNames,
                    unanalysed: input.unanalysed, log: input.log, wallClockStartNanos: wallClockStartNanos)
            })
        result.leftBehind = leftBehind
        result.abandoned = abandoned ?? 0
        result.leftBehindLabels = leftBehindLabels
        result.unverified = unverified ?? 0
        result.unverifiedLabels = unverifiedLabels ?? []
        result.arrivalWindow = arrivalWindowNanos.map(Duration.nanoseconds)
        result.abort = abort
        result.shards = shards
        result.wallClockStartNanos = wallClockStartNanos
        result.coldStartInput = coldStart
        result.reproductions = reproductions ?? [:]
        result.unfinished = unfinished ?? false
        result.notStarted = notStarted
        result.setupUnanswered = setupUnanswered ?? false
        return result
    }

    /// The file as JSON.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a file written by ``encoded()``.
    /// - Throws: ``LoadResultFileError`` saying what is wrong, with the path.
    public static func read(contentsOf path: String) throws(LoadResultFileError) -> LoadResultFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LoadResultFileError("\(path): cannot read: \((error as NSError).localizedDescription)")
        }
        struct Header: Decodable { var format: String?; var version: Int? }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data) } catch let error as DecodingError {
            // Not JSON at all (a truncated copy, an empty file) says so; JSON of another shape is not a result.
            if case .dataCorrupted = error { throw LoadResultFileError("\(path): not valid JSON (a truncated or damaged copy?)") }
            throw LoadResultFileError("\(path): not a gauntlet load result (no \"format\": \"\(formatName)\")")
        } catch {
            throw LoadResultFileError("\(path): \(error)")
        }
        guard header.format == formatName else {
            throw LoadResultFileError("\(path): not a gauntlet load result (no \"format\": \"\(formatName)\")")
        }
        guard let version = header.version, readableVersions.contains(version) else {
            throw LoadResultFileError(
                "\(path): version \(header.version.map(String.init) ?? "?") of the result format; this gauntlet reads versions "
                    + "\(readableVersions.lowerBound) to \(readableVersions.upperBound)")
        }
        do { return try JSONDecoder().decode(LoadResultFile.self, from: data) } catch let error as DecodingError {
            throw LoadResultFileError("\(path): \(Self.explain(error))")
        } catch {
            throw LoadResultFileError("\(path): \(error)")
        }
    }

    /// A decoding failure in words, with a hint for a missing key: the likeliest cause is a file
    /// of another version's layout.
    static func explain(_ error: DecodingError) -> String {
        guard case .keyNotFound = error else { return error.explanation }
        return error.explanation + " (a file written by another version of gauntlet?)"
    }
}

/// A result file that cannot be read or merged.
public struct LoadResultFileError: Error, Sendable, CustomStringConvertible {
    /// A user-facing message.
    public var message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
