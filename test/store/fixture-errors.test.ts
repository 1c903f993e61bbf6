import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FixtureError } from '../../src/world/fixture-error.js';
import { loadFixtures } from '../../src/bundle/fixture-files.js';

const good = (file: string): unknown[] => JSON.parse(readFileSync(join('fixtures', file), 'utf8')) as unknown[];
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fixtures folder with the given files written (raw strings are written as-is). */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whop-fixtures-'));
  dirs.push(dir);
  for (const [name, data] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof data === 'string' ? data : JSON.stringify(data));
  }
  return dir;
}

function failure(dir: string): FixtureError {
  try {
    loadFixtures(dir);
  } catch (error) {
    if (error instanceof FixtureError) return error;
    throw error;
  }
  throw new Error('loadFixtures did not fail');
}

const users = () => good('users.json') as Array<Record<string, unknown>>;
const base = () => ({ 'companies.json': good('companies.json'), 'files.json': good('files.json') });

describe('loadFixtures failures name the file, the record and the field', () => {
  it('an empty folder is an empty world', () => {
    const fixtures = loadFixtures(folder({}));
    expect(fixtures.users).toEqual([]);
    expect(fixtures.tokens).toEqual([]);
  });

  it('a missing folder', () => {
    expect(() => loadFixtures(join(tmpdir(), 'no-such-fixtures-dir'))).toThrow(/no-such-fixtures-dir: the fixtures folder does not exist/);
  });

  it('a file that is not JSON', () => {
    const error = failure(folder({ 'users.json': '[{"id": ' }));
    expect(error.message).toMatch(/users\.json: not valid JSON/);
  });

  it('a file that is not an array', () => {
    const error = failure(folder({ 'users.json': { id: 'user_x' } }));
    expect(error.message).toMatch(/users\.json: must be a JSON array of users records, got object/);
  });

  it('a stray file name', () => {
    expect(failure(folder({ 'user.json': [] })).message).toMatch(/user\.json: is not a fixture file; expected one of .*users\.json/);
  });

  it('a bad enum value', () => {
    const list = users();
    list[3] = { ...list[3], verification: { individual: { status: 'done' }, business: null } };
    const error = failure(folder({ ...base(), 'users.json': list }));
    expect(error.message).toMatch(
      /users\.json: record 3 \(user_priyaN5\): \/verification\/individual\/status must be one of not_started, pending, approved, rejected$/,
    );
    expect(error.location).toEqual({ index: 3, id: 'user_priyaN5', pointer: '/verification/individual/status' });
  });

  it('a missing required field points at the field', () => {
    const list = users();
    const { email: _email, ...rest } = list[1] as Record<string, unknown>;
    list[1] = rest;
    expect(failure(folder({ ...base(), 'users.json': list })).message).toMatch(/users\.json: record 1 \(user_maya7Kd2\): \/email is required$/);
  });

  it('an unknown field points at the field', () => {
    const list = users();
    list[0] = { ...list[0], nickname: 'al' };
    expect(failure(folder({ ...base(), 'users.json': list })).message).toMatch(/record 0 \(user_alex123\): \/nickname is not a field/);
  });

  it('a username outside seed 002 rules', () => {
    const list = users();
    list[2] = { ...list[2], username: 'jonas weber!' };
    expect(failure(folder({ ...base(), 'users.json': list })).message).toMatch(/record 2 \(user_jonasW8\): \/username "jonas weber!" does not match/);
  });

  it('a record without a usable id is named by position', () => {
    expect(failure(folder({ 'files.json': [{ url: 'https://x.example/a.png' }] })).message).toMatch(/files\.json: record 0: \/id is required$/);
  });

  it('a token of the wrong shape for its kind', () => {
    const tokens = [{ token: 'tok_bad_user', kind: 'user_oauth_token', user_id: 'user_alex123', account_id: 'biz_pixelforge', scopes: [] }];
    expect(failure(folder({ 'tokens.json': tokens })).message).toMatch(/tokens\.json: record 0 \(tok_bad_user\): \/account_id must not be set here$/);
    const apiKey = [{ token: 'tok_bad_key', kind: 'account_api_key', scopes: [] }];
    expect(failure(folder({ 'tokens.json': apiKey })).message).toMatch(/record 0 \(tok_bad_key\): \/account_id is required$/);
  });

  it('a duplicate id', () => {
    const list = users();
    list.push({ ...list[0], username: 'someone-else' });
    expect(failure(folder({ ...base(), 'users.json': list })).message).toMatch(
      new RegExp(`users\\.json: record ${list.length - 1} \\(user_alex123\\): /id "user_alex123" is already used by record 0$`),
    );
  });

  it('a duplicate username, ignoring case', () => {
    const list = users();
    list[4] = { ...list[4], username: 'ALEX' };
    expect(failure(folder({ ...base(), 'users.json': list })).message).toMatch(
      /users\.json: record 4 \(user_tomOk4f\): \/username "ALEX" is already used by record 0 \(user_alex123\)$/,
    );
  });

  it('a duplicate token', () => {
    const tokens = good('tokens.json');
    tokens.push(tokens[0]);
    const error = failure(folder({ ...base(), 'users.json': users(), 'tokens.json': tokens }));
    expect(error.message).toMatch(/tokens\.json: record \d+ \(tok_user_alex_full\): \/token "tok_user_alex_full" is already used by record 0$/);
  });

  it('a dangling reference', () => {
    const list = users();
    list[0] = { ...list[0], profile_picture_file_id: 'file_missing' };
    expect(failure(folder({ ...base(), 'users.json': list })).message).toMatch(
      /users\.json: record 0 \(user_alex123\): \/profile_picture_file_id refers to file "file_missing", which is not in .*files\.json$/,
    );
  });

  it('an override for a company that does not exist', () => {
    const list = users();
    list[0] = { ...list[0], overrides: { biz_ghost: { name: 'x' } } };
    expect(failure(folder({ ...base(), 'users.json': list })).message).toMatch(/record 0 \(user_alex123\): \/overrides\/biz_ghost refers to company "biz_ghost"/);
  });

  const allBut = (skip: string) => Object.fromEntries(
    ['companies', 'files', 'users', 'products', 'experiences', 'plans', 'promo_codes', 'members', 'tokens']
      .filter((k) => k !== skip).map((k) => [`${k}.json`, good(`${k}.json`)]),
  );

  it('a user who is two members of one company', () => {
    const members = good('members.json') as Array<Record<string, unknown>>;
    members[3] = { ...members[3], user_id: 'user_alex123' };
    expect(failure(folder({ ...allBut('members'), 'members.json': members })).message).toMatch(
      /members\.json: record 3 \(mber_pf04priya\): \/user_id "user_alex123" is already used by record 0 \(mber_pf01alex\) \(with the same company_id\)$/,
    );
  });

  it("a member holding another company's plan", () => {
    const all = allBut('members');
    const members = good('members.json') as Array<Record<string, unknown>>;
    members[1] = { ...members[1], plan_ids: ['plan_pfproyearly', 'plan_smtrial'] };
    expect(failure(folder({ ...all, 'members.json': members })).message).toMatch(
      /members\.json: record 1 \(mber_pf02maya\): \/plan_ids\/1 refers to plan "plan_smtrial" of company biz_summit, not this record's company biz_pixelforge$/,
    );
  });
});
