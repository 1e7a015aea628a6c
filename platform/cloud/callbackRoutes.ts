// Cloud Live callbacks (stream pushed / cut off / recording made), signed with t + md5(callbackKey + t).
import { z } from 'zod';
import { refusals } from '../http/refusals';
import { HttpError, type Router } from '../http/router';
import { verifyCallbackSign } from '../ingest/pushSign';
import type { RoomService } from '../rooms/roomService';

const callbackSchema = z.looseObject({
  t: z.union([z.number(), z.string()]),
  sign: z.string(),
  event_type: z.number().int(),
  stream_id: z.string().max(200).optional(),
});

export function registerCallbackRoutes(
  r: Router,
  d: { rooms: RoomService; callbackKey: string | undefined; log: (l: string) => void },
): void {
  r.add('POST', '/api/v1/callbacks/live', async (ctx) => {
    if (!d.callbackKey) throw new HttpError(404, 'not_found', refusals.callbacksOff);
    const body = await ctx.body(callbackSchema);
    const check = verifyCallbackSign(d.callbackKey, body.t, body.sign);
    if (!check.ok) throw new HttpError(403, 'forbidden', check.reason);
    if ((body.event_type === 1 || body.event_type === 0) && body.stream_id) {
      const room = d.rooms.setStreamUp(body.stream_id, body.event_type === 1);
      d.log(
        `callback: stream ${body.stream_id} ${body.event_type === 1 ? 'pushed' : 'cut off'}${room ? '' : ' (no live room)'}`,
      );
    }
    // Tencent retries unless it reads {"code":0}.
    return { json: { code: 0 } };
  });
}
