// The guest page's own account of its return feed (RTCPeerConnection.getStats of the WHEP player): how long
// each video frame and each sound sample waited in the browser's jitter buffer, and decoding and rendering
// after it. Splits the return leg into the page's part and the path before it (encoder, ingest, relay).
import type { Page } from 'playwright-core';

/**
 * Keeps every peer connection the page makes, and window.__receiverTotals() reads the last connected one's
 * receivers (a script of its own: esbuild may name functions through a __name helper that a page does not have).
 */
export const peerConnectionKeeper = `(() => {
  const Original = window.RTCPeerConnection;
  const kept = [];
  window.RTCPeerConnection = function (...args) {
    const pc = new Original(...args);
    kept.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
  window.__receiverTotals = async () => {
    const pc = kept.filter((p) => p.connectionState === 'connected' && p.getReceivers().length > 0).at(-1);
    if (!pc) return null;
    const receiver = pc.getReceivers().find((r) => r.track.kind === 'video');
    const totals = {
      video: { jitterBufferDelay: 0, emitted: 0, processingDelay: 0, decoded: 0, decodeTime: 0 },
      audio: { jitterBufferDelay: 0, emitted: 0 },
      asked: { playoutDelayHint: receiver?.playoutDelayHint ?? null, jitterBufferTarget: receiver?.jitterBufferTarget ?? null },
    };
    (await pc.getStats()).forEach((s) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'video')
        totals.video = {
          jitterBufferDelay: s.jitterBufferDelay ?? 0,
          emitted: s.jitterBufferEmittedCount ?? 0,
          processingDelay: s.totalProcessingDelay ?? 0,
          decoded: s.framesDecoded ?? 0,
          decodeTime: s.totalDecodeTime ?? 0,
        };
      else totals.audio = { jitterBufferDelay: s.jitterBufferDelay ?? 0, emitted: s.jitterBufferEmittedCount ?? 0 };
    });
    return totals;
  };
})();`;

/** Cumulative figures of the return feed's inbound video and audio (the last receive-only connection's). */
export interface ReceiverTotals {
  video: { jitterBufferDelay: number; emitted: number; processingDelay: number; decoded: number; decodeTime: number };
  audio: { jitterBufferDelay: number; emitted: number };
  /** What the page asked of its video receiver (playoutDelayHint in seconds, jitterBufferTarget in ms). */
  asked: { playoutDelayHint: number | null; jitterBufferTarget: number | null };
}

export function readReceiverTotals(page: Page): Promise<ReceiverTotals | null> {
  return page.evaluate(() =>
    (window as unknown as { __receiverTotals(): Promise<ReceiverTotals | null> }).__receiverTotals(),
  );
}

/** Mean milliseconds per frame (per sample for audio) between two readings of the totals. */
export function describeReceiver(before: ReceiverTotals | null, after: ReceiverTotals | null): string {
  if (!before || !after) return 'stage: page receiver                          (no connected return feed to read)';
  const per = (total: number, total0: number, count: number, count0: number) =>
    count > count0 ? (((total - total0) / (count - count0)) * 1000).toFixed(0) : '?';
  const v = after.video;
  const v0 = before.video;
  return [
    `stage: page jitter buffer (mean)              video ${per(v.jitterBufferDelay, v0.jitterBufferDelay, v.emitted, v0.emitted)} ms a frame,`,
    `audio ${per(after.audio.jitterBufferDelay, before.audio.jitterBufferDelay, after.audio.emitted, before.audio.emitted)} ms;`,
    `receive → decoded ${per(v.processingDelay, v0.processingDelay, v.decoded, v0.decoded)} ms, decode ${per(v.decodeTime, v0.decodeTime, v.decoded, v0.decoded)} ms`,
    `(asked: playoutDelayHint ${after.asked.playoutDelayHint}, jitterBufferTarget ${after.asked.jitterBufferTarget})`,
  ].join(' ');
}
