import { Collection } from './collection.js';
import type {
  CompanyRecord, ExperienceRecord, FileRecord, Fixtures, MemberRecord, PlanRecord, ProductRecord,
  PromoCodeRecord, TokenRecord, UserRecord,
} from './records.js';
import type { WorldBases } from './world-bases.js';

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

  constructor(bases: WorldBases) {
    this.companies = new Collection(bases.companies);
    this.files = new Collection(bases.files);
    this.users = new Collection(bases.users);
    this.products = new Collection(bases.products);
    this.experiences = new Collection(bases.experiences);
    this.plans = new Collection(bases.plans);
    this.promo_codes = new Collection(bases.promo_codes);
    this.members = new Collection(bases.members);
    this.tokens = new Collection(bases.tokens);
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
