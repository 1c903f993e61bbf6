export type {
  AccessLevel, AccountOverride, BalanceRecord, CompanyRecord, ExperienceRecord, FileRecord, Fixtures, FixtureKind,
  LockableField, MemberRecord, MemberStatus, MostRecentAction, PlanRecord, ProductRecord, PromoCodeRecord,
  TokenKind, TokenRecord, UserRecord, VerificationProfile, VerificationStatus,
} from './records.js';
export { FixtureError, type FixtureLocation } from './fixture-error.js';
export { loadFixtures } from './load-fixtures.js';
export { recordValidators, recordsSchemaPath, type RecordValidator, type RecordValidators } from './record-validators.js';
export type { SchemaProblem } from './describe-schema-error.js';
export { checkIntegrity } from './check-integrity.js';
export { fixtureKinds, fixtureKindNames } from './fixture-kinds.js';
export { generateUsers } from './generate-users.js';
export { generateMembers } from './generate-members.js';
export { createWorld, type GenerateOptions } from './create-world.js';
export { CollectionBase, type IndexRule } from './collection-base.js';
export { Collection } from './collection.js';
export { World } from './world.js';
export type { WorldBases } from './world-bases.js';
export { WorldState } from './world-state.js';
export { SessionRegistry, DEFAULT_SESSION, type Session, type SessionRegistryOptions } from './session-registry.js';
export { verificationLock, type ProfileChange } from './verification-lock.js';
