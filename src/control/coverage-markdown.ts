import type { CoverageReport, OperationCoverage, StatusCoverage } from './coverage-report.js';

const TOKEN_NAMES: Readonly<Record<string, string>> = {
  user_oauth_token: 'user token',
  account_api_key: 'account key',
  app_api_key: 'app key',
  none: 'no token',
  unknown: 'unknown token',
};

/** The report as Markdown that reads on its own (a CI job summary, `--coverage-report x.md`). */
export function coverageMarkdown(report: CoverageReport, title = 'Contract coverage'): string {
  const { summary } = report;
  const who = report.session === null ? 'All sessions' : `Session \`${report.session}\``;
  const forced = summary.forced_only > 0 ? ` (${summary.forced_only} of them only when forced: \`Prefer\` or a fault rule)` : '';
  const lines = [
    `# ${title}`,
    '',
    `${who}: **${summary.percent}%** of the declared (operation, version, status) cells exercised, ${summary.exercised} of ${summary.cells}${forced}. ` +
      `${summary.operations_called} of ${summary.operations} operation versions called; ${summary.fields_sent} of ${summary.fields} declared parameters and body fields sent; ${summary.requests} requests.`,
    '',
    'A cell is one response status an operation declares in one API version. ✅ answered · ⚡ answered only when forced · ⬜ never answered.',
    '',
    '## Operations',
    '',
    '| operation | version | requests | statuses | never answered | tokens | cursor followed |',
    '| --- | --- | ---: | --- | --- | --- | --- |',
    ...report.operations.map(row),
  ];
  // Of an operation never called, nothing was sent: the table names what the calls left out.
  const unsent = report.operations.filter((op) => op.called && op.fields.some((f) => f.sent === 0));
  if (unsent.length > 0) {
    lines.push('', '## Parameters and body fields never sent', '', 'Of the operations called: the declared query and header parameters and top-level body fields no request sent.', '', '| operation | version | never sent |', '| --- | --- | --- |');
    for (const op of unsent) lines.push(`| \`${op.operationId}\` | ${op.version} | ${op.fields.filter((f) => f.sent === 0).map((f) => `${f.in} \`${f.name}\``).join(', ')} |`);
  }
  const coded = report.operations.filter((op) => Object.keys(op.error_codes).length > 0);
  if (coded.length > 0) {
    lines.push('', '## Error codes answered', '', '| operation | version | codes |', '| --- | --- | --- |');
    for (const op of coded) lines.push(`| \`${op.operationId}\` | ${op.version} | ${counted(op.error_codes, (code) => `\`${code}\``)} |`);
  }
  if (report.unrouted.length > 0) {
    lines.push('', '## Requests that reached no operation of a version', '', 'Refused before an operation and version were chosen (a bad `Api-Version-Date`, a body that is not JSON), by the operation their method and path name; or naming no operation at all.', '', '| operation | requests | statuses | codes |', '| --- | ---: | --- | --- |');
    for (const group of report.unrouted) lines.push(`| ${group.operationId === null ? '(no operation)' : `\`${group.operationId}\``} | ${group.requests} | ${counted(group.statuses, String)} | ${counted(group.error_codes, (code) => `\`${code}\``)} |`);
  }
  return `${lines.join('\n')}\n`;
}

function row(op: OperationCoverage): string {
  const statuses = op.statuses.map(cell).join(' · ');
  const never = op.unexercised.length === 0 ? '—' : op.unexercised.join(', ');
  const tokens = Object.keys(op.token_kinds).length === 0 ? '—' : counted(op.token_kinds, (kind) => TOKEN_NAMES[kind] ?? kind, ' · ');
  const pages = op.pages === null ? '—' : op.pages.followed > 0 ? `yes (${op.pages.followed})` : '**no**';
  return `| \`${op.operationId}\` \`${op.method} ${op.path}\` | ${op.version} | ${op.requests} | ${statuses} | ${never} | ${tokens} | ${pages} |`;
}

function cell(status: StatusCoverage): string {
  const mark = status.seen === 0 ? '⬜' : status.forced === status.seen ? '⚡' : '✅';
  return status.declared ? `${mark} ${status.status}` : `${mark} ${status.status} (not declared)`;
}

function counted(values: Readonly<Record<string, number>>, name: (key: string) => string, separator = ', '): string {
  const entries = Object.entries(values);
  return entries.length === 0 ? '—' : entries.map(([key, n]) => `${name(key)} ${n}`).join(separator);
}
