import CPortAudio
import Foundation

/// An audio input device PortAudio can open.
public struct AudioInputDevice: Sendable, Equatable {
    /// PortAudio's device index (what `--device` takes).
    public let index: Int
    public let name: String
    public let channels: Int
    public let defaultSampleRate: Double
    /// The host's default input.
    public let isDefault: Bool
}

/// Why the microphone cannot be used, in one line.
public struct MicrophoneError: Error, CustomStringConvertible, Sendable {
    public let reason: String
    public var description: String { reason }
}

/// Mono recording from an input device through PortAudio's blocking read API.
public final class Microphone {
    /// The rate the device records at (its default rate); the front end resamples as it does for files.
    public let sampleRate: Int
    public let device: AudioInputDevice
    private let stream: OpaquePointer

    /// The input devices, or why none can be listed.
    public static func devices() throws(MicrophoneError) -> [AudioInputDevice] {
        try initialize()
        defer { Pa_Terminate() }
        return inputDevices()
    }

    /// Opens `index` (nil: the default input) for mono 32-bit float recording and starts it.
    public init(device index: Int?) throws(MicrophoneError) {
        try Self.initialize()
        let devices = Self.inputDevices()
        let chosen: AudioInputDevice?
        if let index { chosen = devices.first { $0.index == index } } else { chosen = devices.first(where: \.isDefault) ?? devices.first }
        guard let chosen else {
            Pa_Terminate()
            throw MicrophoneError(reason: index.map { "no audio input device \($0) (soundlab listen --list-devices lists them)" }
                                  ?? "no audio input device")
        }
        var parameters = PaStreamParameters(device: PaDeviceIndex(chosen.index), channelCount: 1, sampleFormat: paFloat32,
                                            suggestedLatency: Pa_GetDeviceInfo(PaDeviceIndex(chosen.index)).pointee.defaultHighInputLatency,
                                            hostApiSpecificStreamInfo: nil)
        var opened: UnsafeMutableRawPointer?
        let rate = chosen.defaultSampleRate
        let status = Self.quietly { () -> PaError in
            let e = Pa_OpenStream(&opened, &parameters, nil, rate, 1024, PaStreamFlags(paClipOff), nil, nil)
            return e == paNoError.rawValue ? Pa_StartStream(opened) : e
        }
        guard status == paNoError.rawValue, let opened else {
            if let opened { Pa_CloseStream(opened) }
            Pa_Terminate()
            throw MicrophoneError(reason: "cannot open audio input device \(chosen.index) '\(chosen.name)' (\(String(cString: Pa_GetErrorText(status))))")
        }
        stream = OpaquePointer(opened)
        device = chosen
        sampleRate = Int(rate.rounded())
    }

    deinit {
        Pa_StopStream(UnsafeMutableRawPointer(stream))
        Pa_CloseStream(UnsafeMutableRawPointer(stream))
        Pa_Terminate()
    }

    /// The next `seconds` of audio, blocking until recorded. An input overflow (samples lost while the caller was
    /// classifying) is not an error: the read goes on with what the device has now.
    public func read(seconds: Double) throws(MicrophoneError) -> [Float] {
        let count = max(1, Int((seconds * Double(sampleRate)).rounded()))
        var samples = [Float](repeating: 0, count: count)
        let status = samples.withUnsafeMutableBufferPointer { Pa_ReadStream(UnsafeMutableRawPointer(stream), $0.baseAddress, UInt(count)) }
        guard status == paNoError.rawValue || status == paInputOverflowed.rawValue else {
            throw MicrophoneError(reason: "recording from '\(device.name)' failed (\(String(cString: Pa_GetErrorText(status))))")
        }
        return samples
    }

    private static func initialize() throws(MicrophoneError) {
        let status = quietly { Pa_Initialize() }
        guard status == paNoError.rawValue else {
            throw MicrophoneError(reason: "no audio system (PortAudio: \(String(cString: Pa_GetErrorText(status))))")
        }
    }

    private static func inputDevices() -> [AudioInputDevice] {
        let count = Int(Pa_GetDeviceCount())
        let defaultInput = Int(Pa_GetDefaultInputDevice())
        return (0..<max(count, 0)).compactMap { i in
            guard let info = Pa_GetDeviceInfo(PaDeviceIndex(i))?.pointee, info.maxInputChannels > 0 else { return nil }
            return AudioInputDevice(index: i, name: String(cString: info.name), channels: Int(info.maxInputChannels),
                                    defaultSampleRate: info.defaultSampleRate, isDefault: i == defaultInput)
        }
    }

    /// Runs `body` with standard error sent to /dev/null: ALSA and JACK print their probing of absent cards there,
    /// which would bury the one line soundlab says about the microphone.
    private static func quietly<T>(_ body: () -> T) -> T {
        fflush(nil)
        let saved = dup(2)
        let null = open("/dev/null", O_WRONLY)
        if saved >= 0 && null >= 0 { dup2(null, 2) }
        defer {
            fflush(nil)
            if saved >= 0 { dup2(saved, 2); close(saved) }
            if null >= 0 { close(null) }
        }
        return body()
    }
}
