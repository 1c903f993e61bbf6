// What is requested. The same method, URL, headers and body go to every server.

export const AUTH = { authorization: 'Bearer tok_user_alex_full' };
export const LATEST = { 'api-version-date': '2026-07-20' };
export const SCENARIOS = [
  { id: 'get', label: 'GET /users/{id}, latest version', method: 'GET', path: '/users/user_alex123', headers: { ...AUTH, ...LATEST } },
  { id: 'get-original', label: 'GET /users/{id}, no version header', method: 'GET', path: '/users/user_alex123', headers: { ...AUTH } },
  { id: 'list', label: 'GET /users?first=10, latest', method: 'GET', path: '/users?first=10', headers: { ...AUTH, ...LATEST } },
  {
    id: 'patch',
    label: 'PATCH /users/me {"bio"}, latest',
    method: 'PATCH',
    path: '/users/me',
    headers: { ...AUTH, ...LATEST, 'content-type': 'application/json' },
    body: '{"bio":"bench"}',
  },
];
export const HEADLINE = ['get'];
