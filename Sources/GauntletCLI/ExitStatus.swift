/// The exit codes `gauntlet` promises CI.
public enum ExitStatus {
    /// Everything passed.
    public static let passed: Int32 = 0
    /// At least one check or threshold failed, transport failures included (reports written).
    public static let checkFailed: Int32 = 1
    /// Invalid input: a scenario or load file, or the command line (no request sent).
    public static let invalidInput: Int32 = 2
    /// No request got an answer: every one that was sent failed in transport (refused connection,
    /// unknown host, TLS, timeout), so no check could run (reports written). A pipeline can tell
    /// "the deployment is down or the URL is wrong" from "the deployment is wrong" (1).
    public static let unreachable: Int32 = 3
    /// A run or load stopped by SIGINT or SIGTERM before its end (128 + SIGINT, as shells report
    /// it): its reports cover what ran and say it was interrupted, whatever its checks say.
    public static let interrupted: Int32 = 130
}
