import ArgumentParser
import Foundation

/// Two reports a command would write to one path: the second would replace the first without a
/// word (`--junit x --json x` left only the JUnit XML; `--junit Reports/report.html` replaced the
/// HTML report, `--junit Reports/results.json` the JSON one), and a CI step reading the lost one
/// would fail or, worse, read the other.
enum ReportPathClash {
    /// One report the command writes: what names it (a flag, or the file's name where a default
    /// or fixed path puts it) and where it goes.
    struct Report {
        var name: String
        var path: String

        /// A report whose path a flag may set: named by the flag when given, else as its default.
        init(flag: String, given: String?, path: String) {
            self.name = given == nil ? "\(flag)'s default \((path as NSString).lastPathComponent)" : flag
            self.path = path
        }

        /// A report always written to `path`, named by its file.
        init(fixed path: String) {
            self.name = (path as NSString).lastPathComponent
            self.path = path
        }
    }

    /// - Throws: `ValidationError` naming the two reports that would share a path.
    static func check(_ reports: [Report]) throws {
        var taken: [(name: String, path: String)] = []
        for report in reports {
            let target = standardized(report.path)
            if let clash = taken.first(where: { $0.path == target }) {
                throw ValidationError(
                    "\(report.name) and \(clash.name) would both be written to \(report.path): one report would replace the other; name another file")
            }
            taken.append((report.name, target))
        }
    }

    /// Refuses a report to be written over an input of the command: a file it reads (`--json
    /// nf.yaml` replaced the scenario file with the results) or a scenario file in a folder it reads.
    /// - Parameters:
    ///   - reports: The reports the command writes.
    ///   - inputs: The files and folders the command reads, as given.
    /// - Throws: `ValidationError` naming the report and the input.
    static func check(_ reports: [Report], against inputs: [String]) throws {
        let read = inputs.map { (given: $0, path: standardized($0), isFolder: isFolder($0)) }
        for report in reports {
            let target = standardized(report.path)
            let scenarioFile = ["yaml", "yml"].contains((target as NSString).pathExtension.lowercased())
            if let input = read.first(where: { $0.path == target || ($0.isFolder && scenarioFile && target.hasPrefix($0.path + "/")) }) {
                throw ValidationError(
                    "\(report.name) would be written to \(report.path), \(input.isFolder ? "among the scenario files of \(input.given)" : "which the command reads"): "
                        + "name another file")
            }
        }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The path as an absolute, standardized one, its folder's symbolic links resolved
    /// (`./a/../b` and `b` are one file, and so are `link/x` and `folder/x`).
    static func standardized(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath()
        return folder.appendingPathComponent(url.lastPathComponent).standardizedFileURL.path
    }
}
