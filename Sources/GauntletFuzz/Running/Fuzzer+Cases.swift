import GauntletHTTP
import GauntletJSON

extension Fuzzer {
    /// Valid requests: the document says each must be accepted (or refused for a reason other
    /// than the data: 401, 403, 404, 409).
    func positiveCases(_ operation: APIOperation) async throws(Stop) {
        currentOperation = operation.label
        var seen: Set<FuzzRequest> = []
        for index in 0..<settings.maxExamples {
            guard let (request, setup, ids) = try await validRequest(operation, index: index) else { continue }
            guard seen.insert(request).inserted else { continue }
            result.cases += 1
            let answer = try await send(request)
            let status = answer.status ?? 0
            let rejected = FuzzCheck.accepts(status) ? nil : "a valid request answered \(status)\(answer.response.map(ResponseChecker.excerpt) ?? "")"
            try await judge(answer, of: operation, request: request, setup: setup, input: "a valid request", extra: [(.positiveDataAcceptance, rejected)], resourceIDs: ids)
            noteCreated(operation, request: request, answer: answer)
            noteWrite(operation, request: request, answer: answer)
        }
    }

    /// Invalid requests, one change at a time: the document says each must get a 4xx.
    func negativeCases(_ operation: APIOperation) async throws(Stop) {
        currentOperation = operation.label
        guard let (base, setup, baseIDs) = try await validRequest(operation, index: 3) else { return }
        var mutations = mutator.queryMutations(of: operation) + mutator.pathMutations(of: operation)
        if let body = operation.requestBody, case .json(let value)? = base.body {
            mutations = mutator.bodyMutations(of: value, schema: body.schema) + mutations
        }
        let isWriteOnItem = ["PUT", "PATCH"].contains(operation.method) && !operation.pathParameterNames.isEmpty
        let idField = kinds.first { $0.create == operation }?.clientIDField
        for mutation in mutations {
            var request = base
            var ids = baseIDs
            var input = mutation.description
            switch mutation.change {
            case .body(.json(.object(let members))) where members.isEmpty && idField != nil:
                // An empty create that a deployment stores anyway is the run's, and deletable.
                let id = nextID()
                let tagged = JSONValue.object([idField!: .string(id)])
                if let body = operation.requestBody, generator.isValid(tagged, body.schema) {
                    request.body = .json([:])
                } else {
                    ids = [id]
                    input = "a body with only \(idField!)"
                    request.body = .json(tagged)
                }
            case .body(.json(let value)) where idField != nil && mutation.field != idField && baseIDs.contains(value[idField!]?.stringValue ?? ""):
                // A new id per create: one wrongly accepted must not turn the next into a 409.
                let id = nextID()
                ids = [id]
                request.body = .json(value.setting(idField!, to: .string(id)))
            case .body(let body): request.body = body
            case .query(let name, let value):
                request.query.removeAll { $0.name == name }
                if let value { request.query.append((name, value)) }
            case .pathParameter(let name, let value):
                var values = pathValues(of: base, operation: operation)
                values[name] = value
                request.path = ResourceKind.fill(operation.path, values)
            }
            result.cases += 1
            let before = isWriteOnItem ? try await snapshot(request.path) : nil
            let answer = try await send(request)
            let status = answer.status ?? 0
            let accepted = status < 400 && answer.response != nil ? "accepted with \(status)\(answer.response.map(ResponseChecker.excerpt) ?? "")" : nil
            var extra: [(FuzzCheck, String?)] = [(.negativeDataRejection, accepted)]
            if let before, status >= 400, status < 500, settings.checks.contains(.rejectedWriteChangesNothing) {
                let after = try await snapshot(request.path)
                let unchanged = after == before ? true : try await unchangedOnceSettled(request)
                if unchanged {
                    extra.append((.rejectedWriteChangesNothing, nil))
                } else {
                    let failure = "answered \(status) but the resource changed: before \(before.preview(limit: 300)), after \(after?.preview(limit: 300) ?? "none")"
                    try await judgeReadBack(operation: operation, request: request, setup: setup, input: input, failure: failure, ids: ids)
                }
            }
            try await judge(answer, of: operation, request: request, setup: setup, input: input, extra: extra, resourceIDs: ids)
            noteCreated(operation, request: request, answer: answer)
            noteWrite(operation, request: request, answer: answer)
            if let status = answer.status, status / 100 == 2 {
                try await readBack(after: request, of: operation, answer: answer, setup: setup, input: input, ids: ids)
            }
        }
    }

