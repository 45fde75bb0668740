import ArgumentParser
import Foundation
import GauntletReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One command at a time per report folder: `run`, `load`, `fuzz` and `merge` hold the folders
/// their reports go into from before their first report (the "not finished" one) to their last.
///
/// Two CI jobs on one runner that share a folder (most often the default `Reports/`) would
/// otherwise replace each other's files one by one: the job that ends last wins each file, so
/// a passing job's folder could hold the other job's failure, or `junit.xml` of one run beside
/// `results.json` of the other. The second command is refused before any request instead.
///
/// The lock is `flock(2)` on the folder itself: it leaves no file in the folder (nothing extra
/// in a CI artifact), and the kernel drops it when the process ends however it ends (a kill, a
/// crash), so a stale lock cannot block the next run.
final class ReportFolderLock {
    /// The open folders whose locks are held.
    private var descriptors: [Int32]

    private init(descriptors: [Int32]) {
        self.descriptors = descriptors
    }

    deinit { release() }

    /// Takes the folder of each of `paths` (report files), creating the folders; all or none.
    /// - Throws: ``ReportFolderLockError`` naming the first folder another process (or another
    ///   command of this one) holds, or one that cannot be made.
    static func acquire(forFilesAt paths: [String]) throws(ReportFolderLockError) -> ReportFolderLock {
        let lock = ReportFolderLock(descriptors: [])
        for folder in folders(of: paths) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .unusable(folder: folder, reason: error.localizedDescription)
            }
            // A folder that cannot be opened or locked (a file system without flock, ENOLCK) is
            // written unguarded, as before the lock: only another command's lock refuses a run.
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                close(descriptor)
                guard code == EWOULDBLOCK else { continue }
                lock.release()
                throw .inUse(folder: folder)
            }
            lock.descriptors.append(descriptor)
        }
        return lock
    }

    /// The distinct folders `paths` are in, each once however it is spelled (`Reports`,
    /// `./Reports/`), in a fixed order.
    static func folders(of paths: [String]) -> [String] {
        let folders = paths.map { path -> String in
            let folder = (path as NSString).deletingLastPathComponent
            return URL(fileURLWithPath: folder.isEmpty ? "." : folder).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return Array(Set(folders)).sorted()
    }

    /// Lets the folders go (closing them drops their locks); later calls do nothing.
    func release() {
        for descriptor in descriptors { close(descriptor) }
        descriptors = []
    }
}

/// Why a command cannot take its report folder.
enum ReportFolderLockError: Error, Equatable, CustomStringConvertible {
    /// Another command is writing its reports there right now.
    case inUse(folder: String)
    /// The folder cannot be made.
    case unusable(folder: String, reason: String)

    var description: String {
        switch self {
        case .inUse(let folder):
            "the report folder \(folder) is in use by another gauntlet command that is still running "
                + "(its reports and this one's would overwrite each other); give each command that runs at the same time "
                + "its own --report-dir; no request was sent"
        case .unusable(let folder, let reason):
            "cannot use the report folder \(folder): \(reason); no request was sent"
        }
    }
}

extension ReportFiles {
    /// Checks that the reports at `paths` can be written and takes their folders for this
    /// command (``ReportFolderLock``), before any request.
    /// - Throws: `ExitCode(2)` after printing why: a path that cannot be written, or a folder
    ///   another command holds, so that nothing is sent and no report is touched.
    static func claim(_ paths: [String]) throws -> ReportFolderLock {
        try ensureWritable(paths)
        let lock = try lock(paths)
        // Held now: a temporary report file there is no live command's.
        for folder in ReportFolderLock.folders(of: paths) { ReportFileWriter.removeAbandoned(in: folder) }
        return lock
    }

    /// Takes the folders of `paths` for this command (``ReportFolderLock``).
    /// - Throws: `ExitCode(2)` after printing `error: the report folder … is in use …` when
    ///   another command holds one, so that nothing is sent and no report is touched.
    static func lock(_ paths: [String]) throws -> ReportFolderLock {
        do {
            return try ReportFolderLock.acquire(forFilesAt: paths)
        } catch {
            Console.error("error: \(error)")
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}
