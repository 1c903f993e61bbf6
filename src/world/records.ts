/**
 * TypeScript types of the canonical records: the compiler's copy of schemas/records.schema.json,
 * hand-kept in step (generating them would need a dependency we do not otherwise want);
 * test/store/records-schema.test.ts catches drift. Stored records are frozen, hence readonly.
 */

export type VerificationStatus = 'not_started' | 'pending' | 'approved' | 'rejected';

/** null until that profile has been created (seed 000). */
export type VerificationProfile = { readonly status: VerificationStatus } | null;

export type LockableField = 'name' | 'username' | 'bio' | 'profile_picture';

export interface CompanyRecord {
  readonly id: string;
  readonly title: string;
  readonly route: string;
  readonly created_at: string;
}

export interface FileRecord {
  readonly id: string;
  readonly url: string;
}

export interface BalanceRecord {
  readonly symbol: string;
  readonly name: string;
  readonly balance: string;
  readonly value_usd: string | null;
  readonly price_usd: number | null;
  readonly icon_url: string | null;
  readonly breakdown: { readonly available: string; readonly pending: string; readonly reserve: string };
}

/** How one account (company) shows the user; set by that account's API key (seed 001). */
export interface AccountOverride {
  readonly name?: string | null;
  readonly profile_picture_file_id?: string | null;
}

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly name: string | null;
  readonly bio: string | null;
  readonly created_at: string;
  readonly email: string | null;
  readonly profile_picture_file_id: string | null;
  readonly balances: readonly BalanceRecord[];
  readonly verification: { readonly individual: VerificationProfile; readonly business: VerificationProfile };
  /** Keyed by company id. */
  readonly overrides: Readonly<Record<string, AccountOverride>>;
  /** See verificationLock: these cannot change until individual verification is approved. */
  readonly verification_locked_fields: readonly LockableField[];
}

export interface ProductRecord {
  readonly id: string;
  readonly company_id: string;
  readonly title: string;
}

export interface ExperienceRecord {
  readonly id: string;
  readonly company_id: string;
  readonly name: string;
  readonly product_ids: readonly string[];
}

export interface PlanRecord {
  readonly id: string;
  readonly product_id: string;
}

export interface PromoCodeRecord {
  readonly id: string;
  readonly company_id: string;
  readonly code: string;
}

export type AccessLevel = 'admin' | 'customer' | 'no_access';
export type MemberStatus = 'drafted' | 'joined' | 'left';

/** Seed 003. */
export type MostRecentAction =
  | 'canceling' | 'churned' | 'finished_split_pay' | 'paused' | 'paid_subscriber' | 'paid_once' | 'expiring'
  | 'joined' | 'drafted' | 'left' | 'trialing' | 'pending_entry' | 'renewing' | 'past_due';

export interface MemberRecord {
  readonly id: string;
  readonly company_id: string;
  /** null for a member who is not (yet) a Whop user, e.g. a lead. */
  readonly user_id: string | null;
  readonly access_level: AccessLevel;
  readonly status: MemberStatus;
  readonly most_recent_action: MostRecentAction | null;
  readonly most_recent_action_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
  readonly joined_at: string;
  readonly usd_total_spent: number;
  readonly phone: string | null;
  readonly product_ids: readonly string[];
  readonly plan_ids: readonly string[];
  readonly promo_code_ids: readonly string[];
}

/** The three bearer credentials of the Whop docs (seed 001 `bearerAuth`), by their doc names. */
export type TokenKind = 'user_oauth_token' | 'account_api_key' | 'app_api_key';

export interface TokenRecord {
  readonly token: string;
  readonly kind: TokenKind;
  /** Set exactly when kind is "user_oauth_token": the user the token acts as. */
  readonly user_id?: string;
  /** Required for "account_api_key"; for "app_api_key", the account that installed the app, if any. */
  readonly account_id?: string;
  readonly scopes: readonly string[];
  readonly description?: string;
}

/** Each kind's record type, in load order; a kind is this line, its fixture-kinds.ts entry and its `$defs`. */
export interface KindRecords {
  companies: CompanyRecord;
  files: FileRecord;
  users: UserRecord;
  products: ProductRecord;
  experiences: ExperienceRecord;
  plans: PlanRecord;
  promo_codes: PromoCodeRecord;
  members: MemberRecord;
  tokens: TokenRecord;
}

export type FixtureKind = keyof KindRecords;

/** One array per kind, keyed as its fixture file without `.json` (so a state export is a fixtures folder). */
export type Fixtures = { readonly [K in FixtureKind]: readonly KindRecords[K][] };
