import Foundation
import GauntletJSON
import Testing

@testable import GauntletScenario

/// Data files (`cases_from:`, `--data`): CSV as RFC 4180 writes it, JSON arrays of objects, and
/// every mistake at its file, line and column.
@Suite struct DataTableTests {
    /// A fresh folder with `files` written into it.
    func folder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("data-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    func problems(csv: String) -> [String] {
        do {
            _ = try DataTable.csv(csv, path: "users.csv")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func csvReadsQuotedFieldsLineBreaksAndTypesOnlyExactJSONSpellings() throws {
        let table = try DataTable.csv(
            "name,code,note,flag\r\nAda,201,\"a, b\",true\r\n\"Bo \"\"B\"\"\",007,\"two\nlines\",\r\n\n", path: "users.csv")
        #expect(table.rows.count == 2)
        #expect(table.rows[0] == ["name": "Ada", "code": 201, "note": "a, b", "flag": true])
        #expect(table.rows[1] == ["name": "Bo \"B\"", "code": "007", "note": "two\nlines", "flag": ""])
        #expect(DataTable.typedCell("1e3") == "1e3")
        #expect(DataTable.typedCell("-1.5") == .double(-1.5))
        #expect(DataTable.typedCell("null") == .null)
    }

    @Test func malformedCSVNamesFileLineAndColumn() {
        #expect(problems(csv: "a,b\n1,\"open\n2,3\n") == [
            "users.csv:2:3: error: the quoted field that starts here is never closed (a '\"' is missing)"
        ])
        #expect(problems(csv: "a,b\n1,2\n3\n4,5,6\n") == [
            "users.csv:3:1: error: this row has 1 field(s), the header row 2",
            "users.csv:4:1: error: this row has 3 field(s), the header row 2",
        ])
        #expect(problems(csv: "a,b\n1,x\"y\n") == [
            "users.csv:2:4: error: a '\"' inside an unquoted field; quote the whole field and write the quote twice (\"\")"
        ])
        #expect(problems(csv: "a,b\n\"1\"x,2\n") == [
            "users.csv:2:4: error: unexpected 'x' after a quoted field's closing quote; a quote inside a quoted field is written twice (\"\")"
        ])
        #expect(problems(csv: "a,,a\n1,2,3\n") == [
            "users.csv:1:3: error: a column of the header row has no name",
            "users.csv:1:4: error: the header row names 'a' twice",
        ])
        #expect(problems(csv: "a,b\n") == ["users.csv:1:1: error: the CSV file has a header row but no rows"])
        #expect(problems(csv: "") == ["users.csv:1:1: error: the CSV file is empty; it needs a header row naming the variables"])
    }

    @Test func jsonRowsAreObjectsAndMistakesHaveTheirPlace() throws {
        let table = try DataTable.json(#"[{"id": "a", "n": 1}, {"id": "{{run_id}}-b", "n": "2"}]"#, path: "rows.json")
        #expect(table.rows == [["id": "a", "n": 1], ["id": "{{run_id}}-b", "n": "2"]])
        #expect(table.templates.count == 1, "a cell's template is checked like the file's")
        let tabbed = try DataTable.json("[\n\t{\n\t\t\"id\": \"a\",\n\t\t\"n\": 1\n\t}\n]\n", path: "rows.json")
        #expect(tabbed.rows == [["id": "a", "n": 1]], "JSON indented with tabs, as some tools write it")
        #expect {
            _ = try DataTable.json("[\n  {\"id\": 1},\n  3\n]", path: "rows.json")
        } throws: { error in
            (error as? ScenarioLoadError)?.description == "rows.json:3:3: error: each row of a JSON data file is an object, found a scalar '3'"
        }
        #expect {
            _ = try DataTable.json("{\"id\": 1}", path: "rows.json")
        } throws: { error in
            (error as? ScenarioLoadError)?.description
                == "rows.json:1:1: error: a JSON data file is an array of objects, one per row, found a mapping"
        }
        // A JSON syntax error is JSON's, where it is: not what a YAML reader makes of it a line further on.
        #expect {
            _ = try DataTable.json(#"[{"id":"e1"},{"id":"#, path: "rows.json")
        } throws: { error in
            guard let text = (error as? ScenarioLoadError)?.description else { return false }
            return text.hasPrefix("rows.json:1:") && text.contains("error: not valid JSON: ")
        }
    }

    @Test func casesFromReadsAFileBesideTheScenarioFileOneInstancePerRow() throws {
        let folder = try folder([
            "users.csv": "email,status\nada@example.com,201\nbo@example.com,409\n",
            "signup.yaml": """
                scenarios:
                  - name: sign up {{email}}
                    cases_from: users.csv
                    steps:
                      - request: { method: POST, path: /users, json: { email: "{{email}}" } }
                        expect: { status: "{{status}}" }
                """,
        ])
        let file = try ScenarioLoader.load(contentsOf: folder + "/signup.yaml")
        let scenario = try #require(file.scenarios.first)
        #expect(scenario.cases == [["email": "ada@example.com", "status": 201], ["email": "bo@example.com", "status": 409]])
        let instances = ScenarioRunner.plan([file], options: RunOptions(baseURL: "http://h"))
        #expect(instances.map(\.name) == ["sign up ada@example.com", "sign up bo@example.com"])
        #expect(TemplateCheck().diagnostics(for: [file]).isEmpty, "a CSV column is a known name")
    }

    @Test func casesFromProblemsPointIntoTheDataFileOrAtTheKey() throws {
        let folder = try folder([
            "bad.csv": "a,b\n1,2\n3\n",
            "s.yaml": """
                scenarios:
                  - name: bad rows
                    cases_from: bad.csv
                    steps: [{ request: { path: "/{{a}}" } }]
                  - name: no file
                    cases_from: missing.csv
                    steps: [{ request: { path: / } }]
                  - name: both
                    cases: [{ a: 1 }]
                    cases_from: bad.csv
                    steps: [{ request: { path: / } }]
                """,
        ])
        #expect {
            _ = try ScenarioLoader.load(contentsOf: folder + "/s.yaml")
        } throws: { error in
            let found = (error as? ScenarioLoadError)?.diagnostics.map(\.description) ?? []
            return found == [
                "\(folder)/bad.csv:3:1: error: this row has 1 field(s), the header row 2",
                "\(folder)/s.yaml:6:17: error: cases_from: no such file '\(folder)/missing.csv' (a path relative to the scenario file)",
                "\(folder)/bad.csv:3:1: error: this row has 1 field(s), the header row 2",
                "\(folder)/s.yaml:10:5: error: give either 'cases' or 'cases_from', not both",
            ]
        }
    }

    @Test func dataRowsMultiplyAScenariosOwnCasesAndNameEachInstance() throws {
        let file = try ScenarioLoader.parse(yaml: """
            scenarios:
              - name: plain
                steps: [{ request: { path: "/{{region}}" } }]
              - name: table {{n}}
                cases: [{ n: 1 }, { n: 2, tier: own }]
                steps: [{ request: { path: "/{{region}}/{{n}}" } }]
            """, path: "d.yaml")
        let table = try DataTable.csv("region,tier\neu,data\nus,data\n", path: "regions.csv")
        let applied = file.applyingDataRows(table)
        let names = ScenarioRunner.plan([applied], options: RunOptions(baseURL: "http://h")).map(\.name)
        #expect(names == [
            "plain [region=eu, tier=data]", "plain [region=us, tier=data]",
            "table 1 [n=1, region=eu, tier=data]", "table 2 [n=2, region=eu, tier=own]",
            "table 1 [n=1, region=us, tier=data]", "table 2 [n=2, region=us, tier=own]",
        ])
        #expect(TemplateCheck().diagnostics(for: [applied]).isEmpty)
    }
}
