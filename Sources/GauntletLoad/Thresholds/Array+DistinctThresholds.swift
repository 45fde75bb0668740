extension Array where Element == Threshold {
    /// Adds `threshold` unless one with the same text is already here: a threshold given both in
    /// the load file and on the command line (`--threshold 'p99<250ms'`) is judged and counted
    /// once. The same text given to `--abort-on` makes the one already here abort.
    mutating func addDistinct(_ threshold: Threshold) {
        guard let index = firstIndex(where: { $0.source == threshold.source }) else {
            append(threshold)
            return
        }
        if self[index].abort == nil, let abort = threshold.abort { self[index].abort = abort }
    }
}
