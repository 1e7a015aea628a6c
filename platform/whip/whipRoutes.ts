// WHIP (RFC 9725) and WHEP over HTTP for co-host guests: POST an SDP offer → 201 with the answer and a
// Location, DELETE that Location to leave. WHIP publishes the guest; WHEP plays them their return feed.
// The caller is the guest, by their own platform token.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { AccountService } from '../accounts/accountService';
import { refusals } from '../http/refusals';
import { HttpError, type Router } from '../http/router';
import type { RoomService } from '../rooms/roomService';
import type { WhepEgress } from '../whep/whepEgress';
import type { WhipIngest } from './whipIngest';

/** An SDP offer from a browser is a few KB; anything much larger is not one. */
export const MAX_OFFER_BYTES = 32 * 1024;

const roomIdParam = z.string().regex(/^\d{1,12}$/);
const userIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);

function readOffer(req: IncomingMessage): Promise<string> {
  // A declared length is checked before reading; an undeclared one is cut off at the limit.
  if (Number(req.headers['content-length'] ?? 0) > MAX_OFFER_BYTES)
    return Promise.reject(new HttpError(413, 'too_large', refusals.whipOfferTooLarge));
  return new Promise((done, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_OFFER_BYTES) {
        reject(new HttpError(413, 'too_large', refusals.whipOfferTooLarge));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface WhipRouteDeps {
  accounts: AccountService;
  rooms: RoomService;
  whip: WhipIngest;
  /** The return feeds guests watch (WHEP); same shape of resource, the other direction. */
  whep: WhepEgress;
  mode: 'local' | 'cloud';
}

export function whipPath(roomId: string, userId: string): string {
  return `/api/v1/rooms/${roomId}/guests/${userId}/whip`;
}

interface SdpResource {
  /** The last path segment: whip (the guest publishes) or whep (the guest watches). */
  kind: 'whip' | 'whep';
  open(roomId: string, userId: string, offer: string): Promise<{ id: string; answer: string }>;
  leave(roomId: string, userId: string, id: string): Promise<void>;
}

/** POST an offer → 201 with the answer and a Location; DELETE that Location to end it. Only the guest themselves. */
function registerSdpResource(r: Router, d: WhipRouteDeps, res: SdpResource): void {
  const params = (p: Record<string, string>) => {
    if (!roomIdParam.safeParse(p.roomId).success) throw new HttpError(404, 'not_found', refusals.roomNumberDigits);
    if (!userIdParam.safeParse(p.userId).success) throw new HttpError(404, 'not_found', refusals.noAccount);
    return { roomId: p.roomId!, userId: p.userId! };
  };
  const base = `/api/v1/rooms/:roomId/guests/:userId/${res.kind}`;

  r.add('POST', base, async (ctx) => {
    const me = d.accounts.requireBearer(ctx.req.headers.authorization);
    const { roomId, userId } = params(ctx.params);
    if (d.mode !== 'local') throw new HttpError(403, 'forbidden', refusals.whipLocalOnly);
    // A viewer publishes, and watches their return feed, only as themselves.
    if (me.userId !== userId) throw new HttpError(403, 'forbidden', refusals.whipNotInvited);
    d.rooms.requireLive(roomId);
    if (!/^application\/sdp\b/i.test(ctx.req.headers['content-type'] ?? ''))
      throw new HttpError(415, 'unsupported_media_type', refusals.whipNotSdp);
    const offer = await readOffer(ctx.req);
    if (!offer.startsWith('v=0')) throw new HttpError(400, 'invalid_input', refusals.whipBadOffer('it is not SDP'));
    const { id, answer } = await res.open(roomId, userId, offer);
    ctx.res
      .writeHead(201, {
        'Content-Type': 'application/sdp',
        Location: `/api/v1/rooms/${roomId}/guests/${userId}/${res.kind}/${id}`,
        'Cache-Control': 'no-store',
      })
      .end(answer);
    return undefined;
  });

  r.add('DELETE', `${base}/:sessionId`, async (ctx) => {
    const me = d.accounts.requireBearer(ctx.req.headers.authorization);
    const { roomId, userId } = params(ctx.params);
    if (me.userId !== userId) throw new HttpError(404, 'not_found', refusals.whipNoSession);
    await res.leave(roomId, userId, ctx.params.sessionId ?? '');
    return { json: { ok: true } };
  });
}

export function registerWhipRoutes(r: Router, d: WhipRouteDeps): void {
  registerSdpResource(r, d, {
    kind: 'whip',
    open: (roomId, userId, offer) => d.whip.publish(roomId, userId, offer),
    leave: (roomId, userId, id) => d.whip.leave(roomId, userId, id),
  });
  registerSdpResource(r, d, {
    kind: 'whep',
    open: (roomId, userId, offer) => d.whep.watch(roomId, userId, offer),
    leave: (roomId, userId, id) => d.whep.leave(roomId, userId, id),
  });
}
