import Testing
@Test func placeholderNN() {}
