/// The indices of each class's samples (classes without samples left empty).
func classMembers(_ labels: [Int], classCount: Int) -> [[Int]] {
    var members = [[Int]](repeating: [], count: classCount)
    for (i, l) in labels.enumerated() { members[l].append(i) }
    return members
}
