/// Labels a load's requests with the Lambda invocations that served them.
///
/// 1. **By request id**: a request whose response carried a request id (the header
///    ``ColdStartClassifier/requestIDHeader``) is labelled by the invocation of that id, or of
///    the Lambda id the log maps it to (an API Gateway id; see ``LambdaReportLog``).
/// 2. **By time window**: any other served request, when the run's wall-clock start is known,
///    is labelled by the invocation whose window (`[end − duration − init, end]`) is the only
///    one of the log's unclaimed invocations to overlap the request's own interval (from when it
///    was due or sent to its end). An invocation that is the only match of two requests labels
///    neither; a request overlapping several is left unlabelled.
///
/// The windows assume the client's and CloudWatch's clocks agree to within the requests'
/// network time: a skew larger than that mislabels or leaves requests unlabelled.
enum ColdStartLogLabeller {
    /// The invocation of each sample (nil when unlabelled), in the samples' order, and the counts.
    struct Labels {
        var invocations: [LambdaInvocation?]
        var byRequestID = 0
        var byTimeWindow = 0
        var ambiguous = 0
        var idsNotInLog = 0
    }

    static func label(_ samples: [ColdStartSample], log: LambdaReportLog, wallClockStartNanos: Int64?) -> Labels {
        var labels = Labels(invocations: Array(repeating: nil, count: samples.count))
        var index: [String: Int] = [:]
        for (position, invocation) in log.invocations.enumerated() { index[invocation.requestID] = position }
        var claimed = Array(repeating: false, count: log.invocations.count)
        var pending: [Int] = []
        for (position, sample) in samples.enumerated() where sample.isServed {
            if let id = sample.requestID {
                if let found = index[id] ?? log.aliases[id].flatMap({ index[$0] }) {
                    labels.invocations[position] = log.invocations[found]
                    labels.byRequestID += 1
                    claimed[found] = true
                    continue
                }
                labels.idsNotInLog += 1
            }
            pending.append(position)
        }
        guard let origin = wallClockStartNanos, !pending.isEmpty else { return labels }
        // Unclaimed windows by start, and the longest, to bound the search for overlaps.
        let windows = log.invocations.indices.compactMap { position -> (position: Int, window: ClosedRange<Int64>)? in
            guard !claimed[position], let window = log.invocations[position].window else { return nil }
            return (position, window)
        }.sorted { $0.window.lowerBound < $1.window.lowerBound }
        guard let longest = windows.map({ $0.window.upperBound - $0.window.lowerBound }).max() else { return labels }
        var matches: [Int: [Int]] = [:]  // invocation → samples whose only overlap it is
        for position in pending {
            let sample = samples[position]
            let start = origin + sample.offset.nanoseconds
            let end = start + sample.latency.nanoseconds
            var low = 0, high = windows.count
            while low < high {
                let middle = (low + high) / 2
                if windows[middle].window.lowerBound < start - longest { low = middle + 1 } else { high = middle }
            }
            var found: [Int] = []
            var cursor = low
            while cursor < windows.count, windows[cursor].window.lowerBound <= end {
                if windows[cursor].window.upperBound >= start { found.append(windows[cursor].position) }
                cursor += 1
            }
            if found.count == 1 {
                matches[found[0], default: []].append(position)
            } else if found.count > 1 {
                labels.ambiguous += 1
            }
        }
        for (invocation, positions) in matches {
            guard positions.count == 1 else {
                labels.ambiguous += positions.count
                continue
            }
            labels.invocations[positions[0]] = log.invocations[invocation]
            labels.byTimeWindow += 1
        }
        return labels
    }
}
