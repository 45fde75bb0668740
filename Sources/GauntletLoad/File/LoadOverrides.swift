import GauntletUnits

/// Command-line settings that replace a load file's: `--vus` (closed model), `--rate` (open
/// model), `--duration`, `--iterations`, `--timeout`, extra `--threshold`s and `--abort-on`s,
/// and the cold-start analysis.
public struct LoadOverrides: Sendable, Equatable {
    /// Run the closed model with this many virtual users.
    public var vus: Int?
    /// Run the open model at this constant rate, per second.
    public var rate: Double?
    /// Replace the duration.
    public var duration: Duration?
    /// Replace the iteration count.
    public var iterations: Int?
    /// Thresholds added to the file's, as written (`p99<250ms`).
    public var thresholds: [String]
    /// Thresholds added to the file's that abort the load as soon as they can no longer pass,
    /// after the default grace period (``AbortRule``), as written (`errors<1%`).
    public var abortOn: [String]
    /// Run the cold-start analysis this way.
    public var coldStart: ColdStartClassifier?
    /// Run only this part of the plan, as written (`2/4`; see ``LoadShard``).
    public var shard: String?
    /// The deployment's idle timeout: a phased plan's `idle` phases and probe `gap`s become
    /// ``idleGap(for:)`` of it, so that they outlast it whatever the file assumed.
    public var idleTimeout: Duration?
    /// The per-request time limit given on the command line (`--timeout`), which replaces the
    /// file's `timeout:`; nil leaves the file's (or, without one, the transport's default).
    /// ``Duration/zero`` is no limit, as `curl --max-time 0`.
    public var timeout: Duration?

    /// Creates overrides; nil leaves the file's setting.
    public init(
        vus: Int? = nil, rate: Double? = nil, duration: Duration? = nil, iterations: Int? = nil,
        thresholds: [String] = [], abortOn: [String] = [], coldStart: ColdStartClassifier? = nil, shard: String? = nil
    ) {
        self.abortOn = abortOn
        self.shard = shard
        self.vus = vus
        self.rate = rate
        self.duration = duration
        self.iterations = iterations
        self.thresholds = thresholds
        self.coldStart = coldStart
    }

    /// Applies the overrides to `plan`.
    /// - Throws: `LoadPlanError` when an override is invalid (the first of
    ///   ``problems(with:)``, which names its flag) or the resulting plan is.
    public func apply(to plan: LoadPlan) throws(LoadPlanError) -> LoadPlan {
        if let problem = flagProblems(with: plan).first { throw LoadPlanError(problem.description) }
        let plan = overridden(plan)
        try plan.validate()
        return plan
    }

    /// Every override that cannot apply to `plan`, each blamed on its flag
    /// (`--threshold 'p99<abc': 'abc' is not a duration …`), in flag order; empty when all apply.
    ///
    /// Besides each flag's own checks, a plan the file alone makes valid and the overrides make
    /// invalid is blamed on the overrides together. A plan that is invalid without them is the
    /// file's problem, not a flag's, and is left to ``LoadPlan/validate()``.
    public func problems(with plan: LoadPlan) -> [LoadOverrideError] {
        let problems = flagProblems(with: plan)
        guard problems.isEmpty else { return problems }
        do throws(LoadPlanError) {
            try overridden(plan).validate()
        } catch {
            let fileAlone: LoadPlanError? = {
                do throws(LoadPlanError) { try plan.validate(); return nil } catch { return error }
            }()
            if fileAlone == nil || fileAlone?.message != error.message {
                return [LoadOverrideError(flags: flagTexts.joined(separator: " "), error.message)]
            }
        }
        return []
    }

