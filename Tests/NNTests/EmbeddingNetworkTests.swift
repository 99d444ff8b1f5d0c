import GradCheck
import NN
import TensorCore
import Testing

/// `EmbeddingNetwork`: a sequential model with an embedding point and a projection head on the side.
@Suite struct EmbeddingNetworkTests {
    private func network(projection: Bool) throws -> (EmbeddingNetwork, Sequential) {
        let body = Sequential([Dense(units: 6, activation: .relu), Dropout(rate: 0.5), Dense(units: 4), Dense(units: 3, activation: .softmax)])
        let net = EmbeddingNetwork(body: body, embeddingLayer: 2, projection: projection ? Sequential([Dense(units: 5)]) : nil)
        try net.build(inputShapes: [[-1, 7]])
        net.initializeParameters(seed: 4)
        return (net, body)
    }

    /// Embedding then head is the model's logits, dropout draws included (the layers see the same paths), and the
    /// embedding is the output of the named layer.
    @Test func embeddingThenHeadIsTheLogitsOfTheWholeModel() throws {
        let (net, body) = try network(projection: true)
        let x = randomTensor([5, 7], seed: 1)
        let context = ForwardContext(training: true, rng: RNG(seed: 9))
        let whole = net.logits(x, context: context)
        let split = net.head(net.embed(x, context: context), context: context)
        #expect(whole.scalars == split.scalars)
        #expect(net.embed(x, context: .inference).shape == [5, 4])
        #expect(net.project(net.embed(x, context: .inference), context: .inference).shape == [5, 5])
        #expect(net.endsInSoftmax && body.endsInSoftmax)
        #expect(net.forward([x], context: .inference).scalars == body.forward([x], context: .inference).scalars)
    }

    /// The body's tensors keep the names they have without an embedding point; the projection's go under projection.
    @Test func tensorNamesAreTheBodysPlusTheProjections() throws {
        let (with, _) = try network(projection: true)
        let (without, _) = try network(projection: false)
        let names = with.stateList().map(\.name)
        #expect(Array(names.prefix(6)) == without.stateList().map(\.name))
        #expect(Array(names.suffix(2)) == ["projection.0.kernel", "projection.0.bias"])
        // Initialisation streams are keyed by path: adding the projection moves no body weight.
        #expect(Array(with.stateList().prefix(6).map(\.values)) == without.stateList().map(\.values))
    }
}
