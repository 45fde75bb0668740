import Synchronization

/// Runs `operation` in a task of its own that a cancellation of the caller reaches only `grace`
/// later, and returns what it returns.
///
/// What a run must finish after Ctrl-C (a write in flight, whose answer tells what it created;
/// the teardown, which deletes it) goes on for a while, but not forever: a deployment that never
/// answers, under no request time limit, would otherwise hold the interrupted command for good.
/// When the caller is not cancelled, this is `await operation()`; when it already is, the
/// operation still starts, and has the whole grace.
public func withCancellationDelayed<Value: Sendable>(
    by grace: Duration, _ operation: sending @escaping @isolated(any) () async -> Value
) async -> Value {
    let task = Task(operation: operation)
    let timer = Mutex<Task<Void, Never>?>(nil)
    let value = await withTaskCancellationHandler {
        await task.value
    } onCancel: {
        timer.withLock { timer in
            timer = Task {
                try? await Task.sleep(for: grace)
                task.cancel()
            }
        }
    }
    // Ended within the grace: the timer has nothing left to cut.
    timer.withLock { $0?.cancel() }
    return value
}
