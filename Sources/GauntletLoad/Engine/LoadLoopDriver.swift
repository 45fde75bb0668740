public import GauntletHTTP

/// One event loop's HTTP transfers. A driver is created, used and closed on one thread.
///
/// The engine calls `start` for each transfer and `poll` to wait, up to a deadline on the
/// transport's clock, for transfers to end. Drivers must not call back from `start`.
public protocol LoadLoopDriver: AnyObject {
    /// Starts a request; `tag` comes back with its outcome.
    func start(_ request: RenderedRequest, tag: Int)
    /// Waits until `deadline` (nanoseconds on the engine's clock) or until at least one transfer
    /// ended, and reports each ended transfer once.
    func poll(until deadline: UInt64, _ onCompletion: (_ tag: Int, _ outcome: TransferOutcome) -> Void)
    /// Aborts every transfer in flight without reporting it.
    func cancelAll()
    /// Releases everything the driver holds; it is not used afterwards.
    func close()
}
