import GauntletJSON

extension Fuzzer {
    /// The life of one resource, each rule in its own shortest sequence: create → read;
    /// create → update → read; create → create again → read; create → delete → read; and, for
    /// a list with a filter, one resource per filter value → filtered list.
    func statefulSequences(_ kind: ResourceKind) async throws(Stop) {
        currentOperation = kind.create.label
        for index in 0..<max(1, min(3, settings.maxExamples)) {
            try await availability(kind, index: index)
            try await updateReadBack(kind, index: index)
            try await duplicateCreate(kind, index: index)
            try await useAfterFree(kind, index: index)
        }
        try await filter(kind)
    }

    private func availability(_ kind: ResourceKind, index: Int) async throws(Stop) {
        guard let read = kind.read, let made = try await create(kind, label: "available", index: index, provingOwnership: false) else { return }
        result.cases += 1
        let request = FuzzRequest(method: "GET", path: kind.path(made.values))
        let answer = try await settledRead(request) { $0.status.map { $0 / 100 == 2 } ?? true }
        guard let status = answer.status else { return }
        var missing = status / 100 == 2 ? nil : "\(kind.create.label) answered it was created, then \(request.line) answered \(status)\(answer.response.map(ResponseChecker.excerpt) ?? "")"
        var expecting: [FuzzCheck: [FindingStep.Expectation]] = [:]
        if missing == nil, namesAnotherID(kind, request: made.request, values: made.values),
            ownership(of: answer.json ?? .null, sent: [readBack(made.request, of: kind.create)], excluding: Set(FuzzRequest.segments(of: request.path)))
                == .notHeld
        {
            // Another team's item under the id the deployment answered, say: not what was created.
            missing = "\(kind.create.label) answered it was created under an id it was not sent, and \(request.line) answered \(status) "
                + "with an item that does not hold what was sent"
            // A replay reading that item answers 2xx too: it expects what was sent, under the
            // names the item read there uses.
            if case .object(let sent) = readBack(made.request, of: kind.create), case .object(let held)? = answer.json {
                let named = JSONObject(sent.filter { held[$0.key] != nil && $0.key != kind.clientIDField && $0.value != .null }.map { ($0.key, $0.value) })
                if !named.isEmpty { expecting[.ensureResourceAvailability] = [.status("2xx"), .body(.object(named))] }
            }
        }
        let setup = [made.step]
        try await judge(answer, of: read, request: request, setup: setup, input: "a resource just created",
            extra: [(.ensureResourceAvailability, missing)], expecting: expecting, resourceIDs: ids(in: made.request), waitsForWrites: true)
    }

    private func updateReadBack(_ kind: ResourceKind, index: Int) async throws(Stop) {
        guard let update = kind.update, let read = kind.read, let body = update.requestBody,
            let made = try await create(kind, label: "updated", index: index),
            let change = generator.validValue(body.schema, label: "\(update.label) read back", index: index + 3)
        else { return }
        let path = kind.path(made.values)
        let write = FuzzRequest(method: update.method, path: path, body: .json(change))
        result.cases += 1
        let answer = try await send(write)
        noteWrite(update, request: write, answer: answer)
        let setup = [made.step]
        try await judge(answer, of: update, request: write, setup: setup, input: "a valid update", resourceIDs: ids(in: made.request))
        guard let status = answer.status, status / 100 == 2 else { return }
        // What a read can give back: no writeOnly property (a `password`), at any depth.
        guard case .object(let sent) = readBack(write, of: update) else { return }
        let readRequest = FuzzRequest(method: "GET", path: path)
        // Until the read shows the update (or the bound is reached): a lagging read is no finding.
        let readAnswer = try await settledRead(readRequest) { answer in
            guard let stored = answer.json else { return false }
            return sent.allSatisfy { stored[$0.key] == nil || $0.value == .null || Self.holds(stored[$0.key], $0.value) }
        }
        guard let stored = readAnswer.json else { return }
        // Fields are compared by name: one the read calls differently (date → eventDate) is not.
        // A null is not compared: partial updates commonly read it as "leave unchanged".
        let comparable = JSONObject(sent.filter { stored[$0.key] != nil && $0.value != .null }.map { ($0.key, $0.value) })
        guard !comparable.isEmpty else { return }
        let differing = comparable.filter { !Self.holds(stored[$0.key], $0.value) }
        let failure = differing.isEmpty ? nil : "after \(write.line) answered \(status), \(readRequest.line) has " + differing.map {
            "\($0.key) \(stored[$0.key]?.preview(limit: 80) ?? "missing") instead of \($0.value.preview(limit: 80))"
        }.joined(separator: ", ")
        let steps = setup + [notingReadBack(FindingStep(name: "update", request: write, expectations: [.given("2xx")]), of: update)]
        try await judge(readAnswer, of: read, request: readRequest, setup: steps, input: "a read after a valid update",
            extra: [(.updateIsReadBack, failure)], expecting: [.updateIsReadBack: [.body(.object(comparable))]], resourceIDs: ids(in: made.request),
            waitsForWrites: true)
    }