    /// After a write the document calls invalid was accepted: the read of what it wrote, judged
    /// like any answer (what the deployment now serves may break its response schema).
    func readBack(after write: FuzzRequest, of operation: APIOperation, answer: Answer, setup: [FindingStep], input: String, ids: [String]) async throws(Stop) {
        let path: String
        let kind: ResourceKind
        if let creating = kinds.first(where: { $0.create == operation }), let values = creating.values(request: write.jsonBody, response: answer.json) {
            (path, kind) = (creating.path(values), creating)
        } else if let addressed = kinds.first(where: { $0.itemPath == operation.path }), ["PUT", "PATCH"].contains(operation.method) {
            (path, kind) = (write.path, addressed)
        } else {
            return
        }
        guard let read = kind.read else { return }
        let request = FuzzRequest(method: "GET", path: path)
        let readAnswer = try await send(request)
        let steps = setup + [FindingStep(name: "the accepted write", request: write, expectations: [.given("2xx")])]
        try await judge(readAnswer, of: read, request: request, setup: steps, input: "a read after an accepted write of \(input)", resourceIDs: ids)
    }

    /// The lists once more, now that the run's writes (accepted invalid ones too) are stored.
    ///
    /// A finding replays the writes that made the first item the document's schema rejects
    /// (else one valid create), so that the replay lists such an item too.
    func listsAgain() async throws(Stop) {
        for operation in document.operations where operation.method == "GET" && operation.pathParameterNames.isEmpty && operation.requestBody == nil {
            currentOperation = operation.label
            let request = FuzzRequest(method: "GET", path: operation.path)
            result.cases += 1
            let answer = try await send(request)
            var setup: [FindingStep] = []
            if let kind = kinds.first(where: { $0.list == operation }), let listed = answer.json {
                setup = offendingItemHistory(listed, of: operation, kind: kind)
                if setup.isEmpty, let made = try await create(kind, label: "listed", index: 0) {
                    setup = [made.step]
                }
            }
            let ids = setup.flatMap { self.ids(in: $0.request) }
            try await judge(answer, of: operation, request: request, setup: setup, input: "a list after the run's writes", resourceIDs: ids)
        }
    }

    /// The writes that made the first listed item its schema rejects, when the run made it.
    private func offendingItemHistory(_ listed: JSONValue, of operation: APIOperation, kind: ResourceKind) -> [FindingStep] {
        guard let pointer = operation.response(for: 200)?.content.first(where: { OperationCollector.isJSON($0.key) })?.value ?? nil,
            let violations = try? checker.validator.validate(listed, against: pointer.description)
        else { return [] }
        for violation in violations {
            // "$.events[3]…" or "$[3]…": the item's index.
            guard let open = violation.instancePath.firstIndex(of: "["), let close = violation.instancePath[open...].firstIndex(of: "]"),
                let index = Int(violation.instancePath[violation.instancePath.index(after: open)..<close])
            else { continue }
            let items = Self.items(in: listed)
            guard items.indices.contains(index) else { continue }
            for (name, _) in kind.parameters {
                if let id = ResourceKind.member(name, of: items[index]).flatMap(Mutator.parameterText), let steps = history[kind.path([name: id])] {
                    return steps
                }
            }
        }
        return []
    }

