import Foundation

/// Reads a PEM file a flag names (`--cacert`, `--cert`, `--key`), before any request, with an
/// error worded for the person who typed the path.
enum PEMFile {
    /// The file's text, or an error that says why it cannot be read (its contents never appear).
    /// - Parameters:
    ///   - path: The path as given.
    ///   - flag: The flag that named it, with its dashes.
    /// - Throws: ``NetworkOptionError`` when the file is missing, a folder or unreadable.
    static func read(_ path: String, flag: String) throws(NetworkOptionError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw NetworkOptionError(flag: flag, value: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw NetworkOptionError(flag: flag, value: path, reason: "is a folder, not a PEM file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NetworkOptionError(flag: flag, value: path, reason: "cannot be read (permissions?)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether PEM text holds a certificate block.
    static func holdsCertificate(_ pem: String) -> Bool {
        pem.contains("-----BEGIN CERTIFICATE-----")
    }
}
