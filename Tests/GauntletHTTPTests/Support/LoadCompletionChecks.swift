import GauntletHTTP

/// Pushes `requests` into `loop` and polls until each has been reported or `patience` has passed;
/// returns the completions in the order they were reported.
func pushAndDrain(_ loop: SocketTransferLoop, _ requests: [RenderedRequest], patience: Duration = .seconds(20)) throws -> [LoadCompletion] {
    var completions: [LoadCompletion] = []
    for (index, request) in requests.enumerated() { loop.start(request, tag: UInt64(index)) }
    let giveUp = LoadInstant.now + patience
    while loop.outstanding > 0, LoadInstant.now < giveUp {
        try loop.poll(until: LoadInstant.now + .seconds(1)) { completions.append($0) }
    }
    return completions
}

/// The most transfers in flight at once, from the completions' start and end instants.
func mostInFlight(_ completions: [LoadCompletion]) -> Int {
    var events: [(instant: LoadInstant, change: Int)] = []
    for completion in completions {
        events.append((completion.actualStart, 1))
        events.append((completion.end, -1))
    }
    events.sort { left, right in left.instant == right.instant ? left.change < right.change : left.instant < right.instant }
    var current = 0
    var most = 0
    for (_, change) in events {
        current += change
        most = max(most, current)
    }
    return most
}

/// Starts each request once the previous one has been reported, on a loop with one connection
/// (so one pooled easy handle carries them all); returns the completions in order.
func sendOneByOne(_ loop: SocketTransferLoop, _ requests: [RenderedRequest]) throws -> [LoadCompletion] {
    var completions: [LoadCompletion] = []
    for (index, request) in requests.enumerated() {
        loop.start(request, tag: UInt64(index))
        let giveUp = LoadInstant.now + .seconds(20)
        while loop.outstanding > 0, LoadInstant.now < giveUp {
            try loop.poll(until: LoadInstant.now + .seconds(1)) { completions.append($0) }
        }
    }
    return completions
}
