extension YAMLValue {
    /// A scalar as the resolved config writes it (`null`, `3`, `0.001`, `true`, a string), for reports that show
    /// config values; a mapping or list as its description.
    var reportText: String {
        if isNull { return "null" }
        if let s = string { return s }
        if let i = int { return String(i) }
        if let d = double { return YAMLNumber.format(d) }
        if let b = bool { return String(b) }
        return "\(self)"
    }
}
