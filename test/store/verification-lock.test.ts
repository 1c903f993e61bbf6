import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../src/bundle/fixture-files.js';
import { verificationLock } from '../../src/world/verification-lock.js';
import { type UserRecord } from '../../src/world/records.js';

const users = new Map(loadFixtures('fixtures').users.map((u) => [u.username, u]));
const user = (username: string): UserRecord => {
  const found = users.get(username);
  if (found === undefined) throw new Error(`no fixture user ${username}`);
  return found;
};

describe('verificationLock (the 422 rule)', () => {
  it('blocks a locked field while individual verification is not approved', () => {
    const maya = user('maya-chen'); // pending, locks name and username
    expect(verificationLock(maya, { name: 'Maya C.' })).toBe('name');
    expect(verificationLock(maya, { username: 'maya' })).toBe('username');
    expect(verificationLock(maya, { bio: 'new bio' })).toBeUndefined();
  });

  it('names the first locked field in the order the record lists them', () => {
    expect(verificationLock(user('maya-chen'), { username: 'm', name: 'M' })).toBe('name');
  });

  it('locks the profile picture by file id', () => {
    const tom = user('tom-okafor'); // rejected, locks username, bio, profile_picture
    expect(verificationLock(tom, { profile_picture_file_id: 'file_newavatar' })).toBe('profile_picture');
    expect(verificationLock(tom, { profile_picture_file_id: null })).toBeUndefined(); // already null
    expect(verificationLock(tom, { name: 'Tommy' })).toBeUndefined();
  });

  it('lets a locked field be set to the value it already has', () => {
    const maya = user('maya-chen');
    expect(verificationLock(maya, { name: maya.name, username: maya.username })).toBeUndefined();
  });

  it('lets everything change once approved', () => {
    const lena = user('lena-k'); // approved, locks name
    expect(lena.verification_locked_fields).toContain('name');
    expect(verificationLock(lena, { name: 'Lena K.' })).toBeUndefined();
    expect(verificationLock({ ...user('maya-chen'), verification: { individual: { status: 'approved' }, business: null } }, { name: 'x' })).toBeUndefined();
  });
});
