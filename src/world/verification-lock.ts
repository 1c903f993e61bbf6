import type { LockableField, UserRecord } from './records.js';

/** The global-profile fields a PATCH wants to set, in record terms (a picture by file id). */
export type ProfileChange = { -readonly [K in 'name' | 'username' | 'bio' | 'profile_picture_file_id']?: UserRecord[K] };

/**
 * Seed 002 documents a 422 "Verification required" for PATCH /users/{id} without saying when.
 * The fixture rule: a user's `verification_locked_fields` cannot change until
 * `verification.individual.status` is `approved`. Returns the first locked field the change would
 * alter (setting the current value is no change, so an idempotent PATCH passes). Only the global
 * profile is guarded: an account's override (seed 001) is the account's data.
 */
export function verificationLock(user: UserRecord, change: ProfileChange): LockableField | undefined {
  if (user.verification.individual?.status === 'approved') return undefined;
  return user.verification_locked_fields.find((field) => {
    const { wanted, current } = field === 'profile_picture'
      ? { wanted: change.profile_picture_file_id, current: user.profile_picture_file_id }
      : { wanted: change[field], current: user[field] };
    return wanted !== undefined && wanted !== current;
  });
}
