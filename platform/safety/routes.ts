// The platform's safety routes: studios report alerts, Tencent's moderation callback lands, operators read
// the live list with each room's safety state and end a room; and the moderator console page itself.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { AccountService } from '../accounts/accountService';
import { refusals } from '../http/refusals';
import { HttpError, type Router } from '../http/router';
import type { RoomService } from '../rooms/roomService';
import type { SafetyBoard } from './safetyBoard';
import { readModerationCallback } from './tencentModeration';

export interface SafetyRouteDeps {
  rooms: RoomService;
  accounts: AccountService;
  board: SafetyBoard;
  callbackKey: string | undefined;
  log: (line: string) => void;
}

/** The body a studio posts (main/safety/platformSink.ts sends this shape). */
export const studioReportSchema = z.object({
  roomId: z.string().regex(/^\d{1,12}$/),
  at: z.number(),
  origin: z.literal('studio'),
  sourceId: z.string().max(250),
  className: z.string().max(50).nullable(),
  score: z.number().min(0).max(1).nullable(),
  action: z.enum(['notify', 'blur', 'slate', 'removeGuest']).nullable(),
  message: z.string().max(1000),
});

function consoleDir(): string {
  const beside = join(import.meta.dirname, 'console');
  return existsSync(join(beside, 'index.html')) ? beside : resolve(process.cwd(), 'platform', 'safety', 'console');
}

const consoleFiles: Record<string, [string, string]> = {
  '/safety': ['index.html', 'text/html; charset=utf-8'],
  '/safety/console.js': ['console.js', 'text/javascript; charset=utf-8'],
  '/safety/console.css': ['console.css', 'text/css; charset=utf-8'],
};

export function registerSafetyRoutes(r: Router, d: SafetyRouteDeps): void {
  const operator = (header: string | undefined) => {
    const me = d.accounts.requireBearer(header);
    if (me.role !== 'operator') throw new HttpError(403, 'forbidden', refusals.operatorConsoleOnly);
    return me;
  };

  r.add('POST', '/api/v1/safety/events', async (ctx) => {
    const me = d.accounts.requireBearer(ctx.req.headers.authorization);
    const b = await ctx.body(studioReportSchema);
    const room = d.rooms.requireLive(b.roomId);
    if (room.ownerId !== me.userId && me.role !== 'operator')
      throw new HttpError(403, 'forbidden', refusals.hostReportsOnly);
    d.board.report({
      roomId: b.roomId,
      level: b.action === 'notify' ? 'review' : 'flagged',
      origin: 'studio',
      className: b.className,
      score: b.score,
      message: `The studio reports: ${b.message}`,
      at: b.at,
    });
    return { json: { ok: true } };
  });

  r.add('GET', '/api/v1/safety/rooms', (ctx) => {
    operator(ctx.req.headers.authorization);
    return {
      json: {
        rooms: d.rooms.list().map((room) => ({ ...room, safety: d.board.stateOf(room.roomId) })),
        log: d.board.log(50),
      },
    };
  });

  r.add('POST', '/api/v1/safety/rooms/:roomId/end', (ctx) => {
    const me = operator(ctx.req.headers.authorization);
    const id = ctx.params.roomId ?? '';
    if (!/^\d{1,12}$/.test(id)) throw new HttpError(404, 'not_found', refusals.roomNumberDigits);
    const result = d.rooms.endByOwner(id, me);
    d.log(`safety: operator ${me.userId} ended room ${id}`);
    d.board.forget(id);
    return { json: result };
  });

  r.add('POST', '/api/v1/callbacks/live-moderation', async (ctx) => {
    if (!d.callbackKey) throw new HttpError(404, 'not_found', refusals.callbacksOff);
    const verdict = readModerationCallback(d.callbackKey, await ctx.body(z.unknown()));
    if (!verdict.ok)
      throw new HttpError(verdict.status, verdict.status === 403 ? 'forbidden' : 'invalid_input', verdict.reason);
    const room = d.rooms.findByStream(verdict.streamName);
    if (room && room.status === 'live') {
      d.board.report({
        roomId: room.roomId,
        level: verdict.level,
        origin: 'tencent',
        className: verdict.className,
        score: verdict.score,
        message: verdict.message,
        at: Date.now(),
      });
    }
    d.log(`callback: moderation ${verdict.level} on stream ${verdict.streamName}${room ? '' : ' (no live room)'}`);
    // Tencent retries unless it reads {"code":0}.
    return { json: { code: 0 } };
  });

  for (const [path, [file, type]] of Object.entries(consoleFiles)) {
    r.add('GET', path, (ctx) => {
      ctx.res.writeHead(200, {
        'Content-Type': type,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
      });
      ctx.res.end(readFileSync(join(consoleDir(), file)));
      return undefined;
    });
  }
}
