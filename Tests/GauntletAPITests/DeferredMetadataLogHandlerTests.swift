import GauntletAPI
import Logging
import Synchronization
import Testing

/// ``DeferredMetadataLogHandler`` writes what swift-log's `StreamLogHandler` writes, metadata and
/// all; only when the metadata is rendered changes.
@Suite struct DeferredMetadataLogHandlerTests {
    /// Collects what a `StreamLogHandler` writes.
    final class Capture: TextOutputStream, Sendable {
        private let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
        /// The lines written, without their leading timestamp.
        var lines: [Substring] {
            text.withLock { $0 }.split(separator: "\n").map { $0.drop { $0 != " " } }
        }
    }

    /// Logs the same things through a plain `StreamLogHandler` and through the deferred one.
    static func bothWays(_ logLines: (inout Logger) -> Void) -> (plain: [Substring], deferred: [Substring]) {
        let plain = Capture()
        let deferred = Capture()
        var plainLogger = Logger(label: "events-api") { label in
            StreamLogHandler(label: label, stream: plain, metadataProvider: nil)
        }
        var deferredLogger = Logger(label: "events-api") { label in
            DeferredMetadataLogHandler(StreamLogHandler(label: label, stream: deferred, metadataProvider: nil))
        }
        logLines(&plainLogger)
        logLines(&deferredLogger)
        return (plain.lines, deferred.lines)
    }

    @Test func linesAreStreamLogHandlersWithTheSameMetadata() {
        let (plain, deferred) = Self.bothWays { logger in
            logger.info("no metadata")
            logger[metadataKey: "hb.request.id"] = "42"
            logger[metadataKey: "b"] = ["x", "y"]
            logger.info("with metadata")
            logger.warning("and more", metadata: ["a": "1", "hb.request.id": "override"])
            logger[metadataKey: "b"] = nil
            logger.error("after a removal")
        }
        #expect(plain.count == 4)
        #expect(deferred == plain)
        #expect(deferred.last?.hasSuffix("error events-api: hb.request.id=42 [GauntletAPITests] after a removal") == true)
    }

    @Test func theLevelAndMetadataReadBackAsSet() {
        let capture = Capture()
        var handler = DeferredMetadataLogHandler(StreamLogHandler(label: "l", stream: capture, metadataProvider: nil))
        handler.logLevel = .warning
        handler[metadataKey: "k"] = "v"
        #expect(handler.logLevel == .warning)
        #expect(handler[metadataKey: "k"] == "v")
        #expect(handler.metadata == ["k": "v"])

        var logger = Logger(label: "l") { _ in handler }
        logger.info("below the level")
        logger.warning("at the level")
        #expect(capture.lines == [" warning l: k=v [GauntletAPITests] at the level"])
        logger.logLevel = .trace
        logger.debug("now written")
        #expect(capture.lines.count == 2)
    }
}
