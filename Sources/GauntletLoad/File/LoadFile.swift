import Foundation
import GauntletJSON
public import GauntletScenario
import Yams

/// A load file: a scenario file, in the syntax `gauntlet run` reads, that a load drives.
///
/// Its `load:` block says how (model, rate or users, duration, phases, thresholds, weights, steps
/// run once around the load, other scenario files to drive); without one, the command line says
/// it, so that `gauntlet load Scenarios/contract/crud.yaml --vus 20 --duration 30s` loads the
/// very flows a CI gate checks. See `Scenarios/load/README.md`. Every problem of the file is
/// reported at once, each at `file:line:column`, before any request is sent.
public struct LoadFile: Sendable {
    /// The file's path, as given.
    public var path: String
    /// The plan it describes (the command line may still change its model and bounds).
    public var plan: LoadPlan
    /// The base URL, if the file names one (the command line wins).
    public var baseURL: String?
    /// The per-request time limit, if the file sets one.
    public var timeout: Duration?
    /// Where the `load:` block is written (the file's start when it has none): what an error about
    /// the load as a whole (unbounded, every scenario skipped) points at.
    public var loadLocation: ScenarioLocation

    /// `cold_start.log`: the function's Lambda logs to label requests from, relative paths
    /// resolved against the load file's folder (read after the load, so they need not exist yet).
    public var coldStartLogs: [String] = []
    /// The variable names the templates of its selected scenarios, its files and its load
    /// block read (``GauntletScenario/UnusedVariableCheck/namesRead(in:selects:)``), so that a
    /// `--var` no template reads is warned about, as `gauntlet run` does.
    public var variablesRead: Set<String> = []

    /// Creates a load file value.
    public init(path: String, plan: LoadPlan, baseURL: String? = nil, timeout: Duration? = nil) {
        self.path = path
        self.plan = plan
        self.baseURL = baseURL
        self.timeout = timeout
        self.loadLocation = ScenarioLocation(file: path, line: 1, column: 1)
    }

    /// The names every load's templates may use besides a scenario's own: the iteration's
    /// number and its virtual user's.
    public static let builtinNames: Set<String> = ["iteration", "vu"]

    /// Reads and checks a load file.
    /// - Parameters:
    ///   - path: The file.
    ///   - commandLineNames: Variables the command line defines.
    ///   - environment: What `{{env.NAME}}` reads (default: this process's environment).
    ///   - dataFile: `--data FILE`: every scenario becomes one flow per row of this CSV or JSON file.
    ///   - tags: `--tag` / `--skip-tag`: the scenarios the load drives, as `gauntlet run` selects them.
    /// - Throws: ``ScenarioLoadError`` with every problem found, in the file and the files it names.
    public static func load(
        contentsOf path: String, commandLineNames: Set<String> = [], environment: [String: String]? = nil,
        dataFile: String? = nil, tags: TagSelection = TagSelection()
    ) throws(ScenarioLoadError) -> LoadFile {
        let text = try ScenarioLoader.text(of: path)
        let data = try dataFile.map { path throws(ScenarioLoadError) in try DataTable.load(contentsOf: path) }
        return try parse(
            yaml: text, path: path, commandLineNames: commandLineNames, environment: environment, data: data, tags: tags)
    }

    /// Parses load-file text; `path` names it in diagnostics and resolves the files it names.
    /// - Throws: ``ScenarioLoadError`` with every problem found.
    public static func parse(
        yaml: String, path: String, commandLineNames: Set<String> = [], environment: [String: String]? = nil,
        tags: TagSelection = TagSelection()
    ) throws(ScenarioLoadError) -> LoadFile {
        try parse(yaml: yaml, path: path, commandLineNames: commandLineNames, environment: environment, data: nil, tags: tags)
    }

    /// Parses load-file text, every scenario once per row of `data` when given, of the scenarios
    /// `tags` selects.
    /// - Throws: ``ScenarioLoadError`` with every problem found.
    package static func parse(
        yaml: String, path: String, commandLineNames: Set<String>, environment: [String: String]?, data: DataTable?,
        tags: TagSelection = TagSelection()
    ) throws(ScenarioLoadError) -> LoadFile {
        let root = try ScenarioLoader.compose(yaml: yaml, path: path)
        var reader = YAMLReader(file: path)
        var extras: [String: Node] = [:]
        let own = reader.scenarioFile(root, path: path, extraKeys: ["load"], extras: &extras)
        let settings = extras["load"].map { reader.loadSettings($0) } ?? LoadSettings()
        var diagnostics = reader.diagnostics
        guard var own else { throw ScenarioLoadError(diagnostics) }
        // The load block's own steps are checked like the file's teardown: against its variables.
        own.templates += reader.templateUses

        var files = [own]
        let folder = (path as NSString).deletingLastPathComponent
        for (named, node) in settings.scenarioFiles {
            let resolved = named.hasPrefix("/") ? named : (folder as NSString).appendingPathComponent(named)
            guard FileManager.default.fileExists(atPath: resolved) else {
                let mark = node.mark
                diagnostics.append(ScenarioDiagnostic(
                    "scenario_files: no such file or folder '\(resolved)'",
                    at: ScenarioLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)))
                continue
            }
            do { files += try ScenarioLoader.load(paths: [resolved]) } catch { diagnostics += error.diagnostics }
        }
        if let data { files = files.map { $0.applyingDataRows(data) } }
        // Every file is still checked whole (templates, schemas); only the plan leaves scenarios out.
        var builder = LoadPlanBuilder(path: path, settings: settings, files: files, tags: tags)
        let plan = builder.build()
        diagnostics += builder.diagnostics

        // What the load's setup captures every iteration sees; what its teardown's steps set,
        // the steps after them.
        let loadStepNames = TemplateCheck.captureNames(of: settings.setup + settings.teardown)
        let check = TemplateCheck(
            commandLineNames: commandLineNames.union(builtinNames).union(loadStepNames), environment: environment)
        diagnostics += check.diagnostics(for: files)
        var schemas = SchemaCatalog()
        do { schemas = try SchemaCatalog(for: files) } catch { diagnostics += error.diagnostics }
        guard diagnostics.isEmpty, var plan else { throw ScenarioLoadError(Self.inFileOrder(diagnostics)) }
        plan.schemas = schemas
        var file = LoadFile(path: path, plan: plan, baseURL: settings.baseURL, timeout: settings.timeout)
        if let mark = settings.node?.mark { file.loadLocation = ScenarioLocation(file: path, line: mark.line, column: mark.column) }
        file.coldStartLogs = settings.coldStartLogs.map { $0.hasPrefix("/") ? $0 : (folder as NSString).appendingPathComponent($0) }
        file.variablesRead = UnusedVariableCheck.namesRead(in: files) { tags.selects(tags: $0) }
        return file
    }

    /// Diagnostics by file, then line and column, each once.
    static func inFileOrder(_ diagnostics: [ScenarioDiagnostic]) -> [ScenarioDiagnostic] {
        var seen = Set<ScenarioDiagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.sorted {
            ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
        }
    }
}
