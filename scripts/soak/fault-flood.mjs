// A fault-rule flood: large POST /__mock/faults in a few sessions of their own, past the
// session's byte budget (--session-bytes, its default 256 KiB) and the rule cap (--max-fault-rules,
// 100). The client knows both, so it predicts each answer exactly: 201 while the rules fit, 413
// mock_session_full once they would not; any other answer, or a wrong one, is unexpected. A
// session that is full is emptied again (a reset, a DELETE of its rules, or one rule removed),
// so the flood keeps pushing against the bound for the whole soak.
import { Agent, request } from 'node:http';
import { racedKeepAliveClose } from './stats.mjs';

const BUDGET = 256 * 1024;
const MAX_RULES = 100;
/** Rule bodies: small enough to fill the rule cap, a few to a budget, and one never fits (the probe's 900 KB). */
const SIZES = [200, 30_000, 60_000, 200_000, 900_000];

export function createFaultFlood(url, stats, { sessions = 4, pauseMs = 100 } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: sessions + 1 });
  const counts = { added: 0, full: 0, capped: 0, emptied: 0, wrong: 0 };
  let running = true;
  const call = (method, path, session, body, retried = false) =>
    new Promise((resolve) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const headers = { 'x-mock-session': session, ...(text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }) };
      let answered = false;
      const req = request(`${url}/__mock${path}`, { method, headers, agent }, (res) => {
        answered = true;
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const answer = Buffer.concat(chunks).toString('utf8');
          stats.count(res.statusCode, answer.length);
          let json;
          try {
            json = JSON.parse(answer);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, json });
        });
      });
      req.on('error', (error) => {
        // Had the server read it and added the rule, the session would hold one more rule than
        // the flood counts, and a later answer would differ from the prediction: still caught.
        if (racedKeepAliveClose(req, error, answered) && !retried) {
          stats.retried();
          resolve(call(method, path, session, body, true));
        } else resolve({ status: 0, json: undefined, error: error.code ?? error.message });
      });
      req.end(text);
    });
  const rule = (size) => ({ operationId: 'retrieveUser', status: 404, body: { error: { type: 'not_found', message: 'f'.repeat(size), code: null, param: null } } });

  const flood = async (session) => {
    let bytes = 0;
    let rules = [];
    await call('POST', '/reset', session);
    let round = 0;
    let cycle = 0;
    while (running) {
      round += 1;
      // One fill in four with the smallest rules only: it meets the rule cap before the budget.
      const body = rule(cycle % 4 === 3 ? SIZES[0] : SIZES[(round * 7 + rules.length) % SIZES.length]);
      const size = Buffer.byteLength(JSON.stringify(body));
      const fits = rules.length < MAX_RULES && bytes + size <= BUDGET;
      const reply = await call('POST', '/faults', session, body);
      if (fits && reply.status === 201 && typeof reply.json?.id === 'string') {
        counts.added += 1;
        bytes += size;
        rules.push({ id: reply.json.id, size });
      } else if (!fits && reply.status === 413 && reply.json?.error?.code === 'mock_session_full') {
        counts.full += 1;
        if (rules.length >= MAX_RULES) counts.capped += 1;
        cycle += 1;
        // Full: empty it again, one of three ways, so each way of giving bytes back is exercised.
        const how = counts.full % 3;
        if (how === 0) await call('POST', '/reset', session);
        else if (how === 1) await call('DELETE', '/faults', session);
        if (how !== 2) {
          counts.emptied += 1;
          bytes = 0;
          rules = [];
        } else if (rules.length > 0) {
          const gone = rules.shift();
          await call('DELETE', `/faults/${gone.id}`, session);
          bytes -= gone.size;
        }
      } else {
        counts.wrong += 1;
        stats.unexpected(`POST /__mock/faults (${size} bytes, ${rules.length} rules of ${bytes} bytes held, ${fits ? 'fits' : 'does not fit'}) answered ${reply.status}${reply.error ? ` ${reply.error}` : ''}: ${JSON.stringify(reply.json)?.slice(0, 200)}`);
        // Resynchronise with what the server holds.
        await call('POST', '/reset', session);
        bytes = 0;
        rules = [];
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const loops = Array.from({ length: sessions }, (_, i) => flood(`soak-faults-${i}`));
  return {
    counts: () => ({ ...counts }),
    stop: async () => {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}
