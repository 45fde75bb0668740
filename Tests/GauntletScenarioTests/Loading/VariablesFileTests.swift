import Foundation
import GauntletJSON
import Testing

@testable import GauntletScenario

/// `--variables-file`: `.env` lines and YAML mappings, several files in order.
@Suite struct VariablesFileTests {
    func write(_ text: String, as name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func dotenvLinesAreTypedAsVarTypesThemAndQuotesKeepText() throws {
        let values = try VariablesFile.dotenv("""
            # staging
            API_HOST=api.staging.example
            validation_status=422
              export region = eu-west-1
            quoted="422"
            single='a # b'
            empty=

            """, path: "vars.env")
        #expect(values == [
            "API_HOST": "api.staging.example", "validation_status": 422, "region": "eu-west-1", "quoted": "422",
            "single": "a # b", "empty": "",
        ])
    }

    /// The same lines through python-dotenv 1.x (`dotenv_values`) give these values, so a `.env`
    /// written for a FastAPI service's settings means here what it means there.
    @Test func dotenvCommentsAndEscapesReadAsPythonDotenvReadsThem() throws {
        let lines = [
            #"a=bar # comment"#, #"b=bar#baz"#, #"c="q" # c"#, #"d='x \' y'"#, #"e="l1\nl2\t\"x\" \\\\ \q""#,
            #"f= #lead"#, ##"g="a"#c"##, "h=  spaced  value   ", #"i='a\nb'"#, "n=422 # the seed's status",
        ]
        let values = try VariablesFile.dotenv(lines.joined(separator: "\n"), path: "vars.env")
        #expect(values == [
            "a": "bar", "b": "bar#baz", "c": "q", "d": "x ' y", "e": "l1\nl2\t\"x\" \\\\ \\q", "f": "#lead", "g": "a",
            "h": "spaced  value", "i": #"a\nb"#, "n": 422,
        ])
    }

    @Test func textAfterAClosingQuoteIsAMistake() {
        #expect {
            _ = try VariablesFile.dotenv(#"token="abc"def"#, path: "vars.env")
        } throws: { error in
            (error as? ScenarioLoadError)?.description
                == #"vars.env:1:12: error: expected a '#' comment or the end of the line after the value's closing ", found 'def'"#
        }
    }

    @Test func dotenvMistakesNameFileLineAndColumn() {
        #expect {
            _ = try VariablesFile.dotenv("ok=1\nno equals here\n  1bad=2\nq=\"open\n", path: "vars.env")
        } throws: { error in
            (error as? ScenarioLoadError)?.diagnostics.map(\.description) == [
                "vars.env:2:1: error: expected NAME=value (a line of a .env file), found 'no equals here'",
                "vars.env:3:3: error: '1bad' is not a variable name (letters, digits, '_' and '-', not starting with a digit)",
                "vars.env:4:3: error: the value's opening \" is never closed",
            ]
        }
    }

    @Test func yamlIsAMappingOfNamesToValues() throws {
        let values = try VariablesFile.yaml("region: eu\ncapacity: 5\nevent: { title: T }\n", path: "vars.yaml")
        #expect(values == ["region": "eu", "capacity": 5, "event": ["title": "T"]])
        #expect {
            _ = try VariablesFile.yaml("- a\n- b\n", path: "vars.yaml")
        } throws: { error in
            (error as? ScenarioLoadError)?.description
                == "vars.yaml:1:1: error: a variables file is a mapping of names to values (name: value), found a list"
        }
    }

    @Test func aLaterFileWinsAndEveryFilesProblemsAreReported() throws {
        let first = try write("region=eu\ntier=free\n", as: "a.env")
        let second = try write("region: us\n", as: "b.yaml")
        #expect(try VariablesFile.load(contentsOf: [first, second]) == ["region": "us", "tier": "free"])
        #expect(try VariablesFile.load(contentsOf: [second, first]) == ["region": "eu", "tier": "free"])
        let bad = try write("oops\n", as: "bad.env")
        #expect {
            _ = try VariablesFile.load(contentsOf: [first, bad, "/nonexistent/vars.env"])
        } throws: { error in
            (error as? ScenarioLoadError)?.diagnostics.map(\.description) == [
                "\(bad):1:1: error: expected NAME=value (a line of a .env file), found 'oops'",
                "/nonexistent/vars.env:1:1: error: cannot read the file",
            ]
        }
    }
}
