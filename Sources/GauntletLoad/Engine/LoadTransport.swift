/// Makes drivers, one per event loop, on the thread that will run it.
public protocol LoadTransport: Sendable {
    /// The clock the drivers' deadlines are measured against.
    var clock: any LoadClock { get }
    /// Creates a driver for loop `loop` that keeps up to `capacity` transfers in flight.
    /// - Throws: When the driver's resources cannot be created.
    func makeDriver(loop: Int, capacity: Int) throws -> any LoadLoopDriver
    /// This transport with a per-request time limit (a load file's `timeout`).
    func limitingRequests(to timeout: Duration) -> any LoadTransport
    /// This transport reporting response header `name` in each `LoadCompletion.capturedHeader`
    /// (the cold-start analysis reads `X-Cold-Start`).
    func capturingHeader(_ name: String) -> any LoadTransport
    /// This transport reporting response header `name` in each `LoadCompletion.requestID` (a
    /// Lambda log labels requests by it), as well as any header it captures.
    func capturingRequestID(header name: String) -> any LoadTransport
}

extension LoadTransport {
    /// Transports without a notion of time limits ignore it.
    public func limitingRequests(to timeout: Duration) -> any LoadTransport { self }
    /// Transports that see no headers ignore it.
    public func capturingHeader(_ name: String) -> any LoadTransport { self }
    /// Transports that see no headers ignore it.
    public func capturingRequestID(header name: String) -> any LoadTransport { self }
}
