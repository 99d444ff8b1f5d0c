import Testing
@Test func placeholderExperiment() {}
