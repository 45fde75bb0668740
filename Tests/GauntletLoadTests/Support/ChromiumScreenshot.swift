import Foundation

/// Screenshots of a local HTML file taken by headless Chromium, for tests that check what a
/// report looks like rendered.
enum ChromiumScreenshot {
    /// The Chromium executable, or nil when it is not installed (the tests then skip).
    static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Renders `htmlFile` in a window of the given size and returns the PNG.
    /// - Parameters:
    ///   - chromium: The executable (see ``executable``).
    ///   - htmlFile: An absolute path to the page.
    ///   - directory: A scratch directory for Chromium's profile and the screenshot.
    ///   - width: The window width in pixels.
    ///   - height: The window height in pixels; the screenshot shows this much of the page.
    /// - Throws: When Chromium cannot start or writes no screenshot.
    static func take(
        chromium: String, of htmlFile: String, in directory: String, width: Int, height: Int
    ) throws -> Data {
        let screenshot = directory + "/shot-\(UUID().uuidString).png"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(directory)/profile",
            "--window-size=\(width),\(height)", "--screenshot=\(screenshot)", "file://\(htmlFile)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: URL(fileURLWithPath: screenshot))
    }
}
