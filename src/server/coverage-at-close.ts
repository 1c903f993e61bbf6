import { coverageMarkdown } from '../control/coverage-markdown.js';
import { coverageShortfall, type CoverageReport } from '../control/coverage-report.js';
import type { ResolvedOptions } from '../config/mock-server-options.js';
import type { Logger } from '../logging/logger.js';
import { writeFileAtomically } from './state-keeper.js';

/**
 * At a stop: the coverage report of all sessions, written to its file, and held to the threshold;
 * resolves with the shortfall (one line), or null. A report that cannot be read is a shortfall when
 * a threshold was asked for: a CI job must not pass on a number nobody could check.
 */
export async function coverageAtClose(read: () => Promise<CoverageReport>, options: Pick<ResolvedOptions, 'coverageReport' | 'coverageFailUnder'>, logger: Logger): Promise<string | null> {
  const { coverageReport: file, coverageFailUnder: failUnder } = options;
  if (file === undefined && failUnder === undefined) return null;
  let report: CoverageReport;
  try {
    report = await read();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error('the coverage report could not be read', { error: message });
    return failUnder === undefined ? null : `the coverage report could not be read (${message}), so --coverage-fail-under ${failUnder} cannot be checked`;
  }
  if (file !== undefined) {
    try {
      await writeFileAtomically(file, /\.md$/i.test(file) ? coverageMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`);
      logger.info('wrote the coverage report', { file, percent: report.summary.percent });
    } catch (error) {
      logger.error(`writing the coverage report to ${file} failed`, { error: error instanceof Error ? error.message : String(error) });
    }
  }
  return failUnder === undefined ? null : coverageShortfall(report, failUnder);
}
