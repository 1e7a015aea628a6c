// A small HTTP router: method + path patterns with :params, JSON bodies validated with zod, errors in plain
// words: `{ error: { code, message, zh } }`, the English as message and its Simplified Chinese beside it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { fieldWords, refusals, type Words } from './refusals';

export class HttpError extends Error {
  /** The message in Simplified Chinese. */
  readonly zh: string;

  constructor(
    readonly status: number,
    readonly code: string,
    words: Words,
  ) {
    super(words.en);
    this.zh = words.zh;
  }
}

/** The body of every error answer the platform sends. */
export function errorBody(code: string, words: Words): { error: { code: string; message: string; zh: string } } {
  return { error: { code, message: words.en, zh: words.zh } };
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** Reads and validates the JSON body; a refusal names the first problem in plain words. */
  body<S extends z.ZodType>(schema: S): Promise<z.infer<S>>;
}

/** A JSON answer; a handler that wrote the response itself (a stream, a file) returns undefined. */
export type Answer = { status?: number; json: unknown; headers?: Record<string, string> } | undefined;
export type Handler = (ctx: Ctx) => Answer | Promise<Answer>;

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'too_large', refusals.bodyTooLarge));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): void {
    this.routes.push({ method, parts: pattern.split('/').filter(Boolean), handler });
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | 'method' | null {
    const parts = path.split('/').filter(Boolean);
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.parts.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const want = route.parts[i]!;
        const got = parts[i]!;
        if (want.startsWith(':')) {
          try {
            params[want.slice(1)] = decodeURIComponent(got);
          } catch {
            ok = false;
          }
        } else ok = want === got;
      }
      if (!ok) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      return { route, params };
    }
    return methodMismatch ? 'method' : null;
  }

  /** Handles the request when a route matches; false otherwise (so the caller can serve files). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const found = this.match(req.method ?? 'GET', url.pathname);
    if (found === null) return false;
    try {
      if (found === 'method')
        throw new HttpError(405, 'method_not_allowed', refusals.methodNotAllowed(req.method ?? ''));
      const ctx: Ctx = {
        req,
        res,
        url,
        params: found.params,
        body: async (schema) => {
          const text = await readBody(req);
          let raw: unknown;
          try {
            raw = text === '' ? {} : JSON.parse(text);
          } catch {
            throw new HttpError(400, 'invalid_input', refusals.bodyNotJson);
          }
          const parsed = schema.safeParse(raw);
          if (!parsed.success) throw new HttpError(400, 'invalid_input', fieldWords(parsed.error));
          return parsed.data;
        },
      };
      const answer = await found.route.handler(ctx);
      if (answer) sendJson(res, answer.status ?? 200, answer.json, answer.headers);
    } catch (e) {
      const err =
        e instanceof HttpError
          ? e
          : new HttpError(500, 'internal', refusals.failed((e as Error).message, (e as { zh?: string }).zh));
      if (!res.headersSent) sendJson(res, err.status, errorBody(err.code, { en: err.message, zh: err.zh }));
      else res.end();
    }
    return true;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}
