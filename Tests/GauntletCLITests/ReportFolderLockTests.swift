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

    @Test("run, load and fuzz into a folder another command holds exit 2, send nothing and write nothing there")
    func secondCommandIsRefused() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Another command's hold on the folder, taken as every command takes it.
        let held = try ReportFolderLock.acquire(forFilesAt: [folder + "/results.json"])
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
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [], "no report was written")

        // Once the other command is over, the folder is free again, and a run holds it while it writes.
        held.release()
        try await EventAPIServer.withRunningServer(.testing) { baseURL in
            #expect(await Gauntlet.run(arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", baseURL, "--report-dir", folder,
            ]) == ExitStatus.passed)
        }
        let results = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: folder + "/results.json")))
        #expect(results["suites"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Not found"])
    }

    @Test("A run holds its folder from its first report (\"not finished\") to its last")
    func aRunHoldsItsFolder() async throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A deployment that never answers keeps the run going until its timeouts (3 s a request).
        let hanging = try SilentListener()
        let first = Task {
            await Gauntlet.run(arguments: [
                "run", ContractPaths.suite + "/not-found.yaml", "--base-url", hanging.baseURL, "--report-dir", folder, "--timeout", "3s",
            ])
        }
        for _ in 0..<200 where !FileManager.default.fileExists(atPath: folder + "/results.json") { try await Task.sleep(for: .milliseconds(25)) }
        #expect(throws: ReportFolderLockError.self) { try ReportFolderLock.acquire(forFilesAt: [folder + "/junit.xml"]) }
        _ = await first.value
        try ReportFolderLock.acquire(forFilesAt: [folder + "/junit.xml"]).release()
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
