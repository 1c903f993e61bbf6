// The package's public entry: everything a test suite or tool imports, by name.
export { createMockServer } from './server/create-mock-server.js';
export { createMock } from './server/create-mock.js';
export type { Mock, MockClosed, MockServer } from './server/mock.js';
export type { OperationSummary } from './core/served-world.js';
export type { ReloadResult, ReloadStatus } from './control/control-plane.js';
export type { Middleware } from './edges/middleware.js';
export type { MockServerOptions } from './config/mock-server-options.js';
export type { CloseResult } from './edges/node/create-http-server.js';
export type { ResponseMode } from './validation/check-response.js';
export type { VersionDateMode } from './openapi/version-date-mode.js';
export type { LogLevel } from './logging/logger.js';
export { ApiError } from './kernel/api-error.js';
export type { ErrorEnvelope } from './kernel/api-error.js';
export type { AsyncMockSession, MockSession } from './control/mock-session.js';
export type { Fault, FaultRule, FaultStep } from './state/fault-list.js';
export type { TypedFaultRule } from './control/typed-fault-rule.js';
export type { BundledOperationId, DeclaredStatus } from './control/bundled-operations.js';
export type { JournalEntry, ValidationResult } from './state/journal/journal-entry.js';
export type { SchemaError } from './validation/explain-violation.js';
export type { JournalFilter } from './state/journal/journal.js';
export type { TokenRegistration } from './control/register-token.js';
export type { HealthReport } from './control/control-plane.js';
export type { CoverageReport, CoverageSummary, FieldCoverage, OperationCoverage, StatusCoverage, UnroutedCoverage } from './control/coverage-report.js';

export type {
  CompanyRecord, FileRecord, UserRecord, MemberRecord, TokenRecord, ProductRecord, ExperienceRecord, PlanRecord,
  PromoCodeRecord, TokenKind, Fixtures,
} from './world/records.js';
