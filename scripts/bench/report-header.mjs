// The report's header: when, on what, how, and how noisy the machine was during the run.

import { fmt } from './format.mjs';
import { withSummary } from './results.mjs';
import { spread, summarise } from './stats.mjs';

export function reportHeader(results) {
  const { date, quick, machine: m, pinning, prism, loadAverage, durationS } = results.meta;
  const { rounds, warmup, settle, seconds, connections } = results.meta.config;
  const cells = [...results.cells.values()].map(withSummary).filter((cell) => cell.measured > 0);
  const others = summarise(cells.flatMap((cell) => cell.samples.map((sample) => sample.cpu?.others)));
  const widest = cells
    .filter((cell) => cell.measured > 1)
    .map((cell) => ({ cell, spread: spread(cell.rps) }))
    .sort((a, b) => b.spread - a.spread)[0];
  const lines = [
    `### Bench run of ${date}${quick ? ' (quick mode: a smoke run, not for quoting)' : ''}`,
    '',
    `- Machine: ${m.cores} cores (${m.cpu}), ${m.memGb} GB RAM, ${m.os}; Node ${m.node}.`,
    `- Pinning: ${pinning.applied ? 'applied' : 'NOT applied'}: ${pinning.note}.`,
    `- Versions: whop-mock ${m.whopMock} (${m.whopBin}); Prism CLI ${prism.version ? `${prism.version} (pinned; printed by \`prism --version\`)` : `not measured (${prism.note})`}; Express ${m.express}; autocannon ${m.autocannon}.`,
    `- Method: ${rounds} round${rounds > 1 ? 's' : ''}; every cell is ${warmup} s of warm-up (thrown away) then ${seconds} s measured, ${connections} keep-alive connections unless the row says otherwise, 127.0.0.1 only. Each round starts every server afresh${settle ? ` and gives each ${settle} s of unmeasured load (its first cell's scenario) before any cell, so no server's first measured cell pays its start-up transient` : ''}; on each scenario the servers take turns, in an order rotated every round. Figures are the median over rounds, with (min–max). Server stdout goes to /dev/null.`,
    '- Server CPU per request = the server\'s utime + stime (/proc/<pid>/stat) over the measured window / requests completed: the figure least moved by other work on a shared machine. Load-gen CPU near 100% means autocannon, not the server, set the pace.',
    `- Noise: load average ${loadAverage.start.join(' ')} at the start, ${loadAverage.end?.join(' ') ?? 'n/a'} at the end; other processes used a median ${fmt(others?.median)}% of one core during the measured windows (max ${fmt(others?.max)}%)${
      widest ? `; widest req/s spread between rounds ${fmt(100 * widest.spread)}% (${widest.cell.server}, ${widest.cell.scenarioId} @${widest.cell.connections})` : ''
    }.`,
    `- Whole run: ${fmt(durationS / 60, 1)} min.`,
  ];
  return lines.join('\n');
}
