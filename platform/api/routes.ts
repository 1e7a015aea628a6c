// The HTTP API's routes: thin lines from validated input into the services.
import { z } from 'zod';
import type { AccountService } from '../accounts/accountService';
import { giftCatalog } from '../gifts/catalog';
import type { GiftService } from '../gifts/giftService';
import { refusals } from '../http/refusals';
import { HttpError, type Router } from '../http/router';
import type { RoomService } from '../rooms/roomService';
import {
  addModeratorRequestSchema,
  createAccountRequestSchema,
  createRoomRequestSchema,
  createSessionRequestSchema,
  guestSessionRequestSchema,
  likeRequestSchema,
  rechargeRequestSchema,
  sendGiftRequestSchema,
} from '../../common/platformApi/schemas';

export interface RouteDeps {
  accounts: AccountService;
  rooms: RoomService;
  gifts: GiftService;
  mode: 'local' | 'cloud';
}

const roomIdParam = z.string().regex(/^\d{1,12}$/);

function roomId(params: Record<string, string>): string {
  const id = params.roomId ?? '';
  if (!roomIdParam.safeParse(id).success) throw new HttpError(404, 'not_found', refusals.roomNumberDigits);
  return id;
}

export function registerApiRoutes(r: Router, d: RouteDeps): void {
  const auth = (ctx: { req: { headers: { authorization?: string } } }) =>
    d.accounts.requireBearer(ctx.req.headers.authorization);

  r.add('POST', '/api/v1/accounts', async (ctx) => ({
    status: 201,
    json: await d.accounts.create(await ctx.body(createAccountRequestSchema)),
  }));
  r.add('POST', '/api/v1/sessions', async (ctx) => {
    const b = await ctx.body(createSessionRequestSchema);
    return { json: await d.accounts.signIn(b.userId, b.password, ctx.req.socket.remoteAddress ?? '') };
  });
  r.add('POST', '/api/v1/sessions/guest', async (ctx) => {
    if (d.mode !== 'local') throw new HttpError(403, 'forbidden', refusals.guestsLocalOnly);
    const b = await ctx.body(guestSessionRequestSchema);
    return { status: 201, json: d.accounts.guest(b.nickname) };
  });
  r.add('GET', '/api/v1/me', (ctx) => {
    const me = auth(ctx);
    return { json: { userId: me.userId, nickname: me.nickname, balance: me.balance } };
  });
  r.add('POST', '/api/v1/me/chat-credentials', (ctx) => ({ json: d.accounts.chatCredentials(auth(ctx)) }));
  r.add('POST', '/api/v1/me/recharge', async (ctx) => {
    const me = auth(ctx);
    if (d.mode !== 'local') throw new HttpError(403, 'forbidden', refusals.rechargeLocalOnly);
    const b = await ctx.body(rechargeRequestSchema);
    return { json: { balance: d.accounts.recharge(me.userId, b.amount) } };
  });

  r.add('POST', '/api/v1/accounts/:userId/recharge', async (ctx) => {
    const me = auth(ctx);
    if (me.role !== 'operator') throw new HttpError(403, 'forbidden', refusals.operatorCreditOnly);
    const b = await ctx.body(rechargeRequestSchema);
    const target = ctx.params.userId ?? '';
    if (!d.accounts.get(target)) throw new HttpError(404, 'not_found', refusals.noAccount);
    return { json: { balance: d.accounts.recharge(target, b.amount) } };
  });

  r.add('POST', '/api/v1/rooms', async (ctx) => {
    const me = auth(ctx);
    const b = await ctx.body(createRoomRequestSchema);
    return { status: 201, json: await d.rooms.create(me, b.title) };
  });
  r.add('GET', '/api/v1/rooms', () => ({ json: { rooms: d.rooms.list() } }));
  r.add('GET', '/api/v1/rooms/:roomId', (ctx) => ({ json: d.rooms.toLive(d.rooms.requireLive(roomId(ctx.params))) }));
  r.add('POST', '/api/v1/rooms/:roomId/heartbeat', (ctx) => ({
    json: d.rooms.heartbeat(roomId(ctx.params), auth(ctx)),
  }));
  r.add('POST', '/api/v1/rooms/:roomId/end', (ctx) => ({ json: d.rooms.endByOwner(roomId(ctx.params), auth(ctx)) }));
  r.add('POST', '/api/v1/rooms/:roomId/moderators', async (ctx) => {
    const me = auth(ctx);
    const id = roomId(ctx.params);
    const b = await ctx.body(addModeratorRequestSchema);
    d.rooms.addModerator(id, me, b.userId, d.accounts.get(b.userId) !== undefined);
    return { json: { ok: true } };
  });
  r.add('POST', '/api/v1/rooms/:roomId/guests/:userId/stream', async (ctx) => {
    const me = auth(ctx);
    const id = roomId(ctx.params);
    const userId = ctx.params.userId ?? '';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(userId)) throw new HttpError(404, 'not_found', refusals.noAccount);
    return { json: await d.rooms.guestStream(id, me, userId) };
  });
  r.add('POST', '/api/v1/rooms/:roomId/likes', async (ctx) => {
    const me = auth(ctx);
    const id = roomId(ctx.params);
    const b = await ctx.body(likeRequestSchema);
    return { json: { likes: d.rooms.like(id, me, b.count) } };
  });

  r.add('GET', '/api/v1/gifts', () => ({ json: { gifts: giftCatalog } }));
  r.add('POST', '/api/v1/rooms/:roomId/gifts', async (ctx) => {
    const me = auth(ctx);
    const id = roomId(ctx.params);
    const b = await ctx.body(sendGiftRequestSchema);
    return { json: await d.gifts.send(id, me, b.giftId, b.count, b.requestId) };
  });
}
