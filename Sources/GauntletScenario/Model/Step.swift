import GauntletJSON

/// One request, the expectations on its response, and the values captured from it.
public struct Step: Sendable {
    /// A short label for reports; defaults to "METHOD path".
    public var name: String?
    /// The request to send.
    public var request: RequestTemplate
    /// What the response must satisfy; all are evaluated and reported, not just the first.
    public var expectations: [Expectation]
    /// `given:`: what must hold for the check to apply at all, evaluated before
    /// ``expectations``; when one does not hold the scenario ends skipped, not failed.
    public var preconditions: [Expectation]
    /// `when:`: the step runs only when this holds; otherwise it is recorded as skipped.
    public var condition: WhenCondition?
    /// `repeat: N`: the step runs N times in a row (`{{iteration}}` is 1…N), each repetition
    /// judged (and its `when:` decided) on its own; a failed one ends the scenario, as any failed
    /// step does (in a teardown every repetition runs). nil runs it once.
    public var repetitions: Int?
    /// The most `repeat:` a step may ask: each round is a result the run keeps.
    public static let maxRepetitions = 10_000
    /// `for_each: { in: LIST, as: NAME }`: the step runs once per item of a list variable.
    public var forEach: StepForEach?
    /// `delay: 500ms`: a pause before the request (before each repetition).
    public var delay: Duration?
    /// `left_behind:` (teardown steps): a label, a template, naming what stays behind when
    /// this step fails or errors (`event {{id}}`).
    public var leftBehind: String?
    /// `left_behind: { label: …, present: {…} }`: what an answer looks like that shows the thing
    /// still there (`status: 200` and its id in the body). When this step fails with an answer that
    /// does not show it (a 500, a `null`), the run cannot tell whether it is there: the label is
    /// listed as not verified rather than left behind. Empty: every failure counts as left behind.
    public var leftBehindPresence: [Expectation]
    /// Values to take from the response into variables for later steps.
    public var captures: [Capture]
    /// Repeat the request until the expectations hold (for eventually consistent reads).
    public var retry: RetryPolicy?
    /// Send the request this many times at once (races such as concurrent creates of one id);
    /// `statuses` then counts the answers, and every other expectation applies to each one.
    public var concurrent: Int?
    /// The most `concurrent:` copies a step may send: each is a connection open at once.
    public static let maxConcurrentCopies = 1_000
    /// Where the step starts in its file.
    public var location: ScenarioLocation
    /// Whether it is a teardown step (set by the loader): one with no check written passes on
    /// any answer, where a step of the scenario's needs a status below 400.
    public var isTeardown = false

    /// Whether no check is written: neither `expect` nor `given`. Such a step still needs an
    /// answer below 400, outside a teardown: a setup create that failed with a 500 is a failure
    /// of its own step, in a run as under load. A step that captures its status (`{ status: true }`)
    /// is left to branch on it (`when: { created_status: … }` on the steps after it).
    public var checksOnlyTheAnswer: Bool {
        expectations.isEmpty && preconditions.isEmpty && !isTeardown && !captures.contains { $0.source == .status }
    }

    public init(
        name: String? = nil, request: RequestTemplate, expectations: [Expectation] = [], preconditions: [Expectation] = [],
        condition: WhenCondition? = nil, leftBehind: String? = nil, leftBehindPresence: [Expectation] = [], captures: [Capture] = [],
        retry: RetryPolicy? = nil,
        concurrent: Int? = nil, repetitions: Int? = nil, forEach: StepForEach? = nil, delay: Duration? = nil,
        location: ScenarioLocation
    ) {
        self.repetitions = repetitions
        self.forEach = forEach
        self.delay = delay
        self.name = name
        self.request = request
        self.expectations = expectations
        self.preconditions = preconditions
        self.condition = condition
        self.leftBehind = leftBehind
        self.leftBehindPresence = leftBehindPresence
        self.captures = captures
        self.retry = retry
        self.concurrent = concurrent
        self.location = location
    }
}

/// How often and how far apart a step is retried until its expectations hold.
public struct RetryPolicy: Sendable, Hashable {
    /// Further attempts after the first.
    public var times: Int
    /// Pause between attempts.
    public var interval: Duration

    public init(times: Int, interval: Duration) {
        self.times = times
        self.interval = interval
    }
}

/// A value taken from a response into a variable.
public struct Capture: Sendable, Hashable {
    /// Where the value comes from.
    public enum Source: Sendable, Hashable {
        /// The JSONPath's single match (or the list of matches when the path is not singular).
        case jsonPath(String)
        /// A response header's first value.
        case header(String)
        /// The status code.
        case status
        /// The first match of a regular expression (ICU's, as `matches`) in the body, as text:
        /// its first group when it has groups, else the whole match.
        case regex(String)
    }

    /// The variable to set.
    public var variable: String
    /// Where its value comes from.
    public var source: Source
    /// `optional: true`: when nothing matches, the variable stays unset instead of the step
    /// failing (pair it with `when: { defined: NAME }` on the steps that use it).
    public var optional: Bool
    /// `append: true`: the value is added to the list the variable holds (a list of one when it
    /// held nothing), so that every create of a scenario can name what it stored for one
    /// teardown loop (`for_each`), and a `concurrent` step can take a value from each answer.
    public var appends: Bool
    /// Where the capture was written.
    public var location: ScenarioLocation

    public init(variable: String, source: Source, optional: Bool = false, appends: Bool = false, location: ScenarioLocation) {
        self.variable = variable
        self.source = source
        self.optional = optional
        self.appends = appends
        self.location = location
    }
}
