/// The exit codes `gauntlet` promises CI.
public enum ExitStatus {
    /// Everything passed.
    public static let passed: Int32 = 0
    /// At least one check or threshold failed, transport failures included (reports written).
    public static let checkFailed: Int32 = 1
    /// Invalid input: a scenario or load file, or the command line (no request sent).
    public static let invalidInput: Int32 = 2
}
