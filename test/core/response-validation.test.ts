import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../src/index.js';
import { call, copyOf, editFile, envelopeOf, startMock } from '../support/mock.js';

// A copy of the specs whose original User may not have a name starting with "Broken": no
// fixture does, so the server starts, and a PATCH to such a name makes the handler's result
// break the response contract on purpose.
function brokenSpecs(): string {
  const specs = copyOf('specs');
  editFile(join(specs, '2025-01-01.yaml'), (text) => text.replace(/(    User:\n(?:.*\n)*?        name:\n)/, '$1          not: { type: string, pattern: "^Broken" }\n'));
  return specs;
}

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const rename = { method: 'PATCH', path: '/users/me', token: 'tok_user_alex_full', body: { name: 'Broken Name' } };

describe('every response is validated against its operation, status and version', () => {
  it('strict (default): a violating response becomes a 500 mock_contract_violation naming pointer and rule, and is logged', async () => {
    const lines: string[] = [];
    server = await startMock({ specs: brokenSpecs(), logLevel: 'warn', log: (line) => lines.push(line) });
    const reply = await call(server, rename);
    expect(reply.status).toBe(500);
    const error = envelopeOf(reply);
    expect(error).toMatchObject({ type: 'mock_contract_violation', param: '/name' });
    expect(error.message).toContain('not');
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'response violates the spec');
    expect(logged).toMatchObject({ level: 'warn', pointer: '/name', status: 200 });
  });

  it('warn: the response is sent as is, with a header naming the violation', async () => {
    server = await startMock({ specs: brokenSpecs(), validateResponses: 'warn' });
    const reply = await call(server, rename);
    expect(reply.status).toBe(200);
    expect(reply.body.name).toBe('Broken Name');
    expect(reply.headers.get('x-mock-contract-violation')).toMatch(/^\/name not:/);
  });

  it('off: sent as is, no header', async () => {
    server = await startMock({ specs: brokenSpecs(), validateResponses: 'off' });
    const reply = await call(server, rename);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-mock-contract-violation')).toBeNull();
  });

  it('the same request in the other version (no such rule there) is fine', async () => {
    server = await startMock({ specs: brokenSpecs() });
    const reply = await call(server, { ...rename, version: '2026-06-09' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-mock-contract-violation')).toBeNull();
  });
});

describe('bad specs and fixtures stop start-up with a message naming file, record and field', () => {
  it('a fixture user that breaks a version\'s User schema', async () => {
    const specs = copyOf('specs');
    editFile(join(specs, '2026-06-09.yaml'), (text) => text.replace(/(    User:\n(?:.*\n)*?        username:\n(?:.*\n)*?          maxLength: )42/, '$14'));
    await expect(createMockServer({ port: 0, specs })).rejects.toThrow(/users\.json: record \d+ \(user_\w+\): as served by API version 2026-06-09 \(retrieveUser\), \/username breaks maxLength/);
  });

  it('a fixture record that breaks the record schema', async () => {
    const fixtures = copyOf('fixtures');
    editFile(join(fixtures, 'users.json'), (text) => text.replace('"created_at": "2022-03-14T09:30:00Z"', '"created_at": "last spring"'));
    await expect(createMockServer({ port: 0, fixtures })).rejects.toThrow(/users\.json: record 0 \(user_alex123\): \/created_at/);
  });

  it('a spec that is not YAML, and a folder without specs', async () => {
    const specs = copyOf('specs');
    editFile(join(specs, '2025-01-01.yaml'), (text) => `${text}\n  : [unclosed`);
    await expect(createMockServer({ port: 0, specs })).rejects.toThrow(/2025-01-01\.yaml: not valid YAML/);
    await expect(createMockServer({ port: 0, specs: join(specs, 'nothing-here') })).rejects.toThrow(/the specs folder does not exist/);
  });
});

describe('fixture tokens', () => {
  it('a scope no operation uses (a typo) stops start-up naming the token and the field', async () => {
    const fixtures = copyOf('fixtures');
    editFile(join(fixtures, 'tokens.json'), (text) => text.replace('"user:profile:read"', '"user:profle:read"'));
    await expect(createMockServer({ port: 0, fixtures })).rejects.toThrow(/tokens\.json: record 0 \(tok_user_alex_full\): \/scopes\/0 "user:profle:read" is not a scope/);
  });
});
