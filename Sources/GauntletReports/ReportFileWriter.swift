import Foundation

/// A report written piece by piece and put in place whole: the pieces go to a temporary file
/// beside the report, renamed over it by ``commit()``, so that a reader never finds half a
/// report and a run of 100,000 testcases never holds its 100 MB report in memory as one string.
///
/// A `TextOutputStream`, so that a writer renders into it as into a `String`. A failed write
/// (a full disk, a file size limit) is kept and thrown by ``commit()`` as a
/// ``ReportWriteError`` naming the report; the temporary file goes with the writer when it is
/// not committed, and one a killed process left is removed by the next command that takes the
/// folder (``removeAbandoned(in:)``).
public final class ReportFileWriter: TextOutputStream {
    /// Where the report goes.
    public let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var failure: (any Error)?
    private var committed = false
    /// How many bytes are gathered before one write to the file.
    private static let bufferSize = 1 << 20

    /// Creates the report's folder and a temporary file beside the report.
    /// - Throws: ``ReportWriteError`` when either cannot be made.
    public init(path: String) throws(ReportWriteError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporaryPath = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: .min ... .max)).tmp").path
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
                throw ReportWriteError(path: path, reason: "cannot create a file in \(folder.path)")
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
        } catch {
            unlink(temporaryPath)
            throw error as? ReportWriteError ?? ReportWriteError(path: path, error)
        }
        self.temporaryPath = temporaryPath
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        try? handle.close()
        if !committed { unlink(temporaryPath) }
    }

    /// Appends `text`.
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferSize { flush() }
    }

    /// Writes what is gathered and puts the report in place of any earlier one.
    /// - Throws: ``ReportWriteError`` with the first error any write met, or the rename's.
    public func commit() throws(ReportWriteError) {
        flush()
        if let failure { throw ReportWriteError(path: path, failure) }
        do { try handle.close() } catch { throw ReportWriteError(path: path, error) }
        guard rename(temporaryPath, path) == 0 else {
            throw ReportWriteError(path: path, reason: String(cString: strerror(errno)))
        }
        committed = true
    }

    private func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard !buffer.isEmpty, failure == nil else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = error
        }
    }

    /// Removes from `folder` the temporary files of writers whose process has ended (a second
    /// Ctrl-C or a kill while reports were written): call it holding the folder, so that no
    /// live command's file is among them.
    public static func removeAbandoned(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            guard let match = name.wholeMatch(of: /\..+\.([0-9]+)-[0-9]+\.tmp/), let pid = pid_t(match.1) else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }
}

/// A report that could not be written, and why: `cannot write the report Reports/junit.xml:
/// File too large`.
public struct ReportWriteError: Error, CustomStringConvertible {
    /// The report's path.
    public var path: String
    /// What the file system said.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// The error `error` writing `path`, in the operating system's words when it has them.
    public init(path: String, _ error: any Error) {
        let cocoa = error as NSError
        let posix = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError ?? cocoa
        if posix.domain == NSPOSIXErrorDomain {
            self.init(path: path, reason: String(cString: strerror(Int32(posix.code))))
        } else {
            self.init(path: path, reason: error.localizedDescription)
        }
    }

    public var description: String { "cannot write the report \(path): \(reason)" }
}
