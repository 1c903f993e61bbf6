import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { eventually } from '../support/raw-http.js';
import { call, copyOf, editFile, startMock } from '../support/mock.js';

// --state-file with a reload, and --state-save-seconds: the default session's world (the file's)
// outlives a reload that changed the fixtures, and is on disk without waiting for a clean stop.
const TOKEN = 'tok_user_alex_full';
const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const stateFile = () => join(mkdtempSync(join(tmpdir(), 'whop-mock-state-')), 'world.json');
const nameOf = async (server: MockServer, id: string, session?: string) =>
  (await call(server, { path: `/users/${id}`, token: TOKEN, headers: session ? { 'x-mock-session': session } : {} })).body.name as string;
const savedName = (file: string, id: string) => (JSON.parse(readFileSync(file, 'utf8')) as { users: Array<{ id: string; name: string }> }).users.find((u) => u.id === id)?.name;

describe('--state-file and a reload that changed the fixtures', () => {
  it('keeps the default session\'s own records on the new fixtures, and the next clean stop saves both', async () => {
    const fixtures = copyOf('fixtures');
    const file = stateFile();
    const server = await startMock({ fixtures, stateFile: file });
    expect((await call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { name: 'Kept Through Reload' } })).status).toBe(200);
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"name": "Maya Chen"', '"name": "Maya Edited"'));
    expect(await server.reload()).toMatchObject({ changed: true });
    expect(await nameOf(server, 'user_alex123')).toBe('Kept Through Reload');
    expect(await nameOf(server, 'user_maya7Kd2')).toBe('Maya Edited');
    // Other sessions start again from the new fixtures, as without a state file.
    expect(await nameOf(server, 'user_alex123', 'other')).toBe('Alex Rivera');
    await server.close();
    expect(savedName(file, 'user_alex123')).toBe('Kept Through Reload');
    expect(savedName(file, 'user_maya7Kd2')).toBe('Maya Edited');
  });

  it('keeps the world loaded from the file at start', async () => {
    const fixtures = copyOf('fixtures');
    const file = stateFile();
    const first = await startMock({ fixtures, stateFile: file });
    await call(first, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { name: 'From The File' } });
    await first.close();
    const second = await startMock({ fixtures, stateFile: file });
    servers.push(second);
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"name": "Maya Chen"', '"name": "Maya Again"'));
    await second.reload();
    expect(await nameOf(second, 'user_alex123')).toBe('From The File');
    expect(await nameOf(second, 'user_maya7Kd2')).toBe('Maya Again');
  });

  it('a reset of the default session is how to take the new fixtures', async () => {
    const fixtures = copyOf('fixtures');
    const server = await startMock({ fixtures, stateFile: stateFile() });
    servers.push(server);
    await call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { name: 'Before Reset' } });
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"name": "Alex Rivera"', '"name": "Alex From Fixtures"'));
    await server.reload();
    expect(await nameOf(server, 'user_alex123')).toBe('Before Reset');
    server.reset();
    expect(await nameOf(server, 'user_alex123')).toBe('Alex From Fixtures');
  });
});

describe('--state-save-seconds', () => {
  it('saves the default session while the server runs, only when it changed', async () => {
    const file = stateFile();
    const server = await startMock({ stateFile: file, stateSaveMs: 100 });
    servers.push(server);
    await call(server, { method: 'PATCH', path: '/users/me', token: TOKEN, body: { name: 'Saved Without A Stop' } });
    const saved = () => {
      try {
        return savedName(file, 'user_alex123') === 'Saved Without A Stop';
      } catch {
        return false;
      }
    };
    expect(await eventually(saved)).toBe(true);
    // Unchanged since: the file is not written again (a marker put in it stays).
    writeFileSync(file, readFileSync(file, 'utf8').replace('Saved Without A Stop', 'Marker Left Alone'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(savedName(file, 'user_alex123')).toBe('Marker Left Alone');
  });

  it('needs --state-file', async () => {
    await expect(startMock({ stateSaveMs: 1000 })).rejects.toThrow(/needs stateFile \(--state-file\)/);
  });

  it('a file that cannot be written is logged, not fatal: close() still resolves', async () => {
    const lines: string[] = [];
    const file = join(mkdtempSync(join(tmpdir(), 'whop-mock-state-')), 'missing-folder', 'world.json');
    const server = await startMock({ stateFile: file, logLevel: 'error', logFormat: 'json', log: (line) => lines.push(line) });
    await expect(server.close()).resolves.toMatchObject({ cut: 0 });
    expect(lines.some((line) => line.includes('could not be written'))).toBe(true);
  });
});