    /// Each flag's own problems: values out of range, flags that exclude each other, thresholds
    /// that do not parse or name a request the plan does not make.
    func flagProblems(with plan: LoadPlan) -> [LoadOverrideError] {
        var problems: [LoadOverrideError] = []
        if let vus, vus < 1 { problems.append(LoadOverrideError(flags: "--vus \(vus)", "must be at least 1")) }
        if let rate, !(rate > 0) || !rate.isFinite {
            problems.append(LoadOverrideError(flags: "--rate \(LoadFormat.number(rate, decimals: 6))", "must be a number above 0"))
        }
        if let vus, let rate {
            problems.append(LoadOverrideError(
                flags: "--vus \(vus) --rate \(LoadFormat.number(rate, decimals: 6))",
                "exclude each other: --vus runs the closed model, --rate the open one"))
        }
        if let duration, duration <= .zero {
            problems.append(LoadOverrideError(flags: "--duration \(DurationText.format(duration))", "must be positive"))
        }
        if let iterations, iterations < 1 {
            problems.append(LoadOverrideError(flags: "--iterations \(iterations)", "must be at least 1"))
        }
        if let idleTimeout {
            let flag = "--idle-timeout \(DurationText.format(idleTimeout))"
            let isPhased = if case .phased = plan.model { true } else { false }
            if idleTimeout <= .zero {
                problems.append(LoadOverrideError(flags: flag, "must be positive"))
            } else if !isPhased {
                problems.append(LoadOverrideError(flags: flag, "sets the idle gaps of a phased load ('phases:'); this load has none"))
            }
        }
        if let shard {
            do throws(LoadPlanError) { _ = try LoadShard(parsing: shard) } catch {
                problems.append(LoadOverrideError(flags: "--shard \(shard)", error.message))
            }
        }
        let names = plan.requestNames
        for (text, aborts) in thresholds.map({ ($0, false) }) + abortOn.map({ ($0, true) }) {
            let flag = "\(aborts ? "--abort-on" : "--threshold") '\(text)'"
            do {
                let threshold = try Threshold(parsing: text)
                if let name = threshold.requestName, !names.contains(name) {
                    problems.append(LoadOverrideError(
                        flags: flag, "no request named '\(name)' in the mix (requests: \(names.joined(separator: ", ")))"))
                }
                if aborts, case let .failure(error) = AbortRule.timing(of: threshold) {
                    problems.append(LoadOverrideError(flags: flag, error.description))
                }
            } catch {
                problems.append(LoadOverrideError(flags: flag, error.message))
            }
        }
        return problems
    }

    /// `plan` with every override applied, unchecked (thresholds that do not parse left out).
    func overridden(_ plan: LoadPlan) -> LoadPlan {
        var plan = plan
        if let vus {
            let think: Duration = if case let .closed(_, think) = plan.model { think } else { .zero }
            plan.model = .closed(vus: vus, thinkTime: think)
        }
        if let rate {
            // A constant rate replaces any stages; keep their total as the duration if none is set.
            if plan.duration == nil, let effective = plan.effectiveDuration { plan.duration = effective }
            plan.model = .open(rate: rate, stages: [])
        }
        if let duration { plan.duration = duration }
        if let iterations { plan.iterations = iterations }
        if let coldStart { plan.coldStart = coldStart }
        if let shard, let parsed = try? LoadShard(parsing: shard) { plan.shard = parsed }
        // The statistical method weighs client idleness against the stated timeout too.
        if let idleTimeout, idleTimeout > .zero { plan.coldStart?.idleTimeout = idleTimeout }
        if let idleTimeout, idleTimeout > .zero, case let .phased(phases) = plan.model {
            let gap = Self.idleGap(for: idleTimeout)
            plan.model = .phased(phases.map { phase in
                switch phase {
                case .idle: .idle(gap)
                case let .probes(count, _): .probes(count: count, gap: gap)
                case .burst, .users: phase
                }
            })
        }
        // Each text once: the file's own, then the flags' (a repeat only adds its abort rule).
        for threshold in thresholds.compactMap({ try? Threshold(parsing: $0) }) { plan.thresholds.addDistinct(threshold) }
        for threshold in abortOn.compactMap({ try? Threshold(parsing: $0).aborting() }) { plan.thresholds.addDistinct(threshold) }
        return plan
    }

    /// The silence that outlasts an idle timeout however the deployment rounds it: 1.5 × the
    /// timeout, and at least half a second more (instances are reclaimed some time after it).
    public static func idleGap(for idleTimeout: Duration) -> Duration {
        max(idleTimeout * 1.5, idleTimeout + .milliseconds(500))
    }

    /// The flags these overrides stand for, as a command line writes them.
    var flagTexts: [String] {
        var texts: [String] = []
        if let vus { texts.append("--vus \(vus)") }
        if let rate { texts.append("--rate \(LoadFormat.number(rate, decimals: 6))") }
        if let duration { texts.append("--duration \(DurationText.format(duration))") }
        if let iterations { texts.append("--iterations \(iterations)") }
        texts += thresholds.map { "--threshold '\($0)'" }
        texts += abortOn.map { "--abort-on '\($0)'" }
        if coldStart != nil { texts.append("--cold-starts") }
        if let shard { texts.append("--shard \(shard)") }
        if let idleTimeout { texts.append("--idle-timeout \(DurationText.format(idleTimeout))") }
        return texts
    }
}

/// A command-line override that cannot apply, blamed on its flag:
/// `--threshold 'p99<abc': 'abc' is not a duration (use a unit: 250ms, 1s, 500us)`.
public struct LoadOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag or flags to blame, with their values as given (`--threshold 'p99<abc'`).
    public var flags: String
    /// What is wrong, in words.
    public var reason: String

    /// Creates the error.
    public init(flags: String, _ reason: String) {
        self.flags = flags
        self.reason = reason
    }

    /// `--flag 'value': reason`.
    public var description: String { "\(flags): \(reason)" }
}
