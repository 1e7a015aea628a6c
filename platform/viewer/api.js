// The platform's HTTP API from the viewer page: bearer token kept in localStorage, errors as plain words.
/* global fetch, localStorage */
const KEY = 'vj.session';

export function savedSession() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

export function saveSession(s) {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function call(method, path, body) {
  const s = savedSession();
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (s?.token) headers.Authorization = `Bearer ${s.token}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'error', data?.error?.message ?? `HTTP ${res.status}`);
  return data;
}
