// A server's first seconds under load cost more CPU per request than the rest of its life (most
// likely V8 still optimising and the heap still growing). A server whose first measured cell
// comes early in a round would pay that transient and look dearer than one measured after other
// cells, so every started server gets the same unmeasured load before any cell of the round.

import { load } from './load.mjs';
import { log } from './log.mjs';
import { scenario } from './scenarios.mjs';

/** `seconds` of its first cell's scenario, at `connections`, for each server that started. */
export async function settle(servers, handles, seconds, connections) {
  if (seconds <= 0) return;
  for (const server of servers) {
    const handle = handles.get(server.id);
    if (!handle || server.cells.length === 0) continue;
    await load(handle.port, scenario(server.cells[0][0]), seconds, connections).catch((error) => log(`   ${server.name}: settling load failed: ${error.message.split('\n')[0]}`));
  }
}
