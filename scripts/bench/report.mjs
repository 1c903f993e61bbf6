// The markdown printed on stdout at the end of a run, ready to paste into docs/performance.md.

import { reportHeader } from './report-header.mjs';
import { scaleTable, validationTable } from './report-scale.mjs';
import { sessionsTable } from './report-sessions.mjs';
import { sideBySide, spawnTable, throughputTable } from './report-throughput.mjs';

export function report(results, file) {
  const { connections, search } = results.meta.config;
  const parts = [reportHeader(results)];
  if (results.failure) parts.push(`**The run failed, figures are partial:** ${results.failure}`);
  if (results.spawn.length) parts.push('#### Start and memory', spawnTable(results));
  if (results.cells.size) {
    parts.push('#### Side by side (ratios are per round, then the median)', sideBySide(results));
    parts.push('#### Throughput, latency and server CPU', throughputTable(results));
    parts.push(`#### Response validation: strict (the default) against \`--validate-responses off\``, validationTable(results));
    parts.push(
      `#### Cost against the size of the world (\`--generate-users N\`, ${connections} connections; the search is \`query=${search}\`; a new session each request also evicts the least recently used once 1,000 are kept)`,
      scaleTable(results),
    );
  }
  if (results.sessions) parts.push('#### Memory per session and per journal entry', sessionsTable(results.sessions));
  parts.push(`Every sample of this run: \`${file}\`.`);
  return parts.join('\n\n');
}
