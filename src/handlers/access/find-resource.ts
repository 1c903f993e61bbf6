import { errors } from '../../errors/catalogue.js';
import type { WorldState } from '../../store/world-state.js';

/** What an access check is about: a company, or products of a company. */
export interface AccessResource {
  id: string;
  companyId: string;
  /** null for the company itself; otherwise the products that grant customer access. */
  productIds: readonly string[] | null;
}

/**
 * Seed 000: the resource is an account (`biz_`), product (`prod_`) or experience (`exp_`); an
 * experience is reached through any of its products. Anything else, or an unknown id, is 404.
 */
export function findResource(state: WorldState, id: string): AccessResource {
  if (id.startsWith('biz_')) {
    const company = state.companies.get(id);
    if (company) return { id, companyId: company.id, productIds: null };
  } else if (id.startsWith('prod_')) {
    const product = state.products.get(id);
    if (product) return { id, companyId: product.company_id, productIds: [product.id] };
  } else if (id.startsWith('exp_')) {
    const experience = state.experiences.get(id);
    if (experience) return { id, companyId: experience.company_id, productIds: experience.product_ids };
  }
  throw errors.notFound('account, product or experience', id, 'resource_id');
}
