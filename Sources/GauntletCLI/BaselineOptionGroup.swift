import ArgumentParser
import Foundation
import GauntletLoad

/// `--baseline` and `--max-regression`: judge a load (or a merged one) against an earlier run's
/// `load-result.json`, failing when it got worse beyond an allowance and beyond noise.
struct BaselineOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp("A previous run's report folder or load-result.json to compare with: reports show both side by side.", valueName: "path"))
    var baseline: String?

    @Option(name: .customLong("max-regression"), help: ArgumentHelp("Fail (exit 1) when this run is worse than the baseline by more than this, beyond noise: 'p99:+10%', 'get-event:p50:+5ms', 'mean:+20%', 'rate:-10%' (repeatable).", valueName: "rule"))
    var maxRegressions: [String] = []

    /// The baseline to judge against, read and checked before any request.
    struct Loaded {
        var result: LoadResult
        var label: String
        var rules: [RegressionRule]
    }

    /// Reads the baseline and parses the rules; every problem is printed, blamed on its flag.
    ///
    /// A baseline is an earlier run of the same plan that measured something: one of another plan
    /// (the wrong folder, most often) or one killed or never started would judge this run against
    /// numbers that say nothing about it, so it is refused before any request.
    /// - Parameters:
    ///   - planName: The plan this run loads, which the baseline must have loaded too.
    ///   - model: The model this run loads it under, which the baseline must have used too: a
    ///     closed load's service times set against an open one's latencies from intended start,
    ///     or a rate against another rate, say nothing about a regression.
    ///   - requestNames: The request names the run will make, for rules that name one.
    /// - Returns: nil without `--baseline`.
    /// - Throws: `ExitCode(2)` after printing what is wrong.
    func load(planName: String, model: LoadModel, requestNames: [String]) throws -> Loaded? {
        var problems: [String] = []
        var rules: [RegressionRule] = []
        for text in maxRegressions {
            do { rules.append(try RegressionRule(parsing: text)) } catch { problems.append("--max-regression '\(text)': \(error.message)") }
        }
        var loaded: Loaded?
        if let baseline {
            do {
                let result = try MergeCommand.readResults([baseline]).first!
                loaded = Loaded(result: result, label: baseline, rules: rules)
                if let problem = Self.unusable(result, planName: planName, model: model) { problems.append("--baseline \(baseline): \(problem)") }
                for rule in BaselineComparison.unknownRequests(in: rules, current: requestNames, baseline: result) {
                    problems.append("--max-regression '\(rule.source)': no request named '\(rule.requestName ?? "")' in both this load and the baseline")
                }
            } catch {
                problems.append("--baseline \(baseline): no readable load-result.json (see above)")
            }
        } else if !rules.isEmpty {
            problems.append("--max-regression needs --baseline: the run it compares with")
        }
        guard problems.isEmpty else {
            for problem in problems { Console.error("error: \(problem)") }
            throw ExitCode(ExitStatus.invalidInput)
        }
        return loaded
    }

    /// Why `baseline` cannot stand for an earlier run of `planName` under `model`, or nil when it can.
    static func unusable(_ baseline: LoadResult, planName: String, model: LoadModel) -> String? {
        if baseline.planName != planName {
            return "a load of '\(baseline.planName)', and this one loads '\(planName)': a baseline is an earlier run of the same plan"
        }
        if baseline.unfinished { return "that load never finished (killed before it wrote its results): it measured nothing to compare with" }
        if let reason = baseline.notStarted { return "that load did not start (\(reason)): it measured nothing to compare with" }
        if !baseline.coversEveryShard {
            return "that result holds shard(s) \(LoadShard.list(baseline.shards)) only: a part of a load is not the load (merge every shard first)"
        }
        if baseline.verdict == .unreachable { return "nobody answered that load: it measured nothing to compare with" }
        if baseline.model != model {
            return "that load ran \(baseline.model.description), and this one runs \(model.description): a baseline is an earlier "
                + "run of the plan under the same model (its duration may differ)"
        }
        return nil
    }
}
