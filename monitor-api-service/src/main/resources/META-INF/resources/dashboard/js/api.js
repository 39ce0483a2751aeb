// Calls to the monitor API. Errors carry the API's own JSON explanation so pages can show it.

export class ApiError extends Error {
  constructor(status, body) {
    const what = body && body.error ? body.error + (body.detail ? ': ' + body.detail : '') : 'HTTP ' + status;
    super(what);
    this.status = status;
    this.body = body;
  }
}

/** GET /api/volume-trap/{path} with the given query parameters (empty values left out). */
export async function getJson(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  return call('/api/volume-trap/' + path + (query.size ? '?' + query : ''), { headers: { Accept: 'application/json' } });
}

/** POST/PUT/DELETE to /api/volume-trap/{path} with a JSON body (or none) and the operator's bearer token. */
export async function sendJson(method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return call('/api/volume-trap/' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function call(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, { error: 'The service cannot be reached', detail: e.message });
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    if (response.ok) throw new ApiError(response.status, { error: 'The answer was not JSON' });
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}
