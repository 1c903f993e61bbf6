// Medians with their spread: what every figure in the report is.

/** { n, median, min, max } of the finite numbers in `values`, or null when there are none. */
export function summarise(values) {
  const sorted = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { n: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Relative spread of a summary, (max - min) / median, or null. */
export function spread(summary) {
  return summary && summary.median > 0 ? (summary.max - summary.min) / summary.median : null;
}
