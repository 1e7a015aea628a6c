// A small HTTP router: method + path patterns with :params, JSON bodies validated with zod, errors in plain words.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
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
        reject(new HttpError(413, 'too_large', 'The request body is larger than 64 KB.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function plainZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  if (issue.code === 'unrecognized_keys') return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`;
  const field = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && issue.input === undefined) return `The field "${field}" is required.`;
  return field ? `${field}: ${issue.message}` : issue.message;
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
      if (found === 'method') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed here.`);
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
            throw new HttpError(400, 'invalid_input', 'The request body is not valid JSON.');
          }
          const parsed = schema.safeParse(raw);
          if (!parsed.success) throw new HttpError(400, 'invalid_input', plainZodError(parsed.error));
          return parsed.data;
        },
      };
      const answer = await found.route.handler(ctx);
      if (answer) sendJson(res, answer.status ?? 200, answer.json, answer.headers);
    } catch (e) {
      const err = e instanceof HttpError ? e : new HttpError(500, 'internal', `The platform failed: ${(e as Error).message}`);
      if (!res.headersSent) sendJson(res, err.status, { error: { code: err.code, message: err.message } });
      else res.end();
    }
    return true;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}
