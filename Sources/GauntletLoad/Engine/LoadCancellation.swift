import Synchronization

/// A stop request shared by the caller (Ctrl-C, task cancellation), the abort monitor and the
/// event loops, which check it at least every 100 ms, stop starting work, abort what is in
/// flight and report.
///
/// A load stops for one reason, the first given: an interruption (``cancel()``), whose
/// thresholds judged only part of a load, or an abort (a threshold that can no longer pass),
/// which is a failed load, not an interrupted one.
public final class LoadCancellation: Sendable {
    private static let running: UInt8 = 0
    private static let interrupted: UInt8 = 1
    private static let aborted: UInt8 = 2

    private let state = Atomic<UInt8>(LoadCancellation.running)

    /// Creates a cancellation that is not requested.
    public init() {}

    /// Asks the load to stop: an interruption, unless the load is already stopping.
    public func cancel() {
        _ = state.compareExchange(expected: Self.running, desired: Self.interrupted, ordering: .relaxed)
    }

    /// Stops the load because a threshold can no longer pass, unless it is already stopping.
    /// - Returns: Whether this call stopped it.
    @discardableResult
    func abort() -> Bool {
        state.compareExchange(expected: Self.running, desired: Self.aborted, ordering: .relaxed).exchanged
    }

    /// Whether a stop was requested, for any reason.
    public var isCancelled: Bool {
        state.load(ordering: .relaxed) != Self.running
    }

    /// Whether the load was interrupted (``cancel()`` came first), as opposed to aborted.
    public var isInterrupted: Bool {
        state.load(ordering: .relaxed) == Self.interrupted
    }
}
