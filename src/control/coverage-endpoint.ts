import { errors } from '../kernel/catalogue.js';
import { sessionName } from '../state/session-name.js';
import { coverageMarkdown } from './coverage-markdown.js';
import type { ControlPlane } from './control-plane.js';

const KEYS = ['session', 'format'];

/** `?session=name` (one session; absent: all sessions) and `?format=json|markdown`; other keys are a 400. */
function coverageQuery(query: URLSearchParams): { session: string | null; markdown: boolean } {
  let session: string | null = null;
  let markdown = false;
  for (const [key, value] of query) {
    if (!KEYS.includes(key)) throw errors.parameterInvalid(key, `is not a coverage parameter; use ${KEYS.join(', ')}`);
    if (key === 'session') session = sessionName(value);
    else if (value === 'markdown' || value === 'json') markdown = value === 'markdown';
    else throw errors.parameterInvalid('format', `must be json or markdown, got "${value.slice(0, 40)}"`);
  }
  return { session, markdown };
}

/** GET /__mock/coverage: what the requests exercised of the specs served now (docs/coverage.md), as JSON or Markdown. */
export async function coverageAnswer(plane: ControlPlane, query: URLSearchParams): Promise<{ status: number; body: unknown } | { status: number; text: string; contentType: string }> {
  const { session, markdown } = coverageQuery(query);
  const report = await plane.coverage(session);
  if (markdown) return { status: 200, text: coverageMarkdown(report), contentType: 'text/markdown; charset=utf-8' };
  return { status: 200, body: report };
}

/** DELETE /__mock/coverage: forgets the counts of one session (`?session=`), or every count. */
export async function clearCoverageAnswer(plane: ControlPlane, query: URLSearchParams): Promise<{ status: number; body: unknown }> {
  const { session } = coverageQuery(query);
  await plane.clearCoverage(session);
  return { status: 200, body: { cleared: true, session } };
}
