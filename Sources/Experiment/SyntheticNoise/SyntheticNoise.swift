import AtomicIO
import AudioFeatures
import Augment
import Foundation
import TensorCore

/// Folders of synthetic background noise (see `NoiseType`): proxies for the environmental noises a model
/// will meet but the dataset has no recordings of, to point `evaluate.sets` or `noise` augmentation at.
public enum SyntheticNoise {
    /// The type names, in catalogue order.
    public static var typeNames: [String] { NoiseType.allCases.map(\.rawValue) }

    /// The types `name` selects: one type, or every type for "all".
    public static func types(named name: String) throws(SyntheticNoiseError) -> [NoiseType] {
        if name == "all" { return NoiseType.allCases }
        guard let type = NoiseType(rawValue: name) else { throw .unknownType(name) }
        return [type]
    }

    /// The generator of clip `k` of `type` under `seed`: keyed by the type's name and the clip number, so a clip
    /// is the same whatever else is written beside it.
    static func generator(seed: UInt64, type: NoiseType, clip k: Int) -> RNG {
        RNG(seed: seed, stream: [StreamPurpose.syntheticNoise.rawValue, nameKey(type.rawValue), UInt64(k)])
    }

    /// Clip `k` (from 1) of `type`: `count` samples at `sampleRate` Hz.
    public static func clip(_ type: NoiseType, number k: Int, count: Int, sampleRate: Int, seed: UInt64) -> [Float] {
        var g = generator(seed: seed, type: type, clip: k)
        return type.clip(count: count, sampleRate: sampleRate, using: &g)
    }

    /// FNV-1a of the name's UTF-8: a stream key that does not move when types are added or reordered.
    private static func nameKey(_ name: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
