// What a run measures and in which order. A cell is one server on one scenario at one number of
// connections; a group is every server measured on the same scenario and connections. Each
// round measures every group, and inside a group the servers take turns in an order rotated by
// one each round (round 1: A B C D, round 2: B C D A, ...), so that no server always runs first,
// last, or right after a given neighbour, and a burst of outside load lands on different servers
// in different rounds.

import { SCENARIOS } from './scenarios.mjs';

/** Groups in the order of SCENARIOS, then by connections. */
export function plan(servers) {
  const groups = new Map();
  for (const server of servers) {
    for (const [scenarioId, connections] of server.cells) {
      const key = `${scenarioId}@${connections}`;
      if (!groups.has(key)) groups.set(key, { key, scenarioId, connections, servers: [] });
      groups.get(key).servers.push(server);
    }
  }
  const order = (group) => SCENARIOS.findIndex((s) => s.id === group.scenarioId) * 1e6 + group.connections;
  return [...groups.values()].sort((a, b) => order(a) - order(b));
}

/** The servers of a group in the order they run in round `round` (0-based). */
export function turnOrder(servers, round) {
  if (servers.length === 0) return [];
  const shift = round % servers.length;
  return [...servers.slice(shift), ...servers.slice(0, shift)];
}

/** Rough seconds a run takes: load windows plus per-start and per-cell overheads seen here. */
export function estimateSeconds({ groups, servers, rounds, seconds, warmup, settle = 0, spawns, spawnServers, scaleUsers, sessions }) {
  const cells = groups.reduce((sum, group) => sum + group.servers.length, 0);
  const startsPerRound = servers.length * 1.5 + scaleUsers.reduce((sum, users) => sum + users / 15_000, 0);
  return cells * rounds * (seconds + warmup + 0.2) + rounds * (startsPerRound + 2 + servers.length * settle) + spawns * spawnServers * 2.5 + (sessions ? 10 : 0);
}
