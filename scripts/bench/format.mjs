// Number formatting shared by the progress lines, the report and the profile summary.

export function fmt(value, digits = 0) {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const rounded = Number(Number(value).toFixed(digits));
  // No "-0" for a small negative figure rounded away.
  return (rounded === 0 ? 0 : rounded).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "15,019 (14,200–15,900)": a median with the min–max of the rounds; just the value for one. */
export function range(summary, digits = 0, unit = '') {
  if (!summary) return 'n/a';
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  const [median, min, max] = [summary.median, summary.min, summary.max].map((value) => fmt(value, digits));
  // Rounds that agree to the digits shown print once.
  if (summary.n === 1 || min === max) return `${median}${u}`;
  return `${median}${u} (${min}–${max})`;
}

/** Latency in ms: two decimals under 1 ms, one under 10 ms, whole numbers above. */
export const msDigits = (summary) => (!summary ? 0 : summary.median < 1 ? 2 : summary.median < 10 ? 1 : 0);

export const ratio = (a, b) => (a && b ? `${fmt(a / b, 2)}x` : 'n/a');
