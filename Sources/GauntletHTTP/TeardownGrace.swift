import Foundation

/// How long the cleanup may go on once a run, a load or a fuzz run was interrupted (Ctrl-C,
/// SIGTERM) or a load was stopped (Ctrl-C, or a threshold marked to abort).
///
/// Long enough for a read that lags a delete to show it gone (DynamoDB's default reads settle
/// within a second) and for a slow answer (a cold start) to come; short of a CI runner's wait
/// between its stop signal and its kill. Past it, what is in flight is dropped and no further
/// teardown request is sent: a deployment that hangs, under `--timeout 0s` (no limit), would
/// otherwise hold the stop forever. Each check the cut teardown had not passed yet is reported
/// as not verified as deleted (`UnverifiedLabel.unchecked(_:reason:)` in a run or a load), never as gone.
public enum TeardownGrace {
    /// The grace: 10 seconds from the interruption (a run's, a fuzz run's) or from the stop (a
    /// load's, for its iterations' teardowns; then its file's `teardown:` has 10 s of its own,
    /// so that what setup created is still deleted).
    public static let afterInterruption: Duration = .seconds(10)

    /// How long a write in flight when a run or a load is interrupted may go on, before the
    /// teardown starts: 5 seconds, counted in the 10 s of ``afterInterruption``. Its answer tells
    /// the teardown what it created (an id the deployment chose); dropped at once, a create the
    /// deployment carries out a moment later is stored after the teardown checked it gone. A
    /// write still unanswered then is dropped, and what it may have written is reported as not
    /// known.
    public static let forWriteInFlight: Duration = .seconds(5)

    /// Why a check was not made once `grace` ran out, for its label: `the teardown was cut
    /// short when its 10 s after the stop ran out` (`the cleanup …` for a fuzz run's, `… after
    /// the time limit …` for one that ran out of its `--time`).
    public static func cutShortReason(
        after grace: Duration = afterInterruption, of part: String = "teardown", since event: String = "the stop"
    ) -> String {
        let seconds = Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18
        let text = seconds.rounded() == seconds ? String(Int(seconds)) : String(format: "%.1f", seconds)
        return "the \(part) was cut short when its \(text) s after \(event) ran out"
    }
}
