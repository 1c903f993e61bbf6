import type { DriftReportJson } from './drift-report.js';

/** The drift report as `whop-mock proxy` prints it on shutdown: one line per operation, then what drifted. */
export function formatDrift(report: DriftReportJson): string {
  const { summary } = report;
  const lines = [
    `Drift against ${report.upstream} since ${report.since}: ${summary.requests} request(s), ${summary.forwarded} forwarded, ` +
      `${summary.operations_with_drift} of ${summary.operations} operation(s) drifted, ${summary.refusals} refused by the spec, ${summary.upstream_failures} upstream failure(s).`,
  ];
  for (const [version, operations] of Object.entries(report.versions)) {
    for (const [operationId, drift] of Object.entries(operations)) {
      const statuses = Object.entries(drift.statuses).map(([status, n]) => `${status}×${n}`).join(' ') || 'none';
      const failures = Object.entries(drift.failures).map(([reason, n]) => `${reason}×${n}`).join(' ');
      lines.push(`  ${drift.matches ? 'ok   ' : 'DRIFT'} ${version} ${operationId} (${drift.method} ${drift.path}): ${drift.requests} request(s), upstream ${statuses}${failures ? `, failed ${failures}` : ''}`);
      for (const v of drift.violations) lines.push(`          ${v.count}× ${v.pointer || '/'} ${v.rule}`);
      for (const f of drift.unknown_fields) lines.push(`          ${f.count}× unknown field ${f.path}`);
      for (const r of drift.refusals) lines.push(`          ${r.count}× refused by the spec: ${r.code ?? ''} ${r.param ?? ''}`.trimEnd());
      if (drift.security_missing > 0) lines.push(`          ${drift.security_missing}× without the bearer token the spec declares`);
    }
  }
  for (const u of report.unrouted) lines.push(`  ????? ${u.method} ${u.path}: ${u.count} request(s) no operation describes (${u.reason ?? 'unknown'})`);
  return `${lines.join('\n')}\n`;
}
