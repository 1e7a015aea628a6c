// The stream and the recording: StartStream is the studio's go-live (room, push, confirmation on the
// platform), StopStream its end, and the recording its own session.startRecording / stopRecording.
import { statSync } from 'node:fs';
import { RequestStatus } from './protocol';
import { RequestFailure, type RequestContext, type RequestHandler } from './requestTypes';

/** How long a start or stop may take to fail before the answer goes back and the events tell the rest. */
const EARLY_FAILURE_MS = 1500;
const FALLBACK_TITLE = 'Live';

export function timecode(ms: number): string {
  const t = Math.max(0, Math.floor(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}.${pad(t % 1000, 3)}`;
}

/**
 * OBS answers StartStream once the output is starting and reports the rest as events; the studio's go-live
 * takes seconds (room, push, confirmation), so it answers once the start has run that long without failing.
 */
async function answerEarly(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const settled = work.then(() => undefined);
  settled.catch(() => {});
  await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, EARLY_FAILURE_MS)))]);
  clearTimeout(timer);
}

async function streaming(ctx: RequestContext): Promise<boolean> {
  const phase = (await ctx.call('session.state', {})).phase;
  return phase === 'live' || phase === 'starting';
}

async function startStream(ctx: RequestContext): Promise<void> {
  if (await streaming(ctx)) throw new RequestFailure(RequestStatus.OutputRunning, 'The studio is live already.');
  const last = (await ctx.call('history.list', {})).broadcasts?.[0]?.title;
  await answerEarly(ctx.call('session.goLive', { title: last || FALLBACK_TITLE }));
}

async function stopStream(ctx: RequestContext): Promise<void> {
  if ((await ctx.call('session.state', {})).phase !== 'live')
    throw new RequestFailure(RequestStatus.OutputNotRunning, 'The studio is not live.');
  await answerEarly(ctx.call('session.end', {}));
}

async function recordingFile(ctx: RequestContext): Promise<string> {
  return (await ctx.call('media.status', {})).recording.currentFile ?? '';
}

function sizeOf(path: string): number {
  try {
    return path ? statSync(path).size : 0;
  } catch {
    return 0;
  }
}

export const outputRequests: Record<string, RequestHandler> = {
  async GetStreamStatus(_d, ctx) {
    const s = await ctx.call('session.state', {});
    const { live } = ctx.figures();
    const active = s.phase === 'live';
    const durationMs = active && s.startedAt ? Date.now() - s.startedAt : 0;
    const totalFrames = active && live ? Math.round(live.elapsedSec * live.fps) : 0;
    return {
      outputActive: active,
      outputReconnecting: active && s.connection.state === 'reconnecting',
      outputTimecode: timecode(durationMs),
      outputDuration: durationMs,
      outputCongestion: active && live?.dropWarning ? 1 : 0,
      // The push counts no bytes; the bitrate times the time live is the nearest honest figure.
      outputBytes: active && live ? Math.round((live.bitrateKbps * 1000 * live.elapsedSec) / 8) : 0,
      outputSkippedFrames: active && live ? live.droppedFrames : 0,
      outputTotalFrames: totalFrames,
    };
  },
  StartStream: (_d, ctx) => startStream(ctx),
  StopStream: (_d, ctx) => stopStream(ctx),
  async ToggleStream(_d, ctx) {
    const active = await streaming(ctx);
    await (active ? stopStream(ctx) : startStream(ctx));
    return { outputActive: !active };
  },
  async GetRecordStatus(_d, ctx) {
    const s = await ctx.call('session.state', {});
    const since = ctx.figures().recordingSince;
    const durationMs = s.recording && since ? Date.now() - since : 0;
    return {
      outputActive: s.recording,
      outputPaused: false,
      outputTimecode: timecode(durationMs),
      outputDuration: durationMs,
      outputBytes: s.recording ? sizeOf(await recordingFile(ctx)) : 0,
    };
  },
  async StartRecord(_d, ctx) {
    if ((await ctx.call('session.state', {})).recording)
      throw new RequestFailure(RequestStatus.OutputRunning, 'The studio is recording already.');
    await ctx.call('session.startRecording', {});
  },
  async StopRecord(_d, ctx) {
    if (!(await ctx.call('session.state', {})).recording)
      throw new RequestFailure(RequestStatus.OutputNotRunning, 'The studio is not recording.');
    const before = await recordingFile(ctx);
    await ctx.call('session.stopRecording', {});
    // A recording stopped in its first moment may have named its file only now.
    return { outputPath: before || (await recordingFile(ctx)) };
  },
  async ToggleRecord(_d, ctx) {
    const recording = (await ctx.call('session.state', {})).recording;
    if (recording) await outputRequests.StopRecord!({}, ctx);
    else await outputRequests.StartRecord!({}, ctx);
    return { outputActive: !recording };
  },
};
