import Foundation
import GauntletHTTP
import GauntletScenario
import GauntletUnits

extension PreparedStep {
    /// The most of a response body an example quotes.
    static let exampleBodyLimit = 200

    /// One failure of this step in words, for the first failure of its kind
    /// (``RequestStats/errorExamples``): never worded for the others, so it costs a load
    /// nothing per request.
    ///
    /// - A transport failure: its account with libcurl's message, without the reproduction
    ///   command (`GET https://… failed TLS: curl error 60 (…): SSL certificate problem:
    ///   certificate has expired`).
    /// - An unexpected status: what was expected and where (`expected 201 (load.yaml:12:19)`).
    /// - A failed check: expected, actual and where (`$.title: expected equals "a", got "b"
    ///   (load.yaml:14:9)`).
    ///
    /// A kept response body follows, its first ``exampleBodyLimit`` characters (setup and
    /// teardown steps keep theirs: ``LoadFlow/keepsResponses``), with `secrets` hidden before it
    /// is cut: a cut through a secret would leave its first part, which no later redaction finds.
    /// The rest of the text the caller redacts, as every text a load reports.
    /// - Parameters:
    ///   - outcome: The failed request's completion.
    ///   - scope: Its iteration's variables, to render a check's expectations.
    ///   - secrets: Values no report may show.
    func example(of outcome: LoadCompletion, scope: VariableScope?, secrets: [String] = []) -> String {
        // Credentials the file's headers carry (`x-api-key: "{{env.KEY}}"`) are secrets of the
        // example too: an answer may quote them back. Rendered again here, for a first failure only.
        let headers = (try? renderer.render(step.step.request, in: scope ?? VariableScope(environment: [:])))?.headers ?? []
        let secrets = secrets + RunOptions.credentialSecrets(in: headers)
        var text: Substring
        if case .failure(let error) = outcome.outcome {
            // The reproduction names every header: the reports carry their own, redacted.
            let cut = error.description.range(of: " [reproduce: ")?.lowerBound ?? error.description.endIndex
            text = error.description[..<cut]
        } else {
            // What a check got quotes the answer too.
            text = Substring(SecretRedaction.redact(text: expectation(on: outcome, scope: scope), secrets: secrets))
            if let written = outcome.response?.bodyText, !written.isEmpty {
                let body = SecretRedaction.redact(text: written, secrets: secrets)
                text += "; body: " + body.prefix(Self.exampleBodyLimit) + (body.count > Self.exampleBodyLimit ? "…" : "")
            }
        }
        // One line, for a console line and a table cell, with the answer's control characters
        // written out.
        return PrintableText.escaping(String(text.map { $0.isNewline ? " " : $0 }))
    }

    /// What the step expected of the answer, and where that is written.
    private func expectation(on outcome: LoadCompletion, scope: VariableScope?) -> String {
        let written = step.step
        switch rule {
        case .statuses(let wanted):
            let location = written.expectations.first?.location ?? written.location
            let expected = wanted.count == 1 ? "\(wanted[0])" : "one of " + wanted.map(String.init).joined(separator: ", ")
            return "expected \(expected) (\(location))"
        case .belowFourHundred, .anyStatus:
            return "expected a status below 400: the step has no expect (\(written.location))"
        case .full:
            var variables = scope ?? VariableScope(environment: [:])
            guard let preconditions = try? written.preconditions.map({ try StepJudge.render($0, in: variables) }),
                let expectations = try? written.expectations.map({ try StepJudge.render($0, in: variables) })
            else { return "a placeholder in its checks could not be filled (\(written.location))" }
            let response = outcome.response ?? ReceivedResponse(status: outcome.statusCode)
            let verdict = judge.judge(
                written, preconditions: preconditions, expectations: expectations, response: response,
                duration: outcome.timings.total, isLastAttempt: true, scope: &variables)
            guard let failure = verdict.firstFailure else { return "failed (\(written.location))" }
            return "\(failure.subject): expected \(failure.expected), got \(failure.actual) (\(failure.location))"
        }
    }
}
