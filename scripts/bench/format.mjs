// Number formatting shared by the progress lines, the report and the profile summary.

export const fmt = (value, digits = 0) =>
  value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : Number(value).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "15,019 (14,200–15,900)": a median with the min–max of the rounds; just the value for one. */
export function range(summary, digits = 0, unit = '') {
  if (!summary) return 'n/a';
  const u = unit === '%' ? '%' : unit ? ` ${unit}` : '';
  if (summary.n === 1 || summary.min === summary.max) return `${fmt(summary.median, digits)}${u}`;
  return `${fmt(summary.median, digits)}${u} (${fmt(summary.min, digits)}–${fmt(summary.max, digits)})`;
}

/** Latency in ms: two decimals under 1 ms, one under 10 ms, whole numbers above. */
export const msDigits = (summary) => (!summary ? 0 : summary.median < 1 ? 2 : summary.median < 10 ? 1 : 0);

export const ratio = (a, b) => (a && b ? `${fmt(a / b, 2)}x` : 'n/a');
