import Testing
@Test func placeholderAudioFeatures() {}
