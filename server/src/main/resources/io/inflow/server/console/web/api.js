// The API client: every call sends the key as a bearer header. The key lives in this tab's session storage only
// (never in a URL, a cookie or local storage), so it is gone when the tab closes.

const KEY = 'inflow.apiKey';
const BASE = '/api/v1';

export function apiKey() {
  return sessionStorage.getItem(KEY);
}

export function keepKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** An API error: the JSON {code, message, details} the server answers, with its HTTP status. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code || 'http_' + status;
    this.details = body?.details || {};
    this.body = body;
  }
}

/** Called when the server no longer takes the key (401): the console signs out. */
let onUnauthorized = () => {};

export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

/** Calls the API; answers the JSON body (null for 204). {accept: [503]} answers those statuses' bodies too. */
export async function call(method, path, body, { accept = [] } = {}) {
  const headers = { Authorization: `Bearer ${apiKey()}`, Accept: 'application/json' };
  const init = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(BASE + path, init);
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = { code: 'not_json', message: `the server answered ${response.status} with something else than JSON` };
    }
  }
  if (response.ok || accept.includes(response.status)) return json;
  const error = new ApiError(response.status, json);
  if (response.status === 401) onUnauthorized(error);
  throw error;
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path) => call('DELETE', path);

/** Query string of the entries whose value is set: {a: 1, b: ''} as "?a=1". */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** An error in words: the API's message, or what went wrong reaching it. */
export function errorText(e) {
  if (e instanceof ApiError) return `${e.message} (${e.status} ${e.code})`;
  return `The server could not be reached: ${e.message}`;
}
