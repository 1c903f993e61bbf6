// What sessions and journal entries cost whop-mock in memory (bench-sessions.mjs).

import { JOURNAL_FILL, SESSIONS } from './config.mjs';
import { fmt } from './format.mjs';

export function sessionsTable(sessions) {
  const per = (from, to, key) => (from[key] === null || to[key] === null ? 'n/a' : `${fmt(((to[key] - from[key]) * 1024) / SESSIONS, 1)} KB`);
  const lines = [];
  lines.push(`${fmt(SESSIONS)} distinct X-Mock-Session values, one fresh whop-mock with --expose-gc, figures after a forced GC:`);
  lines.push('');
  lines.push('| After | RSS | V8 heap used | per session (heap) | per session (RSS) |');
  lines.push('|---|---:|---:|---:|---:|');
  lines.push(`| start (idle) | ${fmt(sessions.idle.rss, 1)} MB | ${fmt(sessions.idle.heapUsed, 1)} MB | | |`);
  lines.push(`| ${fmt(SESSIONS)} GETs, default session (baseline) | ${fmt(sessions.base.rss, 1)} MB | ${fmt(sessions.base.heapUsed, 1)} MB | | |`);
  lines.push(`| + ${fmt(SESSIONS)} GETs, one new session each | ${fmt(sessions.read.rss, 1)} MB | ${fmt(sessions.read.heapUsed, 1)} MB | ${per(sessions.base, sessions.read, 'heapUsed')} | ${per(sessions.base, sessions.read, 'rss')} |`);
  lines.push(`| + one PATCH in each of those sessions | ${fmt(sessions.written.rss, 1)} MB | ${fmt(sessions.written.heapUsed, 1)} MB | ${per(sessions.base, sessions.written, 'heapUsed')} | ${per(sessions.base, sessions.written, 'rss')} |`);
  const entry = (from, to) => (from.heapUsed === null || to.heapUsed === null ? null : ((to.heapUsed - from.heapUsed) * 1024) / JOURNAL_FILL);
  const getEntry = entry(sessions.written, sessions.journalGet);
  const listEntry = entry(sessions.journalGet, sessions.journalList);
  lines.push(`| + ${JOURNAL_FILL} GET /users/{id} in one session (journal) | ${fmt(sessions.journalGet.rss, 1)} MB | ${fmt(sessions.journalGet.heapUsed, 1)} MB | ${fmt(getEntry, 2)} KB per journal entry | |`);
  lines.push(`| + ${JOURNAL_FILL} GET /users?first=10 in another (journal) | ${fmt(sessions.journalList.rss, 1)} MB | ${fmt(sessions.journalList.heapUsed, 1)} MB | ${fmt(listEntry, 2)} KB per journal entry | |`);
  lines.push('');
  lines.push(`Sessions isolated (session 0 sees its own PATCH, the default session does not): ${sessions.isolated ? 'yes' : 'NO'}.`);
  return lines.join('\n');
}
