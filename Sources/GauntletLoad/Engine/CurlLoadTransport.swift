import Foundation
public import GauntletHTTP

/// The production transport: one GauntletHTTP `SocketTransferLoop` per event loop (libcurl,
/// `curl_multi_socket_action`, epoll with sub-millisecond waits).
///
/// Runs every plan: open and closed models, multi-step flows, setup and teardown. Each loop keeps
/// at most its share of `maxInFlight` (open model) or one transfer per virtual user (closed
/// model) on the wire; the loop drops and counts open-model arrivals due while all of its share
/// is in flight, so an overload is bounded in memory and time and says so (`dropped`).
public struct CurlLoadTransport: LoadTransport {
    /// Options for every transfer (timeouts, TLS, HTTP version).
    public var options: TransferOptions
    /// The response header each outcome reports, if any.
    public var capturedHeader: String?
    /// The request-id response header each outcome reports, if any.
    public var requestIDHeader: String?

    /// Creates the transport.
    public init(options: TransferOptions = TransferOptions()) {
        self.options = options
    }

    /// The same transport with every transfer limited to `timeout` (`CURLOPT_TIMEOUT_MS`).
    public func limitingRequests(to timeout: Duration) -> any LoadTransport {
        var limited = self
        limited.options.timeouts.total = timeout
        return limited
    }

    /// The same transport reading response header `name` after each transfer.
    public func capturingHeader(_ name: String) -> any LoadTransport {
        var capturing = self
        capturing.capturedHeader = name
        return capturing
    }

    /// The same transport also reading response header `name` as the request id.
    public func capturingRequestID(header name: String) -> any LoadTransport {
        var capturing = self
        capturing.requestIDHeader = name
        return capturing
    }

    /// ``LoadInstant``'s clock (`CLOCK_MONOTONIC`), the one `SocketTransferLoop` reports on.
    public var clock: any LoadClock { MonotonicLoadClock() }

    /// Creates a libcurl loop for event loop `loop`, on the thread that will run it.
    /// - Throws: `TransportError` when the epoll set or the curl multi handle cannot be created.
    public func makeDriver(loop: Int, capacity: Int) throws -> any LoadLoopDriver {
        try CurlLoopDriver(
            loop: SocketTransferLoop(
                maxConnections: capacity, options: options, capturedHeader: capturedHeader, requestIDHeader: requestIDHeader))
    }
}

/// ``LoadInstant``'s nanoseconds, the clock `CurlLoadTransport` measures with: the engine's
/// times and the transfer loop's are then the same numbers.
struct MonotonicLoadClock: LoadClock {
    func now() -> UInt64 { LoadInstant.now.nanoseconds }
}

/// Adapts a `SocketTransferLoop` to `LoadLoopDriver`: hands the engine's `RenderedRequest`s over
/// as they are (so that a pooled handle can tell cheaply that nothing changed) and hands its
/// completions back as they are. Lives on its event loop's thread, like
/// the loop it owns.
///
/// Its stored properties skip Swift's run-time exclusivity checks (`@exclusivity(unchecked)`),
/// as `SocketTransferLoop`'s do: it lives on one thread and is never re-entered while one of
/// them is being modified, and the checks cost the load loop several per request.
final class CurlLoopDriver: LoadLoopDriver {
    let loop: SocketTransferLoop
    /// The failure of the multi interface itself, once it happened: every request then fails with it.
    @exclusivity(unchecked)
    var failure: TransportError?
    /// Requests started after that failure, reported failed by the next poll.
    @exclusivity(unchecked)
    var refused: [Int] = []

    init(loop: SocketTransferLoop) {
        self.loop = loop
    }

    func start(_ request: RenderedRequest, tag: Int) {
        guard failure == nil else {
            refused.append(tag)
            return
        }
        loop.start(request, tag: UInt64(tag))
    }

    func poll(until deadline: UInt64, _ onCompletion: (LoadCompletion) -> Void) {
        guard let failure else {
            do throws(TransportError) {
                try loop.poll(until: LoadInstant(nanoseconds: deadline), onCompletion)
            } catch {
                // The multi handle is unusable: nothing in flight can end on its own, so the
                // loop reports it all failed and the event loop winds down instead of waiting.
                self.failure = error
                loop.failAll(with: error, onCompletion)
            }
            return
        }
        guard !refused.isEmpty else {
            // Nothing to report: wait as a poll would, rather than spin.
            let now = LoadInstant.now.nanoseconds
            if deadline > now { Thread.sleep(forTimeInterval: Double(deadline - now) / 1e9) }
            return
        }
        let now = LoadInstant.now
        for tag in refused {
            onCompletion(LoadCompletion(tag: UInt64(tag), scheduledStart: now, actualStart: now, end: now, outcome: .failure(failure)))
        }
        refused.removeAll()
    }

    func abandon(where isAbandoned: (Int) -> Bool) -> [Int] {
        // Refused requests are failures already known: the next poll reports them.
        loop.abandon { isAbandoned(Int($0)) }.map { Int($0) }
    }

    func close() { loop.close() }
}
