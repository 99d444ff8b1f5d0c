import Experiment
import Foundation
import Testing

/// Three classes of five one-second sines in Training, one clip each in Test:
///   A: 8 kHz files, sines at 0.5, 1, 1.5, 2, 2.5 kHz (narrowband sources);
///   B: 44.1 kHz files, sines at 14, 15, 16, 17, 18 kHz (full band);
///   C: mixed, two 8 kHz files (3, 3.5 kHz) and three 22.05 kHz files (10, 10.5, 10.8 kHz).
/// A sine's 99 % bandwidth is its own frequency give or take a bin, so the 15 bandwidths sort as A1…A5, C1…C5,
/// B1…B5, and the file names put each class's clips in that order, which is the order the folds are dealt in.
private func confoundedDataset() throws -> TempDataset {
    let ds = try TempDataset()
    for (i, hz) in [500.0, 1_000, 1_500, 2_000, 2_500].enumerated() {
        try ds.write("Training/A/a\(i + 1).wav", sineWav(hz: hz, sampleRate: 8_000))
    }
    for (i, hz) in [14_000.0, 15_000, 16_000, 17_000, 18_000].enumerated() {
        try ds.write("Training/B/b\(i + 1).wav", sineWav(hz: hz, sampleRate: 44_100))
    }
    try ds.write("Training/C/c1.wav", sineWav(hz: 3_000, sampleRate: 8_000))
    try ds.write("Training/C/c2.wav", sineWav(hz: 3_500, sampleRate: 8_000))
    for (i, hz) in [10_000.0, 10_500, 10_800].enumerated() {
        try ds.write("Training/C/c\(i + 3).wav", sineWav(hz: hz, sampleRate: 22_050))
    }
    for name in ["A", "B", "C"] { try ds.write("Test/\(name)/t.wav", sineWav(hz: 1_000, sampleRate: 16_000)) }
    return ds
}

/// Bandwidth, worked by hand. Five quantile bins of three clips each (cuts at sorted positions 2.8, 5.6, 8.4, 11.2):
///   {A1 A2 A3}  {A4 A5 C1}  {C2 C3 C4}  {C5 B1 B2}  {B3 B4 B5}.
/// Fold f holds the f-th clip of each class, so every training part has four clips per class and the weighted
/// majority is the plain one (ties to the earlier class). Held out, C1 meets {A4 A5} or a tie A-C and is called A;
/// C5 meets {B1 B2} and is called B; every other clip gets its own class. Recall A 5/5, B 5/5, C 3/5, balanced
/// accuracy 2.6/3. Every bin holds 3 clips and every class 5, so every expected count is 1 and
/// χ² = Σ(observed − 1)² = 6 + 2 + 6 + 2 + 6 = 22; V = √(22 / (15 · 2)).
@Test func bandwidthConfoundMatchesTheHandWorkedScores() throws {
    let ds = try confoundedDataset(); defer { ds.remove() }
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    let check = try #require(audit.confounds.first { $0.property == .bandwidth })
    #expect(check.bins.map(\.clips) == [[3, 0, 0], [2, 0, 1], [0, 0, 3], [0, 2, 1], [0, 3, 0]])
    #expect(check.recall == [1, 1, 0.6])
    #expect(abs(check.balancedAccuracy - 2.6 / 3) < 1e-12)
    #expect(abs(check.chance - 1.0 / 3) < 1e-12)
    #expect(abs(check.cramersV - (22.0 / 30).squareRoot()) < 1e-12)
    #expect(check.warns)
}

/// Sample rate, worked by hand. Bins 8 kHz {A×5, C1 C2}, 22.05 kHz {C3 C4 C5}, 44.1 kHz {B×5}: held out, C1 and C2
/// meet four A's and at most one C and are called A; everything else gets its own class. Recall 1, 1, 3/5.
/// Row totals 7, 3, 5, columns 5 each, n = 15: expected 7/3, 1, 5/3 per row, so
/// χ² = (64 + 49 + 1)/21 + (1 + 1 + 4) + (5 + 20 + 5)/3 = 114/21 + 6 + 10 = 150/7, V = √((150/7) / 30) = √(5/7).
@Test func sampleRateConfoundMatchesTheHandWorkedScores() throws {
    let ds = try confoundedDataset(); defer { ds.remove() }
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    let check = try #require(audit.confounds.first { $0.property == .sampleRate })
    #expect(check.bins.map(\.label) == ["8 kHz", "22.05 kHz", "44.1 kHz"])
    #expect(check.bins.map(\.clips) == [[5, 0, 2], [0, 0, 3], [0, 5, 0]])
    #expect(check.recall == [1, 1, 0.6])
    #expect(abs(check.balancedAccuracy - 2.6 / 3) < 1e-12)
    #expect(abs(check.cramersV - (5.0 / 7).squareRoot()) < 1e-12)
    #expect(check.warns)
}

