/// Colour-blind-safe categorical colours: Okabe–Ito's eight, then four of Paul Tol's "muted" scheme that differ from
/// them (indigo, wine, olive, teal), so twelve experiments get twelve colours; cycled beyond that.
enum Palette {
    static let categorical = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
                              "#332288", "#882255", "#999933", "#44AA99"]

    static func color(_ index: Int) -> String { categorical[index % categorical.count] }

    /// Sequential white→dark-blue scale for heatmaps; `t` in 0...1.
    static func sequential(_ t: Double) -> String {
        let t = t.isFinite ? min(max(t, 0), 1) : 0
        let low = (247.0, 251.0, 255.0)
        let high = (8.0, 48.0, 107.0)
        func channel(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        return hex(channel(low.0, high.0), channel(low.1, high.1), channel(low.2, high.2))
    }

    static let missing = "#d9d9d9"

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for c in [r, g, b] { s.append(digits[c / 16]); s.append(digits[c % 16]) }
        return s
    }
}
