import Testing
import GradCheck
import TensorCore

@Suite struct EmbeddingTests {
    @Test func gathersRowsAndDuplicatesAccumulate() {
        let table = Tensor(shape: [3, 2], data: [0, 1, 10, 11, 20, 21], requiresGrad: true)
        let e = embedding(indices: [2, 0, 2, 2], shape: [2, 2], table: table)
        #expect(e.shape == [2, 2, 2])
        #expect(e.scalars == [20, 21, 0, 1, 20, 21, 20, 21])
        e.backward(seed: Tensor(shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(table.grad?.scalars == [3, 4, 0, 0, 13, 16])
    }

    @Test func gradient() {
        GradCheck().check([randomTensor([5, 3], seed: 111)]) {
            embedding(indices: [4, 1, 1, 0, 4, 4], shape: [3, 2], table: $0[0])
        }
    }
}
