import GauntletHTTP
import GauntletJSON

extension Fuzzer {
    /// A request whose connection closed (or was reset) without a byte of answer: the
    /// deployment crashed on it or dropped it, a server error with no status. Recorded as a
    /// ``FuzzCheck/notAServerError`` finding without a status, with its request and `curl`
    /// command, so that the console, `fuzz.json`, JUnit and the finding files agree; it is also
    /// an unanswered request. Not shrunk: a crashed deployment may answer nothing more, and
    /// each try would cost a timeout or a refusal. Once per operation.
    func judgeDropped(_ operation: APIOperation, request: FuzzRequest, setup: [FindingStep], input: String, resourceIDs: [String]) {
        guard settings.checks.contains(.notAServerError) else { return }
        let failure = "\(request.line) got no answer: the connection closed without one (the deployment crashed or dropped the request)"
        result.count(.notAServerError, operation.label, failure: failure)
        let key = "\(FuzzCheck.notAServerError.rawValue) \(operation.label) -"
        guard !result.findings.contains(where: { $0.key == key }) else { return }
        let step = FindingStep(name: "the request", request: request, expectations: [.status(["1xx", "2xx", "3xx", "4xx"])])
        result.findings.append(Finding(
            check: .notAServerError, operation: operation.label, status: nil, message: failure, input: input,
            steps: setup + [step], resourceIDs: resourceIDs, shrunkBy: 0))
    }
}

extension TransportError {
    /// The connection closed or was reset before any status line, on a request that went out:
    /// not a refusal, a timeout or TLS, and not a request the client did not send again after a
    /// reused keep-alive connection died (the server may never have seen that one).
    var closedWithoutAnswer: Bool {
        kind == .reset && answeredStatus == nil && !wasNotResent
    }
}
