import Foundation
import GauntletAPI
import GauntletJSON
import Testing

@testable import GauntletCLI

/// Two commands at once into one report folder (two CI jobs on one runner, both on the default
/// `Reports/`): the second is refused before any request, and the first one's reports stay
/// its own, rather than each file going to whichever run ended last.
@Suite(.timeLimit(.minutes(2))) struct ReportFolderLockTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-report-lock-\(UUID().uuidString)").path

    /// Waits until `path` exists (the first run's "not finished" report: it holds the folder).
    func waitForFile(_ path: String) async throws {
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: path) { try await Task.sleep(for: .milliseconds(25)) }
        try #require(FileManager.default.fileExists(atPath: path))
    }

    @Test("run, load and fuzz into a folder a run is writing exit 2 and send nothing; the run's reports are its own")
    func secondCommandIsRefused() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await EventAPIServer.withRunningServer(.testing) { baseURL in
            // crud.yaml takes over a second ("PUT never changes createdAt" waits 1.1 s).
            let first = Task { await Gauntlet.run(arguments: ["run", ContractPaths.suite + "/crud.yaml", "--base-url", baseURL, "--report-dir", folder]) }
            try await waitForFile(folder + "/results.json")
            let counter = try ConnectionCounter()
            defer { counter.stop() }
            let spelledOtherwise = folder + "/./"
            #expect(await Gauntlet.run(arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", counter.baseURL, "--report-dir", spelledOtherwise,
            ]) == ExitStatus.invalidInput)
            #expect(await Gauntlet.run(arguments: [
                "load", ContractPaths.root + "/Scenarios/load/selftest.yaml", "--base-url", counter.baseURL, "--duration", "1s",
                "--report-dir", folder,
            ]) == ExitStatus.invalidInput)
            #expect(await Gauntlet.run(arguments: ["fuzz", "--base-url", counter.baseURL, "--report-dir", folder]) == ExitStatus.invalidInput)
            // A --junit file in the folder is the folder too.
            let elsewhere = folder + "-other"
            defer { try? FileManager.default.removeItem(atPath: elsewhere) }
            #expect(await Gauntlet.run(arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", counter.baseURL, "--report-dir", elsewhere,
                "--junit", folder + "/other-junit.xml",
            ]) == ExitStatus.invalidInput)
            #expect(counter.count == 0, "no request was sent")
            #expect(await first.value == ExitStatus.passed)

            let results = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: folder + "/results.json")))
            let suites = results["suites"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(suites == ["CRUD lifecycle"], "results.json is the first run's")
            let junit = try String(contentsOfFile: folder + "/junit.xml", encoding: .utf8)
            #expect(junit.contains("CRUD lifecycle") && !junit.contains("Not found"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/latency.json"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/fuzz.json"))

            // Once the first run is over, the folder is free again.
            #expect(await Gauntlet.run(arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", baseURL, "--report-dir", folder,
            ]) == ExitStatus.passed)
        }
    }

    @Test("The lock is the folder however it is spelled, all or none, and leaves no file behind")
    func lockIsTheFolder() throws {
        // "lock--…" sorts before "lock-…": taken first, then let go when the second folder is busy.
        let before = folder.replacingOccurrences(of: "gauntlet-report-lock-", with: "gauntlet-report-lock--")
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: before)
        }
        let held = try ReportFolderLock.acquire(forFilesAt: [folder + "/a.xml", folder + "/./b.json"])
        let name = (folder as NSString).lastPathComponent
        #expect(throws: ReportFolderLockError.inUse(folder: URL(fileURLWithPath: folder).resolvingSymlinksInPath().path)) {
            try ReportFolderLock.acquire(forFilesAt: [before + "/c.json", folder + "/../" + name + "/d.md"])
        }
        let other = try ReportFolderLock.acquire(forFilesAt: [before + "/c.json"])
        other.release()
        held.release()
        let again = try ReportFolderLock.acquire(forFilesAt: [folder + "/a.xml"])
        again.release()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }
}
