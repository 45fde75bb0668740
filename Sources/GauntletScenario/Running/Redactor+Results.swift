import GauntletHTTP
import GauntletJSON

/// The last pass over a scenario's result before anyone sees it: every text it holds
/// (names, checks, errors, curl commands, labels) loses the known secret values, so that a
/// `--secret` value in a URL, a body or an assertion never reaches a report or the console.
extension Redactor {
    func scenario(_ result: ScenarioResult) -> ScenarioResult {
        guard !secrets.isEmpty else { return result }
        var out = result
        out.name = text(result.name)
        out.reason = result.reason.map(text)
        out.leftBehind = result.leftBehind.map(text)
        out.unverified = result.unverified.map(text)
        out.steps = result.steps.map(step)
        out.teardown = result.teardown.map(step)
        return out
    }

    func step(_ result: StepResult) -> StepResult {
        var out = result
        out.name = text(result.name)
        out.request = result.request.map { request in
            RecordedRequest(method: text(request.method), url: text(request.url), headers: headers(request.headers), body: request.body.map(text))
        }
        out.response = result.response.map { response in
            var redacted = response
            redacted.headers = headers(response.headers)
            redacted.body = text(response.body)
            return redacted
        }
        out.curlCommand = result.curlCommand.map(text)
        out.assertions = result.assertions.map(assertion)
        out.preconditions = result.preconditions.map(assertion)
        out.skipReason = result.skipReason.map(text)
        out.error = result.error.map(text)
        return out
    }

    func assertion(_ result: AssertionResult) -> AssertionResult {
        var out = result
        out.subject = text(result.subject)
        out.expected = text(result.expected)
        out.actual = text(result.actual)
        out.expectedValue = result.expectedValue.map(json)
        out.actualValue = result.actualValue.map(json)
        out.operand = result.operand.map(json)
        return out
    }

    func json(_ value: JSONValue) -> JSONValue {
        (try? value.rendered { string throws(TemplateError) in .string(text(string)) } key: { key throws(TemplateError) in text(key) })
            ?? .string(SecretRedaction.placeholder)
    }
}
