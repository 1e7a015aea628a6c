// The playout-delay RTP header extension on a return feed's video: it tells the guest's browser to show each
// frame as soon as it is decoded (minimum and maximum delay 0) instead of holding it in a jitter buffer for
// smoothness. A conversation wants the VJ's picture now; the page's own playoutDelayHint sets only a minimum.
import { RtpPacket, RTCRtpHeaderExtensionParameters } from 'werift';

export const PLAYOUT_DELAY_URI = 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay';

/** Offered to the browser for video (kept only when its offer has it, under the browser's id). */
export const playoutDelayExtension = () => new RTCRtpHeaderExtensionParameters({ uri: PLAYOUT_DELAY_URI });

/** 12 bits of minimum and 12 of maximum delay, in units of 10 ms: both 0. */
const NO_DELAY = Buffer.alloc(3);

/** The relay's RTP packet with the extension (under the negotiated id) telling the browser not to wait. */
export function withoutPlayoutDelay(rtp: Buffer, id: number): RtpPacket {
  const packet = RtpPacket.deSerialize(rtp);
  packet.header.extensions = [...packet.header.extensions.filter((e) => e.id !== id), { id, payload: NO_DELAY }];
  return packet;
}

/** Minimum and maximum playout delay (ms) a packet asks for, or null when it carries no such extension. */
export function playoutDelayOf(rtp: Buffer, id: number): { min: number; max: number } | null {
  const e = RtpPacket.deSerialize(rtp).header.extensions.find((x) => x.id === id);
  if (!e || e.payload.length !== 3) return null;
  const v = e.payload.readUIntBE(0, 3);
  return { min: (v >> 12) * 10, max: (v & 0xfff) * 10 };
}
