// What is requested. The same method, URL, headers and body go to every server that runs a
// scenario. "Latest" is Api-Version-Date 2026-07-20 (what the installed @whop/sdk sends), which
// selects the newest version whatever versions are added later.

import { CHURN_SESSIONS, SEARCH } from './config.mjs';

export const AUTH = { authorization: 'Bearer tok_user_alex_full' };
/** An account API key that may list members (member:basic:read and the field scopes). */
export const MEMBERS_AUTH = { authorization: 'Bearer tok_key_pixelforge_full' };
export const LATEST = { 'api-version-date': '2026-07-20' };

const get = { method: 'GET', path: '/users/user_alex123', headers: { ...AUTH, ...LATEST } };

export const SCENARIOS = [
  { id: 'get', label: 'GET /users/{id}', ...get },
  // Optional: whether a request without the header is valid is the server's policy; if whop-mock
  // refuses it, the row says so instead of failing the run.
  { id: 'get-original', label: 'GET /users/{id}, no version header', ...get, headers: { ...AUTH }, optional: true },
  { id: 'list', label: 'GET /users?first=10', method: 'GET', path: '/users?first=10', headers: { ...AUTH, ...LATEST } },
  { id: 'members', label: 'GET /members (API key)', method: 'GET', path: '/members', headers: { ...MEMBERS_AUTH, ...LATEST } },
  {
    id: 'patch',
    label: 'PATCH /users/me {"bio"}',
    method: 'PATCH',
    path: '/users/me',
    headers: { ...AUTH, ...LATEST, 'content-type': 'application/json' },
    body: '{"bio":"bench"}',
  },
  {
    id: 'search',
    label: `GET /users?query=${SEARCH}&first=10`,
    method: 'GET',
    path: `/users?query=${encodeURIComponent(SEARCH)}&first=10`,
    headers: { ...AUTH, ...LATEST },
  },
  { id: 'churn', label: `GET /users/{id}, ${CHURN_SESSIONS.toLocaleString('en-US')} sessions rotated`, ...get, session: rotating(CHURN_SESSIONS) },
  { id: 'new-session', label: 'GET /users/{id}, a new session each request', ...get, session: unique() },
];

export const scenario = (id) => SCENARIOS.find((s) => s.id === id);

/** X-Mock-Session names churn-0000 .. churn-0999, over and over. */
function rotating(count) {
  let next = 0;
  return () => `churn-${String(next++ % count).padStart(4, '0')}`;
}

/** A name never used before in this bench process: each request creates a session. */
function unique() {
  let next = 0;
  return () => `new-${(next++).toString(36)}`;
}
