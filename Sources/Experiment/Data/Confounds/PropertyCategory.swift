import Foundation

/// One value of a categorical recording property, with the key it sorts by in reports.
struct PropertyCategory: Hashable, Comparable {
    /// Numeric sort key (the rate, the channel count; 0 for names).
    var order: Double
    /// What the report prints.
    var label: String

    static func < (a: PropertyCategory, b: PropertyCategory) -> Bool {
        a.order != b.order ? a.order < b.order : a.label < b.label
    }
}
