public import Logging

/// swift-log's `StreamLogHandler`, given its metadata only when it writes a line.
///
/// Why: `StreamLogHandler` renders its metadata into text each time metadata is set, and
/// Hummingbird sets a request id on the logger of every request. That rendering (sorting the keys,
/// building the string, describing the id) cost a read of `events-api` about 14,000 instructions,
/// 9% of its server CPU (callgrind), for a line that at the default level is never written (the
/// access log has its own writer, ``AccessLogWriter``). The lines written are `StreamLogHandler`'s
/// own: it still formats them, with the same metadata.
public struct DeferredMetadataLogHandler: LogHandler {
    private var stream: StreamLogHandler

    /// The metadata, kept as it is set; handed to the stream handler when a line is written.
    public var metadata: Logger.Metadata = [:]

    /// Wraps `stream`; its own metadata is replaced by this handler's when a line is written.
    public init(_ stream: StreamLogHandler) {
        self.stream = stream
    }

    /// A handler writing to standard error, as `StreamLogHandler.standardError(label:)` does.
    public static func standardError(label: String) -> DeferredMetadataLogHandler {
        DeferredMetadataLogHandler(StreamLogHandler.standardError(label: label))
    }

    public var logLevel: Logger.Level {
        get { self.stream.logLevel }
        set { self.stream.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { self.stream.metadataProvider }
        set { self.stream.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var stream = self.stream
        stream.metadata = self.metadata
        stream.log(event: event)
    }
}
