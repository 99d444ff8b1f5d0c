import Testing
@Test func placeholderCharts() {}
