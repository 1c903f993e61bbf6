/** A `--store redis://…` URL, checked at start, and as messages show it (without a password). */
export interface StoreUrl {
  readonly url: string;
  readonly shown: string;
}

export function storeUrl(url: string): StoreUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`store "${url}" is not a URL: use memory or redis://host:port/db`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`store "${url}": use memory or redis://host:port/db (or rediss:// for TLS)`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,5}$/.test(db)) throw new Error(`store "${url}": the database (after the last /) must be a number, got "${db}"`);
  if (parsed.hostname === '') throw new Error(`store "${url}": no host`);
  const shown = `${parsed.protocol}//${parsed.username || parsed.password ? '***@' : ''}${parsed.host}/${db || '0'}`;
  return { url, shown };
}