    /// Methods a path does not document, sent without a body: each must answer 405. DELETE is
    /// not sent to a path without parameters (a collection): where a deployment serves it
    /// undocumented, the usual handler empties the collection, every other team's items with it.
    func unsupportedMethods() async throws(Stop) {
        var paths: [String] = []
        for operation in document.operations where !paths.contains(operation.path) { paths.append(operation.path) }
        for path in paths {
            let documented = Set(document.operations.filter { $0.path == path }.map(\.method))
            guard let some = document.operations.first(where: { $0.path == path }) else { continue }
            currentOperation = some.label
            // OPTIONS too, but only for Allow: a deployment with CORS answers it 200 or 204.
            let collection = !path.contains("{")
            for method in ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"] where !documented.contains(method) && !(collection && method == "DELETE") {
                let values = try await resourceValues(for: some, index: 0)
                let request = FuzzRequest(method: method, path: ResourceKind.fill(path, values.values))
                let pseudo = APIOperation(method: method, path: path)
                result.cases += 1
                let answer = try await send(request)
                guard let response = answer.response else { continue }
                var failures: [(FuzzCheck, String?)] = []
                if method != "OPTIONS" {
                    failures.append((.unsupportedMethod, response.status == 405 ? nil : "\(method) \(path) answered \(response.status), not 405\(ResponseChecker.excerpt(response))"))
                }
                if response.status == 405 { failures.append((.allowHeader, Self.allowProblem(response.header("Allow"), documented: documented))) }
                if response.status >= 500 { failures.append((.notAServerError, "answered \(response.status)\(ResponseChecker.excerpt(response))")) }
                try await judgeOnly(failures, operation: pseudo, request: request, setup: values.setup, status: response.status, input: "an undocumented method", ids: values.ids)
                if response.status / 100 == 2, method == "POST" || method == "PUT" { noteCreatedByPath(request.path) }
            }
        }
    }

    /// What is wrong with a 405's `Allow` for a path documenting `documented` methods, or `nil`.
    static func allowProblem(_ allow: String?, documented: Set<String>) -> String? {
        guard let allow else { return "a 405 without an Allow header" }
        let listed = Set(allow.split(separator: ",").map { String($0).trimmed.uppercased() })
        let missing = documented.subtracting(listed).subtracting(["HEAD", "OPTIONS"]).sorted()
        return missing.isEmpty ? nil : "Allow: \(allow) leaves out documented \(missing.joined(separator: ", "))"
    }

    /// Records checks that are not about the document's responses (an undocumented method).
    func judgeOnly(_ checks: [(FuzzCheck, String?)], operation: APIOperation, request: FuzzRequest, setup: [FindingStep], status: Int, input: String, ids: [String]) async throws(Stop) {
        for (check, failure) in checks where settings.checks.contains(check) {
            result.count(check, operation.label, failure: failure)
            guard let failure else { continue }
            let key = "\(check.rawValue) \(operation.label) \(status)"
            guard !result.findings.contains(where: { $0.key == key }) else { continue }
            let expectation: [FindingStep.Expectation] = switch check {
            case .unsupportedMethod: [.status(405)]
            case .allowHeader: [.given(405), .allowListing(documentedMethods(operation.path))]
            default: [.status(["1xx", "2xx", "3xx", "4xx"])]
            }
            result.findings.append(Finding(
                check: check, operation: operation.label, status: status, message: failure, input: input,
                steps: setup + [FindingStep(name: "the request", request: request, expectations: expectation)],
                resourceIDs: ids, shrunkBy: 0))
        }
    }

    /// The methods the document gives `path`.
    func documentedMethods(_ path: String) -> [String] {
        document.operations.filter { $0.path == path }.map(\.method).sorted()
    }

    /// A valid request for case `index` of `operation`, with the steps that made the resource it
    /// addresses (empty when it needs none) and the ids of what those steps create.
    func validRequest(_ operation: APIOperation, index: Int) async throws(Stop) -> (FuzzRequest, [FindingStep], [String])? {
        let values = try await resourceValues(for: operation, index: index)
        var request = FuzzRequest(method: operation.method, path: ResourceKind.fill(operation.path, values.values), query: generator.query(for: operation, index: index))
        var ids = values.ids
        if let body = operation.requestBody {
            guard var value = generator.validValue(body.schema, label: operation.label, index: index) else {
                // Said once: the operation gets no case with a body, which must not pass unseen.
                let problem = "\(operation.label): no valid request body could be made from its schema at \(body.schema), so it got no case that needs one"
                if !result.documentProblems.contains(problem) { result.documentProblems.append(problem) }
                return nil
            }
            // Case 0 keeps the smallest id the schema allows (an empty one, where it does): the
            // boundary a deployment's store may refuse; but not when an item already has it
            // (another team's, see ``mayCreateUntagged``). Only what the run created is deleted.
            if let kind = kinds.first(where: { $0.create == operation }), let field = kind.clientIDField {
                let keepsID = index == 0 ? try await mayCreateUntagged(kind, body: value) : false
                if !keepsID {
                    let id = nextID()
                    let tagged = value.setting(field, to: .string(id))
                    if generator.isValid(tagged, body.schema) {
                        value = tagged
                        ids.append(id)
                    } else if index == 0 {
                        return nil  // No room for the run's id, and an item holds this one.
                    } else if try await !mayCreateUntagged(kind, body: value) {
                        return nil
                    }
                }
            }
            request.body = .json(value)
        }
        return (request, values.setup, ids)
    }

    /// Path values for `operation`: a resource made for it when its path is a kind's item path
    /// (a new one for DELETE, the shared one otherwise), else values from the schema.
    func resourceValues(for operation: APIOperation, index: Int) async throws(Stop) -> (values: [String: String], setup: [FindingStep], ids: [String]) {
        guard !operation.pathParameterNames.isEmpty else { return ([:], [], []) }
        guard let kind = kinds.first(where: { $0.itemPath == operation.path }), index != 1 else {
            // Case 1 addresses nothing that exists: an id of the run's that was never created,
            // where the schema allows one, so that even a deployment that creates on PUT
            // makes something the run can find and delete.
            var known: [String: String] = [:]
            for parameter in operation.parameters where parameter.location == .path {
                let id = nextID() + "-absent"
                if parameter.schema.map({ generator.isValid(.string(id), $0) }) ?? true { known[parameter.name] = id }
            }
            return (generator.pathValues(for: operation, index: index, known: known), [], [])
        }
        if operation.method != "DELETE", let existing = shared[kind.itemPath] {
            return (existing.values, [existing.create], ids(in: existing.create.request))
        }
        guard let made = try await create(kind, label: "resource", index: index) else {
            return (generator.pathValues(for: operation, index: index, known: [:]), [], [])
        }
        if operation.method != "DELETE" { shared[kind.itemPath] = SharedResource(values: made.values, create: made.step) }
        return (made.values, [made.step], ids(in: made.request))
    }

    /// A finding's step for the create that made the resource at `values`. Where its answer
    /// named ids other than those sent, the step captures them and the steps after it address
    /// the captures (``FindingStep/answeredIDs``).
    func createStep(_ request: FuzzRequest, of kind: ResourceKind, values: [String: String], answer: JSONValue?) -> FindingStep {
        var step = notingReadBack(FindingStep(name: "create", request: request, expectations: [.given("2xx")]), of: kind.create)
        captureAnsweredIDs(in: &step, of: kind, values: values, answer: answer, prefix: "answered_")
        return step
    }

    /// Has `step`, a create of `kind` that made the resource at `values`, capture each id its
    /// answer named other than the one sent (into `prefix` + the parameter's name), and name the
    /// item it made (``FindingStep/madeItem``).
    func captureAnsweredIDs(in step: inout FindingStep, of kind: ResourceKind, values: [String: String], answer: JSONValue?, prefix: String) {
        let request = step.request
        let sent = kind.values(request: request.jsonBody, response: nil)
        for (name, id) in values where sent?[name] != id {
            guard let path = kind.answerPath(of: name, request: request.jsonBody, response: answer) else { continue }
            let variable = prefix + String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
            step.captures[variable] = path
            step.answeredIDs[id] = variable
        }
        if !step.answeredIDs.isEmpty { step.madeItem = kind.path(values) }
    }

    /// What ``create(_:label:index:provingOwnership:body:)`` made.
    struct MadeResource {
        /// The item's path values.
        var values: [String: String]
        /// The create sent.
        var request: FuzzRequest
        /// The create as a finding's step (``createStep(_:of:values:answer:)``).
        var step: FindingStep
    }

    /// Creates one resource of `kind` with a valid body; `nil` when the deployment refused, or
    /// (unless `provingOwnership` is false) answered an id it was not sent under which the item
    /// read back is not what was sent.
    func create(
        _ kind: ResourceKind, label: String, index: Int, provingOwnership: Bool = true, body adjust: (JSONValue) -> JSONValue = { $0 }
    ) async throws(Stop) -> MadeResource? {
        var request = FuzzRequest(method: "POST", path: kind.create.path)
        if let body = kind.create.requestBody {
            guard var value = generator.validValue(body.schema, label: "\(kind.create.label) \(label)", index: index + 3) else { return nil }
            if let field = kind.clientIDField {
                let tagged = value.setting(field, to: .string(nextID()))
                if generator.isValid(tagged, body.schema) {
                    value = tagged
                } else if try await !mayCreateUntagged(kind, body: value) {
                    return nil  // No room for the run's id, and an item holds this one.
                }
            }
            let adjusted = adjust(value)
            request.body = .json(generator.isValid(adjusted, body.schema) ? adjusted : value)
        }
        let answer = try await send(request)
        guard let status = answer.status, status / 100 == 2 else { return nil }
        noteCreated(kind.create, request: request, answer: answer)
        guard let values = kind.values(request: request.jsonBody, response: answer.json) else { return nil }
        var item = try await awaitVisible(kind.path(values), of: kind)
        if provingOwnership, namesAnotherID(kind, request: request, values: values) {
            // Never written to, deleted or judged as the run's unless it holds what was sent: a
            // deployment that answers another team's id must not have the run change that item.
            guard kind.read != nil else { return nil }
            if item == nil { item = try await snapshot(kind.path(values)) }
            guard let item, ownership(of: item, at: kind.path(values)) == .held else { return nil }
            // Proved the run's while it holds only what the create sent: a later write that
            // replaces it with a letter or two (a PUT that drops what it is not sent) cannot
            // unprove it, and the cleanup deletes it as any other, until a DELETE is sent there.
            provedPaths.insert(kind.path(values))
        }
        return MadeResource(values: values, request: request, step: createStep(request, of: kind, values: values, answer: answer.json))
    }

    /// The values of `operation`'s path parameters in `request`'s path.
    func pathValues(of request: FuzzRequest, operation: APIOperation) -> [String: String] {
        let template = operation.path.split(separator: "/", omittingEmptySubsequences: false)
        let actual = FuzzRequest.segments(of: request.path)
        var values: [String: String] = [:]
        for (part, value) in zip(template, actual) where part.hasPrefix("{") && part.hasSuffix("}") {
            values[String(part.dropFirst().dropLast())] = String(value)
        }
        return values
    }

    /// The run ids a create request carries.
    func ids(in request: FuzzRequest) -> [String] {
        guard case .json(let body)? = request.body, case .object(let members) = body else { return [] }
        return members.compactMap { $0.value.stringValue }.filter(isRunTagged)
    }

    /// Remembers what a successful create made, so that the cleanup deletes it.
    func noteCreated(_ operation: APIOperation, request: FuzzRequest, answer: Answer) {
        guard let status = answer.status, status / 100 == 2 else { return }
        for kind in kinds where kind.create == operation {
            guard let values = kind.values(request: request.jsonBody, response: answer.json) else {
                // Made, but neither the request nor the answer says where: it cannot be deleted.
                let note = "what \(request.line) created (its answer gives no id)"
                if !result.leftBehind.contains(note) { result.leftBehind.append(note) }
                continue
            }
            let path = kind.path(values)
            if !created.contains(where: { $0.path == path }) { created.append((path, kind)) }
            history[path] = [createStep(request, of: kind, values: values, answer: answer.json)]
            guard namesAnotherID(kind, request: request, values: values) else { continue }
            // The answer names an id the run did not send: the cleanup proves the item there is
            // the run's before deleting it, and deletes what the deployment may have stored under
            // the id sent (proved too when it lacks the run's tag).
            let readable = readBack(request, of: operation)
            unprovenPaths[path, default: []].append(readable)
            provedPaths.remove(path)  // Answered again: proved again (by the read after it, or the cleanup's).
            if let sent = kind.values(request: request.jsonBody, response: nil) {
                let sentPath = kind.path(sent)
                if !created.contains(where: { $0.path == sentPath }) { created.append((sentPath, kind)) }
                // An id without the run's tag (case 0's smallest) is proved as the answered one is.
                if !sent.values.allSatisfy(isRunTagged) { unprovenPaths[sentPath, default: []].append(readable) }
            }
        }
        // A deployment that creates on PUT made the "absent" resource case 1 addressed.
        for kind in kinds where kind.itemPath == operation.path && ["PUT", "PATCH"].contains(operation.method) && request.path.hasSuffix("-absent") {
            if !created.contains(where: { $0.path == request.path }) { created.append((request.path, kind)) }
        }
    }

    /// Adds an accepted write on a resource to its history.
    func noteWrite(_ operation: APIOperation, request: FuzzRequest, answer: Answer) {
        guard let status = answer.status, status / 100 == 2, ["PUT", "PATCH"].contains(operation.method), history[request.path] != nil else { return }
        let readable = readBack(request, of: operation)
        history[request.path]?.append(notingReadBack(FindingStep(name: "an accepted write", request: request, expectations: [.given("2xx")]), readable: readable))
        // What the item under an id only an answer named may hold now: this write alone (a PUT
        // that replaces), or merged into everything before it (the last of the list, a merge).
        if var bodies = unprovenPaths[request.path], let merged = bodies.last, case .object(let members) = readable {
            bodies.append(.object(members))
            bodies.append(members.reduce(merged) { $0.setting($1.key, to: $1.value) })
            unprovenPaths[request.path] = bodies
        }
    }

    /// Whether `values`, the ids a create's answer named, are not the ids it sent and do not carry
    /// the run's tag: the item there is the run's only when it holds what the create sent.
    func namesAnotherID(_ kind: ResourceKind, request: FuzzRequest, values: [String: String]) -> Bool {
        kind.values(request: request.jsonBody, response: nil) != values && !values.values.allSatisfy(isRunTagged)
    }

    /// Whether `id` is one of the run's own (`fuzz-<run id>-N`).
    func isRunTagged(_ id: String) -> Bool {
        id.hasPrefix(runTag + "-")
    }

    /// Remembers a path an undocumented write answered 2xx on.
    func noteCreatedByPath(_ path: String) {
        guard let kind = kinds.first(where: { !pathValues(of: FuzzRequest(method: "GET", path: path), operation: $0.read ?? $0.create).isEmpty }) else { return }
        if !created.contains(where: { $0.path == path }) { created.append((path, kind)) }
    }

    /// The resource at `path` as a read returns it (`nil` when it cannot be read).
    func snapshot(_ path: String) async throws(Stop) -> JSONValue? {
        let answer = try await send(FuzzRequest(method: "GET", path: path))
        guard let status = answer.status, status / 100 == 2 else { return nil }
        return answer.json
    }

    /// A finding for a write that was rejected yet changed the resource: replayed as the write
    /// then a read that must still show `expected`.
    func judgeReadBack(operation: APIOperation, request: FuzzRequest, setup: [FindingStep], input: String, failure: String, ids: [String]) async throws(Stop) {
        result.count(.rejectedWriteChangesNothing, operation.label, failure: failure)
        let key = "\(FuzzCheck.rejectedWriteChangesNothing.rawValue) \(operation.label) -"
        guard !result.findings.contains(where: { $0.key == key }) else { return }
        let read = FuzzRequest(method: "GET", path: request.path)
        let steps = setup + [
            FindingStep(name: "read it before", request: read, expectations: [.given("2xx")], captures: ["before": "$"], waitsForWrites: true),
            FindingStep(name: "the rejected write", request: request, expectations: [.given("4xx")]),
            FindingStep(name: "read it back", request: read, expectations: [.body("{{before}}")]),
        ]
        result.findings.append(Finding(
            check: .rejectedWriteChangesNothing, operation: operation.label, status: nil, message: failure, input: input,
            steps: steps, resourceIDs: ids, shrunkBy: 0))
    }
}

extension FuzzRequest {
    /// The body as JSON, when it is JSON.
    var jsonBody: JSONValue? {
        if case .json(let value)? = body { value } else { nil }
    }

    /// What the request sent as a JSON value to compare an item with: its JSON body, or an empty
    /// object (which proves nothing) when it sent none.
    var sentBody: JSONValue {
        jsonBody ?? .object([:])
    }
}

extension JSONValue {
    /// This object with `key` set to `value` (unchanged when not an object).
    func setting(_ key: String, to value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        _ = members.updateValue(value, forKey: key)
        return .object(members)
    }
}
