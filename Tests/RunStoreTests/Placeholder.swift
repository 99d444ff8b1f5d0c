import Testing
@Test func placeholderRunStore() {}
