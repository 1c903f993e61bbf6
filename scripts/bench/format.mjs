// Number formatting shared by the progress lines, the report and the profile summary.

export const fmt = (value, digits = 0) => (value === null || value === undefined ? 'n/a' : Number(value).toFixed(digits));
export const cpuText = (cpu) => (cpu ? `${fmt(cpu.server)}% / ${fmt(cpu.generator)}% / ${fmt(cpu.others)}%` : 'n/a');
