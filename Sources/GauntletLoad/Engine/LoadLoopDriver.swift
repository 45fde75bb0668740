public import GauntletHTTP

/// One event loop's HTTP transfers. A driver is created, used and closed on one thread.
///
/// The engine calls `start` for each request and `poll` to wait, up to a deadline on the
/// transport's clock, for requests to end. What goes in is GauntletHTTP's `RenderedRequest` and
/// what comes back its `LoadCompletion`, as libcurl's loop produces them: one value each way,
/// the completion's instants on the transport's clock (``LoadClock``, whose nanoseconds are
/// `LoadInstant`'s). Drivers must not call back from `start`.
public protocol LoadLoopDriver: AnyObject {
    /// Starts a request; `tag` comes back in its completion.
    func start(_ request: RenderedRequest, tag: Int)
    /// Waits until `deadline` (nanoseconds on the engine's clock) or until at least one request
    /// ended, and reports each ended request once.
    func poll(until deadline: UInt64, _ onCompletion: (LoadCompletion) -> Void)
    /// Drops the requests whose tag `isAbandoned` picks, wherever they are, without reporting
    /// them: a stopped load does not wait for what may never be answered.
    /// - Returns: The tags dropped.
    func abandon(where isAbandoned: (Int) -> Bool) -> [Int]
    /// Releases everything the driver holds; it is not used afterwards.
    func close()
}

extension LoadLoopDriver {
    /// A driver that cannot drop requests drops none: a stopped load then waits for them.
    public func abandon(where isAbandoned: (Int) -> Bool) -> [Int] { [] }
}
