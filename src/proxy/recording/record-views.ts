import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** What a User view (either version) says about the canonical user; absent fields say nothing. */
export function userFromView(view: unknown): { user: Json; file: { id: string; url: string } | null } | null {
  if (!isObject(view) || typeof view.id !== 'string') return null;
  const user: Json = { id: view.id };
  for (const key of ['username', 'name', 'bio', 'created_at'] as const) if (key in view) user[key] = view[key];
  let file = null;
  if ('profile_picture' in view) {
    const url = isObject(view.profile_picture) ? text(view.profile_picture.url) : null;
    // A file record for the picture URL: the id is derived from the URL, so the same picture is one file.
    file = url === null ? null : { id: `file_rec${createHash('sha256').update(url).digest('hex').slice(0, 16)}`, url };
    user.profile_picture_file_id = file?.id ?? null;
  }
  if (Array.isArray(view.balances) && view.total_usd !== null && view.total_usd !== undefined) user.balances = view.balances;
  if (isObject(view.verification)) user.verification = view.verification;
  return { user, file };
}

/** What a Member view says about the member, its user and its company. */
export function memberFromView(view: unknown): { member: Json; user: Json | null; company: Json | null } | null {
  if (!isObject(view) || typeof view.id !== 'string' || !isObject(view.company)) return null;
  const company = typeof view.company.id === 'string' ? { id: view.company.id, title: view.company.title, route: view.company.route } : null;
  const member: Json = { id: view.id, company_id: company?.id, user_id: isObject(view.user) ? view.user.id : null };
  for (const key of ['access_level', 'status', 'most_recent_action', 'most_recent_action_at', 'created_at', 'updated_at', 'joined_at', 'usd_total_spent', 'phone'] as const) {
    if (key in view) member[key] = view[key];
  }
  const user = isObject(view.user) && typeof view.user.id === 'string' ? { id: view.user.id, username: view.user.username, name: view.user.name, email: view.user.email } : null;
  return { member, user, company };
}
