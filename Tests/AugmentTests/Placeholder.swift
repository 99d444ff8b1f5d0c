import Testing
@Test func placeholderAugment() {}
