#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import ServiceLifecycle
import Synchronization

/// Collects access-log lines in memory and writes them in batches: one `write` every
/// `flushInterval` (or as soon as `flushThreshold` bytes wait), instead of one locked, flushed
/// `fwrite` to stderr per request as swift-log's `StreamLogHandler` does.
///
/// Why: at tens of thousands of requests a second, formatting each line through `Logger` (a
/// `String` per line, `localtime` and `strftime` per line) and one system call per line cost
/// about as much as serving the request. Lines are formatted straight into the pending buffer
/// (``AccessLogLine``), in the format `StreamLogHandler` writes, so that log readers see no
/// change.
///
/// Run it as a `Service` (``buildApplication(_:accessLog:onServerRunning:)`` adds it to the
/// application's service group): it flushes every `flushInterval`, so lines appear within a few
/// milliseconds, and flushes once more when the group shuts down gracefully (SIGINT, SIGTERM),
/// after the server has stopped, so no line is lost. ``flush()`` may also be called at any time.
public final class AccessLogWriter: Service, Sendable {
    /// Where batches go: called with each batch of whole lines, in order, one call at a time.
    public typealias Sink = @Sendable (UnsafeRawBufferPointer) -> Void

    /// How long a line may wait in memory before it is written.
    public let flushInterval: Duration
    /// How many pending bytes make the request that adds a line write the batch itself.
    public let flushThreshold: Int

    private let sink: Sink
    /// Lines not yet written, and the line formatter (whose timestamp cache lives here too).
    private let pending: Mutex<AccessLogLine.Buffer>
    /// Held while a batch is written, so that batches leave in the order they were taken; holds
    /// the spare buffer that the next batch is swapped into (no allocation per batch).
    private let writing: Mutex<[UInt8]>

    /// Creates a writer.
    /// - Parameters:
    ///   - flushInterval: How long a line may wait before it is written (10 ms).
    ///   - flushThreshold: Pending bytes that trigger an immediate write (64 KiB).
    ///   - label: The logger label each line carries, as `Logger(label:)` would write it.
    ///   - source: The source module each line names in brackets, as swift-log writes it.
    ///   - sink: Where batches go; standard error (file descriptor 2) unless told otherwise.
    public init(
        flushInterval: Duration = .milliseconds(10),
        flushThreshold: Int = 64 * 1024,
        label: String = "events-api",
        source: String = "GauntletAPI",
        sink: @escaping Sink = AccessLogWriter.standardError
    ) {
        self.flushInterval = flushInterval
        self.flushThreshold = flushThreshold
        self.sink = sink
        self.pending = Mutex(AccessLogLine.Buffer(label: label, source: source, capacity: flushThreshold + 512))
        self.writing = Mutex([])
        self.writing.withLock { $0.reserveCapacity(flushThreshold + 512) }
    }

    /// Adds one line: `TIMESTAMP info LABEL: [SOURCE] METHOD PATH STATUS MILLISECONDSms`.
    /// Writes the batch at once when it has grown past the threshold.
    /// - Parameters:
    ///   - method: The request method, e.g. `GET`.
    ///   - target: The request target; only its path (up to `?`) is logged, never the query.
    ///   - status: The response status code.
    ///   - microseconds: How long the request took.
    public func log(method: String, target: String, status: Int, microseconds: Int64) {
        let full = self.pending.withLock { buffer in
            buffer.append(method: method, target: target, status: status, microseconds: microseconds)
            return buffer.bytes.count >= self.flushThreshold
        }
        if full { self.flush() }
    }

    /// Writes every pending line now.
    public func flush() {
        self.writing.withLock { batch in
            self.pending.withLock { swap(&$0.bytes, &batch) }
            guard !batch.isEmpty else { return }
            batch.withUnsafeBytes { self.sink($0) }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Flushes every `flushInterval` until the service group shuts down, then once more.
    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            // Graceful shutdown cuts the wait short, however long the interval.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.flushInterval) }
            self.flush()
        }
        self.flush()
    }

    /// Writes a batch to standard error, whole, retrying short and interrupted writes.
    public static let standardError: Sink = { bytes in
        guard var address = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(2, address, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            remaining -= written
            address += written
        }
    }
}
