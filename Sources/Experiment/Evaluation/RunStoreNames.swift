import RunStore

/// RunStore's `SummaryRow` under a name that does not clash with NN's layer-table row.
// RunStore's `SummaryRow` (one line of summary.csv) shares its name with NN's layer-table row; the runner
// needs both, so it names this one apart. (A module named like its main type cannot be used to qualify.)
public typealias MetricsSummaryRow = SummaryRow
