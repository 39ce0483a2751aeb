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
  const url = '/api/volume-trap/' + path + (query.size ? '?' + query : '');
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
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
