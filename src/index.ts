// The package's public entry: everything a test suite or tool imports, by name.
export { createMockServer } from './server/create-mock-server.js';
export type { MockServer, OperationSummary, ReloadResult, ReloadStatus } from './server/create-mock-server.js';
export type { MockServerOptions } from './server/mock-server-options.js';
export type { CloseResult } from './http/create-http-server.js';
export type { ResponseMode } from './validation/check-response.js';
export type { VersionDateMode } from './versions/version-date-mode.js';
export type { LogLevel } from './http/logger.js';
export { ApiError } from './errors/api-error.js';
export type { ErrorEnvelope } from './errors/api-error.js';
export type { MockSession } from './admin/mock-session.js';
export type { Fault, FaultRule } from './simulation/fault-list.js';
export type { JournalEntry, ValidationResult } from './journal/journal-entry.js';
export type { JournalFilter } from './journal/journal.js';
export type { TokenRegistration } from './admin/register-token.js';
export type { HealthReport } from './admin/control-plane.js';

export type {
  CompanyRecord,
  FileRecord,
  UserRecord,
  MemberRecord,
  TokenRecord,
  ProductRecord,
  ExperienceRecord,
  PlanRecord,
  PromoCodeRecord,
  TokenKind,
  Fixtures,
} from './store/records.js';