    private func duplicateCreate(_ kind: ResourceKind, index: Int) async throws(Stop) {
        guard let field = kind.clientIDField, let body = kind.create.requestBody,
            let made = try await create(kind, label: "duplicated", index: index),
            case .json(let first)? = made.request.body, let id = first[field],
            let other = generator.validValue(body.schema, label: "\(kind.create.label) duplicate", index: index + 4)
        else { return }
        let second = FuzzRequest(method: "POST", path: kind.create.path, body: .json(other.setting(field, to: id)))
        let path = kind.path(made.values)
        let before = try await snapshot(path)
        result.cases += 1
        let answer = try await send(second)
        guard let status = answer.status else { return }
        let accepted = status / 100 == 4 ? nil : "a second create with \(field) \(id.preview(limit: 80)) answered \(status)"
        let setup = [made.step]
        try await judge(answer, of: kind.create, request: second, setup: setup, input: "a create of an existing \(field)",
            extra: [(.duplicateCreateRejected, accepted)], resourceIDs: ids(in: made.request))
        noteCreated(kind.create, request: second, answer: answer)
        guard status / 100 == 4, let read = kind.read, let before else { return }
        let readRequest = FuzzRequest(method: "GET", path: path)
        let readAnswer = try await send(readRequest)
        let after = readAnswer.json
        let changed = after == before ? nil : "the second create answered \(status) but \(readRequest.line) changed from \(before.preview(limit: 300)) to \(after?.preview(limit: 300) ?? "nothing")"
        let steps = setup + [
            FindingStep(name: "read it before", request: readRequest, expectations: [.given("2xx")], captures: ["before": "$"], waitsForWrites: true),
            FindingStep(name: "create it again", request: second, expectations: [.given("4xx")]),
        ]
        try await judge(readAnswer, of: read, request: readRequest, setup: steps, input: "a read after a rejected duplicate create",
            extra: [(.rejectedWriteChangesNothing, changed)], expecting: [.rejectedWriteChangesNothing: [.body("{{before}}")]], resourceIDs: ids(in: made.request))
    }

    private func useAfterFree(_ kind: ResourceKind, index: Int) async throws(Stop) {
        guard let delete = kind.delete, let read = kind.read, let made = try await create(kind, label: "deleted", index: index) else { return }
        let path = kind.path(made.values)
        let deletion = FuzzRequest(method: "DELETE", path: path)
        result.cases += 1
        let answer = try await send(deletion)
        let setup = [made.step]
        try await judge(answer, of: delete, request: deletion, setup: setup, input: "a delete of a resource just created", resourceIDs: ids(in: made.request))
        guard let status = answer.status, status / 100 == 2 else { return }
        let readRequest = FuzzRequest(method: "GET", path: path)
        let readAnswer = try await settledRead(readRequest) { $0.status.map { $0 / 100 == 4 } ?? true }
        guard let readStatus = readAnswer.status else { return }
        let found = readStatus / 100 == 4 ? nil : "\(deletion.line) answered \(status), then \(readRequest.line) answered \(readStatus)\(readAnswer.response.map(ResponseChecker.excerpt) ?? "")"
        let steps = setup + [FindingStep(name: "delete", request: deletion, expectations: [.given("2xx")])]
        try await judge(readAnswer, of: read, request: readRequest, setup: steps, input: "a read after a successful delete",
            extra: [(.useAfterFree, found)], resourceIDs: ids(in: made.request), waitsForWrites: true)
    }

