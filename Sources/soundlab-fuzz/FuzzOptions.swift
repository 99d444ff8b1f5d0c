import Foundation

/// `soundlab-fuzz` options; every one has a default, so `soundlab-fuzz` alone runs the full campaign.
struct FuzzOptions {
    var seed: UInt64 = 1
    var wavCases = 2000
    var yamlCases = 2000
    var jobs = 2
    var timeout = 10.0
    var memoryBytes = 2 << 30
    /// Where cases are written and failing ones kept.
    var out = ".build/fuzz"
    /// The binary under test; by default the `soundlab` built beside this one.
    var soundlab: String? = nil
    /// Only these mutation kinds (all when empty).
    var only: Set<String> = []
    /// Not these mutation kinds.
    var skip: Set<String> = []
    /// Where to write the tally as JSON.
    var summary: String? = nil
    /// Keep every case file, not only the failing ones.
    var keep = false

    static let usage = """
        usage: soundlab-fuzz [--seed N] [--wav N] [--yaml N] [--jobs N] [--timeout SECONDS] [--memory BYTES]
                             [--out DIR] [--soundlab PATH] [--only KIND,...] [--skip KIND,...]
                             [--summary FILE.json] [--keep]
        Runs soundlab on seeded mutations of Animals_Sounds/ clips and experiments/*.yaml from the repository root
        (the current directory): `features CASE.wav --out X.npy`, `validate CASE.yaml`, and `run CASE.yaml --dry-run`
        for each case that validates. Exits 1 when any run crashed, hung or printed lines that are not soundlab's.
        """

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let v = rest.popFirst() else { throw FuzzError("\(name) needs a value\n\(Self.usage)") }
            return v
        }
        func number<T: LosslessStringConvertible>(_ name: String) throws -> T {
            let text = try value(name)
            guard let n = T(text) else { throw FuzzError("\(name): not a number: \(text)") }
            return n
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--seed": seed = try number(flag)
            case "--wav": wavCases = try number(flag)
            case "--yaml": yamlCases = try number(flag)
            case "--jobs": jobs = max(1, try number(flag))
            case "--timeout": timeout = try number(flag)
            case "--memory": memoryBytes = try number(flag)
            case "--out": out = try value(flag)
            case "--soundlab": soundlab = try value(flag)
            case "--only": only = Set(try value(flag).split(separator: ",").map(String.init))
            case "--skip": skip = Set(try value(flag).split(separator: ",").map(String.init))
            case "--summary": summary = try value(flag)
            case "--keep": keep = true
            case "-h", "--help": throw FuzzError(Self.usage)
            default: throw FuzzError("unknown option \(flag)\n\(Self.usage)")
            }
        }
        let known = Set(WAVMutation.allCases.map(\.rawValue) + YAMLMutation.allCases.map(\.rawValue))
        if let unknown = only.union(skip).subtracting(known).first { throw FuzzError("no mutation kind '\(unknown)'") }
    }
}
