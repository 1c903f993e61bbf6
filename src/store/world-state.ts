import { Collection } from './collection.js';
import type {
  CompanyRecord, ExperienceRecord, FileRecord, Fixtures, MemberRecord, PlanRecord, ProductRecord,
  PromoCodeRecord, TokenRecord, UserRecord,
} from './records.js';
import type { WorldBases } from './world-bases.js';
import { WriteLedger, type RecordWrite } from './write-ledger.js';
import { fixtureKindNames } from './fixture-kinds.js';

/**
 * One session's mutable world: a copy-on-write Collection per record kind over the shared
 * World. Handlers read and write it; other sessions and the World never see the changes.
 */
export class WorldState {
  readonly companies: Collection<CompanyRecord>;
  readonly files: Collection<FileRecord>;
  readonly users: Collection<UserRecord>;
  readonly products: Collection<ProductRecord>;
  readonly experiences: Collection<ExperienceRecord>;
  readonly plans: Collection<PlanRecord>;
  readonly promo_codes: Collection<PromoCodeRecord>;
  readonly members: Collection<MemberRecord>;
  readonly tokens: Collection<TokenRecord>;
  /** What the session's own records hold, under its byte budget; the writes of one request. */
  readonly ledger: WriteLedger;

  constructor(bases: WorldBases, byteLimit?: number) {
    const ledger = (this.ledger = new WriteLedger(byteLimit));
    this.companies = new Collection(bases.companies, ledger);
    this.files = new Collection(bases.files, ledger);
    this.users = new Collection(bases.users, ledger);
    this.products = new Collection(bases.products, ledger);
    this.experiences = new Collection(bases.experiences, ledger);
    this.plans = new Collection(bases.plans, ledger);
    this.promo_codes = new Collection(bases.promo_codes, ledger);
    this.members = new Collection(bases.members, ledger);
    this.tokens = new Collection(bases.tokens, ledger);
  }

  /**
   * Loads records as a store committed them (a snapshot's diff, another replica's writes),
   * without the checks of `put`: they were checked when written.
   */
  apply(writes: Iterable<RecordWrite>): void {
    for (const write of writes) {
      if (!(fixtureKindNames as readonly string[]).includes(write.kind)) continue;
      (this[write.kind as keyof Fixtures] as Collection<object>).apply(write.key, write.json);
    }
  }

  /**
   * Every record as it is in this session, shaped like the fixtures (so a dump can be loaded
   * back with `new World(state.toJSON())`). Walks every collection: meant for a state endpoint
   * or a test, not for the request path.
   */
  toJSON(): Fixtures {
    return {
      companies: [...this.companies.values()],
      files: [...this.files.values()],
      users: [...this.users.values()],
      products: [...this.products.values()],
      experiences: [...this.experiences.values()],
      plans: [...this.plans.values()],
      promo_codes: [...this.promo_codes.values()],
      members: [...this.members.values()],
      tokens: [...this.tokens.values()],
    };
  }
}
