// The PK HTTP API: thin lines from validated input into links and battles. A VJ acts for their own live room
// only (the room is the caller's, never a number they name); battles and a room's fought battles are public.
import { z } from 'zod';
import type { AccountService } from '../accounts/accountService';
import { HttpError, type Router } from '../http/router';
import type { AccountRow } from '../storage/accountsRepo';
import type { RoomRow, RoomsRepo } from '../storage/roomsRepo';
import type { PkBattlesRepo } from '../storage/pkBattlesRepo';
import {
  PK_RESULT_SHOWN_MS,
  pkBattleRequestSchema,
  pkInviteRequestSchema,
  type PkRoomState,
} from '../../common/platformApi/pkSchemas';
import type { PkBattles } from './pkBattles';
import type { PkLinks } from './pkLinks';
import { refusals } from '../http/refusals';

export interface PkRouteDeps {
  accounts: AccountService;
  rooms: RoomsRepo;
  battlesRepo: PkBattlesRepo;
  links: PkLinks;
  battles: PkBattles;
  linkFeedPushUrl(room: RoomRow): string;
}

const idParam = z.string().regex(/^[0-9a-f]{1,32}$/);

function param(params: Record<string, string>, name: string): string {
  const v = params[name] ?? '';
  if (!idParam.safeParse(v).success) throw new HttpError(404, 'not_found', refusals.pk.noInvite);
  return v;
}

export function registerPkRoutes(r: Router, d: PkRouteDeps): void {
  const caller = (ctx: { req: { headers: { authorization?: string } } }) =>
    d.accounts.requireBearer(ctx.req.headers.authorization);
  const ownLiveRoom = (me: AccountRow): RoomRow => {
    const room = d.rooms.liveOwnedBy(me.userId)[0];
    if (!room) throw new HttpError(409, 'conflict', refusals.pk.notLive);
    return room;
  };
  const liveRoom = (roomId: string) => {
    const room = d.rooms.get(roomId);
    return room?.status === 'live' ? room : undefined;
  };

  r.add('GET', '/api/v1/pk/me', (ctx) => {
    const room = ownLiveRoom(caller(ctx));
    // The open battle, or the last one while its result is still on screen.
    const latest = d.battlesRepo.latestFor(room.roomId);
    const showing =
      latest &&
      (latest.status === 'proposed' ||
        latest.status === 'running' ||
        (latest.status === 'ended' && Date.now() - (latest.endedAt ?? 0) < PK_RESULT_SHOWN_MS));
    const state: PkRoomState = {
      roomId: room.roomId,
      linkFeedPushUrl: d.linkFeedPushUrl(room),
      ...d.links.stateOf(room.roomId),
      battle: showing ? latest : null,
    };
    return { json: state };
  });

  r.add('POST', '/api/v1/pk/invites', async (ctx) => {
    const from = ownLiveRoom(caller(ctx));
    const b = await ctx.body(pkInviteRequestSchema);
    const to = liveRoom(b.toRoomId);
    if (!to) throw new HttpError(404, 'not_found', refusals.pk.notLive);
    return { status: 201, json: d.links.invite(from, to) };
  });
  r.add('POST', '/api/v1/pk/invites/:inviteId/accept', (ctx) => {
    const me = caller(ctx);
    ownLiveRoom(me);
    return { json: d.links.accept(param(ctx.params, 'inviteId'), me.userId) };
  });
  for (const verb of ['decline', 'cancel'] as const) {
    r.add('POST', `/api/v1/pk/invites/:inviteId/${verb}`, (ctx) => {
      d.links[verb](param(ctx.params, 'inviteId'), caller(ctx).userId);
      return { json: { ok: true } };
    });
  }
  r.add('POST', '/api/v1/pk/links/:linkId/end', (ctx) => {
    d.links.end(param(ctx.params, 'linkId'), ownLiveRoom(caller(ctx)).roomId);
    return { json: { ok: true } };
  });

  r.add('POST', '/api/v1/pk/battles', async (ctx) => {
    const me = caller(ctx);
    const room = ownLiveRoom(me);
    const b = await ctx.body(pkBattleRequestSchema);
    return { status: 201, json: d.battles.propose(room, me, b.linkId, b.durationSec) };
  });
  for (const verb of ['accept', 'decline', 'end'] as const) {
    r.add('POST', `/api/v1/pk/battles/:battleId/${verb}`, (ctx) => ({
      json: d.battles[verb](param(ctx.params, 'battleId'), caller(ctx)),
    }));
  }
  r.add('GET', '/api/v1/pk/battles/:battleId', (ctx) => ({ json: d.battles.view(param(ctx.params, 'battleId')) }));
  r.add('GET', '/api/v1/rooms/:roomId/battles', (ctx) => {
    const roomId = ctx.params.roomId ?? '';
    if (!/^\d{1,12}$/.test(roomId)) throw new HttpError(404, 'not_found', refusals.pk.noLink);
    return { json: { battles: d.battlesRepo.foughtBy(roomId) } };
  });
}
