import Foundation

/// `run.json`: where a run's numbers came from, enough to reproduce or distrust them.
/// Written as pretty JSON with sorted keys; unknown values are written as `null`, not omitted.
public struct RunProvenance: Sendable, Equatable, Codable {
    /// Experiment name (the YAML file's stem).
    public var experiment: String
    /// The seed every generator of the run derives from.
    public var seed: UInt64
    /// Hash of the dataset listing and bytes the run saw.
    public var datasetFingerprint: String
    /// `git rev-parse HEAD` of the source tree, nil outside a repository.
    public var gitCommit: String?
    /// soundlab's version.
    public var soundlabVersion: String
    /// OpenBLAS's core name (`openblas_get_corename`), which decides its kernels and so the last digits.
    public var openblasCore: String?
    /// BLAS mode, threads and work split; nil in runs made before soundlab pinned them.
    public var numerics: NumericsRecord?
    /// The frozen pretrained network the model's input came from; nil (and not written) when there was none.
    public var backbone: BackboneRecord?
    /// Host name of the machine.
    public var host: String
    /// Seconds per phase (e.g. `features`, `train`, `evaluate`).
    public var timings: [String: Double]
    /// When the run started.
    public var started: Date
    /// When the run finished.
    public var finished: Date
    /// Number of trainable parameters.
    public var parameters: Int
    /// Set to true by `RunWriter.commit()`; a folder without it is not a finished run.
    public var complete: Bool

    /// Provenance of a run; `complete` starts false and is set by the writer's commit.
    public init(experiment: String, seed: UInt64, datasetFingerprint: String, gitCommit: String?,
                soundlabVersion: String, openblasCore: String?, numerics: NumericsRecord? = nil,
                backbone: BackboneRecord? = nil, host: String,
                timings: [String: Double], started: Date, finished: Date, parameters: Int, complete: Bool = false) {
        self.experiment = experiment
        self.seed = seed
        self.datasetFingerprint = datasetFingerprint
        self.gitCommit = gitCommit
        self.soundlabVersion = soundlabVersion
        self.openblasCore = openblasCore
        self.numerics = numerics
        self.backbone = backbone
        self.host = host
        self.timings = timings
        self.started = started
        self.finished = finished
        self.parameters = parameters
        self.complete = complete
    }

    enum CodingKeys: String, CodingKey {
        case experiment, seed, timings, host, parameters, complete, started, finished, numerics, backbone
        case datasetFingerprint = "dataset_fingerprint"
        case gitCommit = "git_commit"
        case soundlabVersion = "soundlab_version"
        case openblasCore = "openblas_core"
    }

    /// Encodes optionals as explicit nulls so every run.json has the same keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(experiment, forKey: .experiment)
        try c.encode(seed, forKey: .seed)
        try c.encode(datasetFingerprint, forKey: .datasetFingerprint)
        try c.encode(gitCommit, forKey: .gitCommit)
        try c.encode(soundlabVersion, forKey: .soundlabVersion)
        try c.encode(openblasCore, forKey: .openblasCore)
        try c.encode(numerics, forKey: .numerics)
        // Only when present: run.json files of runs without a backbone keep their bytes.
        try c.encodeIfPresent(backbone, forKey: .backbone)
        try c.encode(host, forKey: .host)
        try c.encode(timings, forKey: .timings)
        try c.encode(started, forKey: .started)
        try c.encode(finished, forKey: .finished)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(complete, forKey: .complete)
    }

    /// Pretty JSON, sorted keys, ISO 8601 timestamps (whole seconds, UTC), trailing newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads run.json text; `path` names the file in errors.
    public static func parse(json text: String, path: String) throws -> RunProvenance {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(RunProvenance.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, _) {
            throw RunStoreError.malformed(path: path, reason: "missing key '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw RunStoreError.malformed(path: path, reason: "key '\(key)': \(context.debugDescription)")
        } catch {
            throw RunStoreError.malformed(path: path, reason: "not valid JSON")
        }
    }
}
