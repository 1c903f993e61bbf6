// Lists users and edits one, with fetch, against a whop-mock server on another origin (its CORS
// headers let this page call it). The mock's address comes from ?mock=, by default whop-mock's own.
const MOCK = new URLSearchParams(location.search).get('mock') ?? 'http://localhost:4010';
const TOKEN = 'tok_user_alex_full'; // a fixture token: acts as user_alex123, may read everyone, edit only itself
const HEADERS = {
  Authorization: `Bearer ${TOKEN}`,
  'Api-Version-Date': '2026-07-20', // the latest shapes, as the official SDK asks for them
};

const $ = (selector) => document.querySelector(selector);
$('#api').textContent = MOCK;
$('#token').textContent = TOKEN;

/** Calls the Whop API; throws the Whop error envelope's fields on a non-2xx answer. */
async function whop(method, path, body) {
  const headers = body === undefined ? HEADERS : { ...HEADERS, 'Content-Type': 'application/json' };
  const response = await fetch(`${MOCK}/api/v1${path}`, { method, headers, body: body && JSON.stringify(body) });
  const json = await response.json();
  // Every error is {"error":{"type","message","code","param"}}.
  if (!response.ok) throw Object.assign(new Error(json.error.message), { status: response.status, ...json.error });
  return json;
}

function showError(error) {
  $('#error').textContent = error.status === undefined
    ? `Could not reach ${MOCK}: ${error.message}` // a network error: is the mock running?
    : `${error.status} ${error.type} (code ${error.code}, param ${error.param}): ${error.message}`;
}

async function listUsers() {
  const page = await whop('GET', '/users?first=50');
  const rows = page.data.map((user) => {
    const row = document.createElement('tr');
    row.dataset.id = user.id;
    row.innerHTML = '<td class="username"></td><td class="name"></td><td><button type="button">Edit</button></td>';
    row.querySelector('.username').textContent = user.username;
    row.querySelector('.name').textContent = user.name;
    row.querySelector('button').onclick = () => startEdit(user);
    return row;
  });
  $('#users tbody').replaceChildren(...rows);
}

function startEdit(user) {
  const form = $('#edit');
  form.hidden = false;
  form.elements.id.value = user.id;
  form.elements.username.value = user.username;
  form.elements.name.value = user.name;
  form.elements.name.focus();
}

$('#edit').onsubmit = async (event) => {
  event.preventDefault();
  const { id, username, name } = event.target.elements;
  $('#error').textContent = '';
  $('#status').textContent = '';
  try {
    const user = await whop('PATCH', `/users/${id.value}`, { username: username.value, name: name.value });
    $('#status').textContent = `Saved ${user.username}.`;
    event.target.hidden = true;
    await listUsers();
  } catch (error) {
    showError(error);
  }
};

listUsers().catch(showError);