/// Duration, channels and encoding are the same for every clip: one bin, every clip called A, balanced accuracy
/// exactly chance and V 0, so no warning; the two that differ are the two warnings, named with their classes.
@Test func confoundedFixtureWarnsOnBandwidthAndSampleRateOnly() throws {
    let ds = try confoundedDataset(); defer { ds.remove() }
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    #expect(audit.confounds.map(\.property) == [.sampleRate, .channels, .encoding, .duration, .bandwidth])
    for check in audit.confounds where [.channels, .encoding, .duration].contains(check.property) {
        #expect(check.bins.count == 1)
        #expect(check.recall == [1, 0, 0])
        #expect(check.cramersV == 0)
        #expect(!check.warns)
    }
    #expect(audit.warnings.count == 2)
    #expect(audit.warnings[0].hasPrefix("sample rate predicts the class: balanced accuracy 0.87 vs chance 0.33, Cramér's V 0.85"))
    #expect(audit.warnings[1].hasPrefix("bandwidth predicts the class: balanced accuracy 0.87 vs chance 0.33, Cramér's V 0.86"))
    #expect(audit.warnings[0].hasSuffix("A 1.00 (100 % of its clips: 8 kHz), B 1.00 (100 % of its clips: 44.1 kHz), "
        + "C 0.60 (60 % of its clips: 22.05 kHz)"))
    #expect(audit.usable && audit.problems.isEmpty)
    let table = audit.table()
    #expect(table.contains("WARNING bandwidth predicts the class: balanced accuracy 0.87 vs chance 0.33, Cramér's V 0.86\n"))
    #expect(table.hasSuffix("Warnings: 2 (sample rate, bandwidth predict the class; --strict makes them fail the audit)\n"))
}

/// The per-clip bandwidth is the sine's frequency within two FFT bins (the meter reads 2048-sample frames), and
/// the per-class quartiles and rate histogram come from the same clips.
@Test func recordingPropertiesArePerClipAndPerClass() throws {
    let ds = try confoundedDataset(); defer { ds.remove() }
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    #expect(audit.recordings.count == 18)
    let b3 = try #require(audit.recordings.first { $0.file == "Training/B/b3.wav" })
    #expect(b3.split == "Training" && b3.className == "B" && b3.sampleRate == 44_100 && b3.channels == 1)
    #expect(b3.seconds == 1)
    #expect(abs(b3.bandwidthHz - 16_000) <= 2 * 44_100 / 2_048)
    let a = audit.splits[0].classes[0]
    #expect(a.rates == [RateCount(hz: 8_000, clips: 5)])
    let c = audit.splits[0].classes[2]
    #expect(c.rates == [RateCount(hz: 8_000, clips: 2), RateCount(hz: 22_050, clips: 3)])
    let median = try #require(c.bandwidthHz?.median)
    #expect(abs(median - 10_000) <= 2 * 22_050 / 2_048)
    #expect(audit.table().contains("rates kHz: clips"))
}

/// Every class holds the same five recordings (rates 8 to 44.1 kHz, 0.5 to 2.5 s, sines 1 to 17 kHz), only
/// louder or softer: each bin of every property holds one clip per class. V is 0, and a held-out clip's bin has no
/// training clip left or a three-way tie, so every clip is called A: balanced accuracy is chance. No warning.
@Test func datasetWhoseClassesShareTheirRecordingConditionsGetsNoWarning() throws {
    let ds = try TempDataset(); defer { ds.remove() }
    let recordings: [(rate: Int, seconds: Double, hz: Double)] =
        [(8_000, 0.5, 1_000), (16_000, 1, 5_000), (22_050, 1.5, 9_000), (44_100, 2, 13_000), (44_100, 2.5, 17_000)]
    for (c, name) in ["A", "B", "C"].enumerated() {
        for (i, r) in recordings.enumerated() {
            try ds.write("Training/\(name)/\(i + 1).wav",
                         sineWav(hz: r.hz, sampleRate: r.rate, seconds: r.seconds, amplitude: 0.2 + 0.2 * Double(c)))
        }
        try ds.write("Test/\(name)/t.wav", sineWav(hz: 1_000, sampleRate: 16_000))
    }
    let audit = DatasetAudit.run(try DatasetListing.scan(ds.root))
    for check in audit.confounds {
        #expect(check.cramersV < 1e-9, "\(check.property)")
        #expect(abs(check.balancedAccuracy - 1.0 / 3) < 1e-12, "\(check.property)")
        #expect(!check.warns)
    }
    #expect(audit.confounds.first { $0.property == .bandwidth }?.bins.map(\.clips)
        == Array(repeating: [1, 1, 1], count: 5))
    #expect(audit.warnings.isEmpty)
    #expect(!audit.table().contains("WARNING"))
    #expect(!audit.table().contains("Warnings:"))
}
