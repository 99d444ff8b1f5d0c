import AudioFeatures
import Testing

/// Opening a device that is not there is a one-line error naming it, never a crash, on machines with or without
/// a sound card; listing devices never fails (no audio system is an error the caller words).
@Test func anAbsentInputDeviceIsAOneLineError() throws {
    let devices = (try? Microphone.devices()) ?? []
    #expect(devices.allSatisfy { $0.channels > 0 && $0.defaultSampleRate > 0 })
    #expect(throws: MicrophoneError.self) { try Microphone(device: 9_999) }
    do {
        _ = try Microphone(device: 9_999)
    } catch {
        #expect(error.description == "no audio input device 9999 (soundlab listen --list-devices lists them)"
                || error.description.hasPrefix("no audio system"), "\(error)")
        #expect(!error.description.contains("\n"))
    }
}
