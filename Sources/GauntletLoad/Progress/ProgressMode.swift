/// How the load shows its progress on standard error.
public enum ProgressMode: Sendable, Equatable {
    /// A live line when standard error is a terminal, a plain line every few seconds otherwise.
    case automatic
    /// One live line, rewritten with `\r`.
    case live
    /// A plain line every `interval`.
    case plain(interval: Duration)
    /// Nothing.
    case off
}