    /// For each query parameter of the list with an `enum` (also inside `anyOf`/`oneOf`, as
    /// FastAPI renders an optional one) and a create property of the same
    /// name: one resource per value, then the list filtered by the first value must hold only
    /// items whose field of that name (or ending in it: `eventStatus`) has that value.
    private func filter(_ kind: ResourceKind) async throws(Stop) {
        guard let list = kind.list, let body = kind.create.requestBody, let schema = document.schema(at: body.schema) else { return }
        let properties = SchemaView(schema, in: document.requestJSON).properties.map(\.0)
        for parameter in list.parameters where parameter.location == .query && properties.contains(parameter.name) {
            guard let pointer = parameter.schema, let schema = pointer.resolve(in: document.requestJSON),
                let values = SchemaView.choices(of: schema, in: document.requestJSON), values.count > 1,
                let wanted = values.first
            else { continue }
            var setup: [FindingStep] = []
            var ids: [String] = []
            for (index, value) in values.prefix(3).enumerated() {
                guard let made = try await create(kind, label: "filter \(parameter.name)", index: index, body: { $0.setting(parameter.name, to: value) }) else { continue }
                setup.append(made.step)
                ids += self.ids(in: made.request)
            }
            guard setup.count > 1, let text = Mutator.parameterText(wanted) else { continue }
            let request = FuzzRequest(method: "GET", path: list.path, query: [(parameter.name, text)])
            result.cases += 1
            let answer = try await send(request)
            guard let listed = answer.json else { continue }
            // The run's own items: another team's of another status says nothing of the filter.
            let items = Self.items(in: listed).filter { isOwn($0, of: kind) }
            let field = items.lazy.compactMap { Self.field(matching: parameter.name, in: $0) }.first
            let wrong = items.compactMap { item -> String? in
                guard let field, let actual = item[field], actual != wanted else { return nil }
                return "\(item.preview(limit: 120))"
            }
            let failure = wrong.isEmpty ? nil : "\(request.line) listed \(wrong.count) item(s) whose \(field ?? parameter.name) is not \(wanted.preview()): " + wrong.prefix(2).joined(separator: "; ")
            let array = listed.arrayValue != nil ? "$" : "$.\(Self.arrayMember(in: listed) ?? "items")"
            try await judge(answer, of: list, request: request, setup: setup, input: "a list filtered by \(parameter.name)",
                extra: [(.filterMatchesItems, failure)],
                expecting: [.filterMatchesItems: [.status("2xx"), .everyItem(array: array, field: field ?? parameter.name, equals: wanted)]],
                resourceIDs: ids)
        }
    }

    /// The items of a list answer: the array itself, or its object's first array member.
    static func items(in listed: JSONValue) -> [JSONValue] {
        if let array = listed.arrayValue { return array }
        guard let member = arrayMember(in: listed) else { return [] }
        return listed[member]?.arrayValue ?? []
    }

    static func arrayMember(in listed: JSONValue) -> String? {
        guard case .object(let members) = listed else { return nil }
        return members.first { $0.value.arrayValue != nil }?.key
    }

    /// `status`, else a field ending in `Status` or `_status`.
    static func field(matching name: String, in item: JSONValue) -> String? {
        guard case .object(let members) = item else { return nil }
        if members[name] != nil { return name }
        let capitalized = name.prefix(1).uppercased() + name.dropFirst()
        return members.keys.first { $0.hasSuffix(capitalized) || $0.hasSuffix("_" + name) }
    }
}

extension Fuzzer {
    /// Whether `stored`, read back, holds `written`, as a replay's `body:` expectation judges it:
    /// numbers by value, objects member by member with members of the server's own (a
    /// `createdAt`, a nested item's `id`) left alone, arrays element by element.
    static func holds(_ stored: JSONValue?, _ written: JSONValue) -> Bool {
        stored?.firstMismatch(against: written) == nil
    }
}

extension JSONValue {
    /// Equal, counting `500` and `500.0` as the same number.
    func sameNumberOrValue(as other: JSONValue) -> Bool {
        if let left = doubleValue, let right = other.doubleValue { return left == right }
        return self == other
    }
}
