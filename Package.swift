// swift-tools-version: 6.1
import PackageDescription

// Hot numeric loops (tensor ops, STFT/mel) pay ~20x for exclusivity checks and bounds checks;
// release builds drop both. Debug builds keep every check so tests still catch misuse.
let fast: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "soundlab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "soundlab", targets: ["soundlab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // System-library shims: module map + header; flags come from pkg-config.
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CMpg123", pkgConfig: "libmpg123", providers: [.apt(["libmpg123-dev"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        // Header only: OpenBLAS is loaded at run time (TensorCore/BLAS) once its kernel and threads are chosen.
        .systemLibrary(name: "COpenBLAS"),
        .systemLibrary(name: "CXXHash", pkgConfig: "libxxhash", providers: [.apt(["libxxhash-dev"])]),
        // Microphone input for `soundlab listen`.
        .systemLibrary(name: "CPortAudio", pkgConfig: "portaudio-2.0", providers: [.apt(["portaudio19-dev"])]),

        // The log-mel front end's per-frame loops: AVX2 with a portable fallback, same bits from both.
        .target(name: "CFeatureKernels"),

        // The one atomic file writer (write beside, rename over) every target that writes files uses.
        .target(name: "AtomicIO"),
        .target(name: "TensorCore", dependencies: ["COpenBLAS"], swiftSettings: fast),
        .target(name: "NN", dependencies: ["TensorCore", "AtomicIO"], swiftSettings: fast),
        // Pretrained models in other formats (TFLite), run forward on TensorCore's ops.
        .target(name: "ModelFormats", dependencies: ["TensorCore", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: fast),
        .target(
            name: "AudioFeatures",
            dependencies: ["CSndFile", "CMpg123", "CSoxr", "CFFTW", "CFeatureKernels", "CXXHash", "CPortAudio", "AtomicIO",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: fast),
        // FFTW for the convolutions and noise shaping of the channel transforms (reverb, band limit, coloured noise).
        .target(name: "Augment", dependencies: ["CFFTW"], swiftSettings: fast),
        .target(name: "Charts"),
        .target(name: "RunStore", dependencies: ["Charts", "AtomicIO", .product(name: "CSV", package: "CSV.swift")]),
        .target(
            name: "Experiment",
            dependencies: ["NN", "TensorCore", "Augment", "AudioFeatures", "RunStore", "Charts", "ModelFormats", "AtomicIO",
                           .product(name: "Yams", package: "Yams"),
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: fast),
        .executableTarget(
            name: "soundlab",
            dependencies: ["Experiment", "AudioFeatures", "RunStore", "Charts", "TensorCore",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // The fault-injection campaign `make fuzz` runs against the built soundlab binary.
        .executableTarget(name: "soundlab-fuzz"),

        .executableTarget(
            name: "soundlab-bench",
            dependencies: ["Experiment", "AudioFeatures", "TensorCore", "NN", "ModelFormats"],
            swiftSettings: fast),

        // Test support, not shipped: the finite-difference gradient checker both op and layer tests use.
        .target(name: "GradCheck", dependencies: ["TensorCore"], path: "Tests/GradCheck"),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore", "GradCheck"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "TensorCore", "GradCheck"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AudioFeaturesTests",
                    dependencies: ["AudioFeatures", "CFeatureKernels", "CSoxr", .product(name: "Crypto", package: "swift-crypto")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "AugmentTests", dependencies: ["Augment"]),
        .testTarget(name: "ModelFormatsTests",
                    dependencies: ["ModelFormats", "TensorCore", "AudioFeatures", "GradCheck", .product(name: "Crypto", package: "swift-crypto")],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"]),
        .testTarget(name: "RunStoreTests", dependencies: ["RunStore"]),
        .testTarget(name: "ExperimentTests", dependencies: ["Experiment", "RunStore", "AudioFeatures", "NN", "ModelFormats"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CLITests", dependencies: ["RunStore", "AudioFeatures"], resources: [.copy("Fixtures")]),
    ]
)
