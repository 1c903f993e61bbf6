// What every part of the inspector page shares: its state, the /__mock calls, and DOM helpers.

export const TOKEN_KEY = 'whop-mock-admin-token';

export const app = {
  session: new URLSearchParams(location.hash.slice(1)).get('session') || 'default',
  token: sessionStorage.getItem(TOKEN_KEY) || '',
  entries: new Map(),
  lastSeq: 0,
  lastTime: null,
  selected: null,
  specs: new Map(),
  health: null,
  tab: 'journal',
};

export const $ = (id) => document.getElementById(id);

/** One /__mock call in the picked session; throws an Error carrying the Whop envelope on failure. */
export async function api(method, path, body) {
  const headers = { 'X-Mock-Session': app.session };
  if (app.token) headers.Authorization = `Bearer ${app.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`.${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  if (res.status === 401 && json?.error?.code === 'mock_admin_token_required') $('token-form').hidden = false;
  if (!res.ok) throw Object.assign(new Error(json?.error?.message ?? `HTTP ${res.status}`), { status: res.status, body: json });
  return json;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

export const pretty = (value) => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2));

export function banner(text, ok = false) {
  const node = $('banner');
  node.hidden = !text;
  node.textContent = text || '';
  node.className = ok ? 'ok' : '';
}
