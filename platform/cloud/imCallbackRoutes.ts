// Cloud mode: Tencent IM's webhooks at POST /api/v1/callbacks/im. Only Group.CallbackAfterSendMsg is used: it
// tells the platform who sent each group message, so the relay can check whose message a moderator recalls.
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { refusals } from '../http/refusals';
import { HttpError, type Router } from '../http/router';
import type { RoomsRepo } from '../storage/roomsRepo';
import type { MessageSenders } from './messageSenders';

/** Tencent's advice: a RequestTime more than a minute away from now is a replay. */
const MAX_CLOCK_SKEW_S = 60;

const afterSendMsg = z.looseObject({
  GroupId: z.string().min(1).max(48),
  From_Account: z.string().min(1).max(64),
  MsgSeq: z.number().int().min(0),
});

/** Tencent's signature: Sign = hex sha256(token + RequestTime), both in the callback URL's query. */
export function imCallbackSign(token: string, requestTime: string): string {
  return createHash('sha256')
    .update(token + requestTime)
    .digest('hex');
}

const signMatches = (token: string, requestTime: string, sign: string): boolean => {
  const want = Buffer.from(imCallbackSign(token, requestTime));
  const got = Buffer.from(sign.toLowerCase());
  return want.length === got.length && timingSafeEqual(want, got);
};

export function registerImCallbackRoutes(
  r: Router,
  d: {
    sdkAppId: number;
    /** The webhook authentication token set in Tencent IM's console; no token, no webhook. */
    token: string | undefined;
    rooms: RoomsRepo;
    senders: MessageSenders;
    log: (l: string) => void;
  },
): void {
  r.add('POST', '/api/v1/callbacks/im', async (ctx) => {
    if (!d.token) throw new HttpError(404, 'not_found', refusals.imCallbacksOff);
    const q = ctx.url.searchParams;
    if (q.get('SdkAppid') !== String(d.sdkAppId)) throw new HttpError(403, 'forbidden', refusals.imCallbackOtherApp);
    const requestTime = q.get('RequestTime') ?? '';
    const sign = q.get('Sign') ?? '';
    if (!/^\d{1,12}$/.test(requestTime) || !signMatches(d.token, requestTime, sign))
      throw new HttpError(403, 'forbidden', refusals.imCallbackBadSign);
    if (Math.abs(Date.now() / 1000 - Number(requestTime)) > MAX_CLOCK_SKEW_S)
      throw new HttpError(403, 'forbidden', refusals.imCallbackStale);
    if (q.get('CallbackCommand') === 'Group.CallbackAfterSendMsg') {
      const b = await ctx.body(afterSendMsg);
      // Only live rooms: a group nobody broadcasts in has nothing to recall through the relay.
      const room = d.rooms.byGroup(b.GroupId);
      if (room?.status === 'live') d.senders.record(b.GroupId, b.MsgSeq, b.From_Account);
    }
    return { json: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } };
  });
}
