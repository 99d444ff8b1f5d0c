import Foundation

/// Normal, gamma and beta samplers on top of `UniformDraw`, for the mixup coefficient and anything else
/// that needs them; every draw comes from the generator handed in.
public enum DistributionDraw {
    /// A standard normal by Box–Muller (cosine branch only): exactly two `next()` per call.
    public static func standardNormal(_ g: inout some RandomNumberGenerator) -> Double {
        let u1 = 1 - UniformDraw.unitDouble(&g)  // (0, 1], so log never sees 0
        let u2 = UniformDraw.unitDouble(&g)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Gamma(shape, 1) by Marsaglia–Tsang (2000); for shape < 1 uses Gamma(shape + 1) · U^(1/shape).
    /// Rejection sampling: the number of `next()` calls varies (acceptance is > 95% for shape >= 1).
    public static func gamma(shape: Double, _ g: inout some RandomNumberGenerator) -> Double {
        precondition(shape > 0, "gamma needs a positive shape")
        if shape < 1 {
            let u = 1 - UniformDraw.unitDouble(&g)
            return gamma(shape: shape + 1, &g) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = standardNormal(&g)
            let t = 1 + c * x
            if t <= 0 { continue }
            let v = t * t * t
            let u = 1 - UniformDraw.unitDouble(&g)
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b) (drawn in that order).
    public static func beta(_ a: Double, _ b: Double, _ g: inout some RandomNumberGenerator) -> Double {
        let x = gamma(shape: a, &g)
        let y = gamma(shape: b, &g)
        let s = x + y
        // Both gammas can underflow to 0 for tiny shapes; the limit of Beta(a, b) there is a coin at a/(a+b).
        if s == 0 { return UniformDraw.unitDouble(&g) < a / (a + b) ? 1 : 0 }
        return x / s
    }
}
