// The platform's HTTP API from the viewer page: bearer token kept in localStorage, errors as plain words.
/* global fetch, localStorage */
import { currentLang } from './strings.js';

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

/** A refusal's words in the page's language: the platform sends Simplified Chinese beside the English. */
export function refusalWords(error, fallback) {
  if (currentLang() === 'zh' && typeof error?.zh === 'string' && error.zh) return error.zh;
  return error?.message ?? fallback;
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
  if (!res.ok)
    throw new ApiError(res.status, data?.error?.code ?? 'error', refusalWords(data?.error, `HTTP ${res.status}`));
  return data;
}
