import type { Principal } from '../auth/principal.js';

/**
 * Applies an operation's `x-field-scopes`: each JSON pointer names a field inside one returned
 * object; without the scope it is served as null. A list body (`{data: [...]}`) masks each item.
 */
export function maskFields(body: unknown, fieldScopes: Record<string, string>, principal: Principal): void {
  const hidden = Object.entries(fieldScopes).filter(([, scope]) => !principal.scopes.has(scope));
  if (hidden.length === 0 || typeof body !== 'object' || body === null) return;
  const data = (body as { data?: unknown }).data;
  const items = Array.isArray(data) ? data : [body];
  for (const item of items) for (const [pointer] of hidden) nullAt(item, pointer);
}

function nullAt(target: unknown, pointer: string): void {
  const parts = pointer.split('/').slice(1);
  const last = parts.pop();
  let node = target;
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[part];
  }
  if (last !== undefined && typeof node === 'object' && node !== null && last in node) {
    (node as Record<string, unknown>)[last] = null;
  }
}
