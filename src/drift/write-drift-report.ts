import { renameSync, writeFileSync } from 'node:fs';
import type { DriftReportJson } from './drift-report.js';

/** Writes the report beside its final name, then renames it: a reader never sees half a file. */
export function writeDriftReport(file: string, report: DriftReportJson): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(temporary, file);
}
