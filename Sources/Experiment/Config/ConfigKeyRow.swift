/// One row of a docs key table.
struct ConfigKeyRow: Equatable {
    var key: String
    var type: String
    var defaultText: String
    var note: String
}
