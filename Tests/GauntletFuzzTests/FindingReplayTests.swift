import Foundation
import GauntletAPI
import GauntletCLI
import GauntletFuzz
import Testing

/// Every finding file `gauntlet fuzz` writes is a scenario that `gauntlet run` replays: it fails
/// against the deployment it was found on and passes against one without the break.
@Suite(.timeLimit(.minutes(5))) struct FindingReplayTests {
    /// Every defect fuzzing finds but one: `missing-fields-accepted` stores a create without
    /// `eventId` under the empty id, which nothing can delete (the run reports it left behind),
    /// so a replay meets it and answers 409. (`answers-example-id`'s finding reads the id its
    /// create's answer names: `event-123` there, the id the replay sent on the reference.)
    static let defects: [ContractDefect] = FuzzVerdictTests.expected.map(\.0).filter { $0 != .missingFieldsAccepted }

    /// Defects whose findings, together, break every rule a defect can break.
    static let coverageDefects: [ContractDefect] = [
        .noCORS, .validation422, .duplicatesAccepted, .duplicateOverwrites, .fieldsNotRenamed, .filterIgnored,
        .integralCapacityRejected, .notFound500, .methodNotAllowed404, .textContentType, .updateNotPersisted,
        .malformedJSON500, .deleteNoOp,
    ]

    @Test("Each finding replays: failing on the broken deployment, passing on the reference", arguments: defects)
    func findingsReplay(defect: ContractDefect) async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await EventAPIServer.withRunningServer(FuzzTarget.configuration(defects: [defect])) { broken in
            try await EventAPIServer.withRunningServer(FuzzTarget.configuration()) { correct in
                let status = await Gauntlet.run(arguments: ["fuzz", "--base-url", broken, "--seed", "3", "--max-examples", "5", "--report-dir", folder])
                #expect(status == 1)
                let findings = (try FileManager.default.contentsOfDirectory(atPath: folder + "/findings")).filter { $0.hasSuffix(".yaml") }.sorted()
                #expect(!findings.isEmpty)
                for file in findings {
                    let path = folder + "/findings/" + file
                    let reports = folder + "/replay"
                    #expect(await Gauntlet.run(arguments: ["run", path, "--base-url", broken, "--report-dir", reports]) == 1, "\(file) on the broken deployment")
                    #expect(await Gauntlet.run(arguments: ["run", path, "--base-url", correct, "--report-dir", reports]) == 0, "\(file) on the reference")
                }
                #expect(try await FuzzTarget.eventIDs(at: correct) == [], "replays leave nothing on the reference")
            }
        }
    }

    @Test("A deployment answering another team's id: the finding fails there though that item reads 200, and passes on the reference")
    func anAnsweredForeignIdReplays() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await SharedTableTests.withTeamCEvents(["event-123"], defects: [.answersExampleID]) { broken in
            try await EventAPIServer.withRunningServer(FuzzTarget.configuration()) { correct in
                let status = await Gauntlet.run(arguments: ["fuzz", "--base-url", broken, "--seed", "3", "--max-examples", "5", "--report-dir", folder])
                #expect(status == 1)
                let path = folder + "/findings/ensure_resource_availability-GET-events-eventId-200.yaml"
                try #require(FileManager.default.fileExists(atPath: path))
                let reports = folder + "/replay"
                #expect(await Gauntlet.run(arguments: ["run", path, "--base-url", broken, "--report-dir", reports]) == 1)
                #expect(await Gauntlet.run(arguments: ["run", path, "--base-url", correct, "--report-dir", reports]) == 0)
                try await SharedTableTests.expectTeamCEvents(["event-123"], at: broken)
                #expect(try await FuzzTarget.eventIDs(at: correct) == [], "replays leave nothing on the reference")
            }
        }
    }

    @Test("A deployment with ids of its own: a finding's later steps address what the replay's own create made")
    func answeredIdsAreCapturedForEveryStep() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await EventAPIServer.withRunningServer(FuzzTarget.configuration(defects: [.ownIds, .deleteNoOp])) { broken in
            try await EventAPIServer.withRunningServer(FuzzTarget.configuration(defects: [.ownIds])) { fixed in
                #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", broken, "--seed", "3", "--max-examples", "5", "--report-dir", folder]) == 1)
                let path = folder + "/findings/use_after_free-GET-events-eventId-200.yaml"
                let text = try String(contentsOfFile: path, encoding: .utf8)
                #expect(text.contains(#"request: { method: DELETE, path: "/events/{{answered_eventId | urlencode}}" }"#), "\(text)")
                let reports = folder + "/replay"
                #expect(await Gauntlet.run(arguments: ["run", path, "--base-url", broken, "--report-dir", reports]) == 1)
                #expect(await Gauntlet.run(arguments: ["run", path, "--base-url", fixed, "--report-dir", reports]) == 0)
                // The replay's DELETE reached what its create made (a literal id from the run would
                // have answered 404 and skipped the rest, leaving it).
                #expect(try await FuzzTarget.eventIDs(at: fixed) == [])
            }
        }
    }

    /// Ids of its own, and (the second) a PUT that replaces the item with what it was sent: seed 3's
    /// findings write a one-letter title there, so only the read right after the create proves
    /// the item the replay's.
    static let ownIDDeployments: [Set<ContractDefect>] = [[.ownIds], [.ownIds, .putDropsFields]]

    @Test("A deployment with ids of its own: each replay's teardown deletes what its creates made there, and nothing of another team's", arguments: ownIDDeployments)
    func replaysLeaveNothingWhereIdsAreTheDeployments(defects: Set<ContractDefect>) async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let teamC = ["team-c-1", "team-c-2"]
        try await SharedTableTests.withTeamCEvents(teamC, defects: defects) { broken in
            #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", broken, "--seed", "3", "--max-examples", "5", "--report-dir", folder]) == 1)
            let findings = (try FileManager.default.contentsOfDirectory(atPath: folder + "/findings")).filter { $0.hasSuffix(".yaml") }.sorted()
            #expect(findings.count >= 2, "\(findings)")
            for file in findings {
                let path = folder + "/findings/" + file
                #expect(await Gauntlet.run(arguments: ["run", path, "--base-url", broken, "--report-dir", folder + "/replay"]) == 1, "\(file)")
                // What the replay's creates stored under the deployment's ids, and only that, is gone.
                #expect(try await FuzzTarget.eventIDs(at: broken).sorted() == teamC, "\(file)")
            }
            try await SharedTableTests.expectTeamCEvents(teamC, at: broken)
        }
    }

    @Test("The checks the replayed findings cover")
    func coverage() async throws {
        var checks: Set<FuzzCheck> = []
        for defect in Self.coverageDefects {
            let result = try await FuzzTarget.fuzz(FuzzTarget.configuration(defects: [defect]), seed: 3, maxExamples: 5)
            checks.formUnion(result.findings.map(\.check))
        }
        // No defect forgets what it created or leaves methods out of Allow:
        // ForgetfulDeploymentTests and the FastAPI profile (FuzzVerdictTests) break those rules.
        #expect(checks == Set(FuzzCheck.allCases).subtracting([.ensureResourceAvailability, .allowHeader]))
    }
}
