// Every request this server answers, by requestType, and how one runs: a handler's RequestFailure or a
// studio refusal becomes the protocol's status with a comment; an unknown type is UnknownRequestType.
import { statfsSync } from 'node:fs';
import { inputRequests } from './inputRequests';
import { outputRequests } from './outputRequests';
import { OBS_WEBSOCKET_VERSION, RequestStatus, RPC_VERSION } from './protocol';
import { RequestFailure, type RequestContext, type RequestHandler, type RequestOutcome } from './requestTypes';
import { sceneRequests } from './sceneRequests';
import { callVendorRequest } from './vendorRequests';

function freeDiskMb(dir: string): number {
  try {
    const s = statfsSync(dir);
    return (s.bavail * s.bsize) / (1024 * 1024);
  } catch {
    return 0;
  }
}

const generalRequests: Record<string, RequestHandler> = {
  async GetVersion(_d, ctx) {
    const info = await ctx.call('system.info', {});
    return {
      obsVersion: info.appVersion,
      obsWebSocketVersion: OBS_WEBSOCKET_VERSION,
      rpcVersion: RPC_VERSION,
      availableRequests: requestTypes(),
      supportedImageFormats: [],
      platform: process.platform,
      platformDescription: `${info.appName} ${info.appVersion} (${info.runtime})`,
    };
  },
  async GetStats(_d, ctx) {
    const info = await ctx.call('system.info', {});
    const { media, live } = ctx.figures();
    return {
      cpuUsage: media?.cpuPercent ?? 0,
      memoryUsage: process.memoryUsage().rss / (1024 * 1024),
      availableDiskSpace: freeDiskMb(info.dataDir),
      activeFps: media?.fps ?? 0,
      averageFrameRenderTime: 0,
      renderSkippedFrames: media?.droppedFrames ?? 0,
      renderTotalFrames: live ? Math.round(live.elapsedSec * live.fps) : 0,
      outputSkippedFrames: live?.droppedFrames ?? 0,
      outputTotalFrames: live ? Math.round(live.elapsedSec * live.fps) : 0,
      webSocketSessionIncomingMessages: ctx.session.incoming,
      webSocketSessionOutgoingMessages: ctx.session.outgoing,
    };
  },
  CallVendorRequest: callVendorRequest,
};

const handlers: Record<string, RequestHandler> = {
  ...generalRequests,
  ...sceneRequests,
  ...inputRequests,
  ...outputRequests,
};

export function requestTypes(): string[] {
  return Object.keys(handlers);
}

export async function runRequest(
  requestType: string,
  data: Record<string, unknown>,
  ctx: RequestContext,
): Promise<RequestOutcome> {
  const handler = Object.hasOwn(handlers, requestType) ? handlers[requestType] : undefined;
  if (!handler)
    return {
      ok: false,
      code: RequestStatus.UnknownRequestType,
      comment: `The studio has no request named "${requestType.slice(0, 80)}".`,
    };
  try {
    const result = await handler(data, ctx);
    return result ? { ok: true, data: result } : { ok: true };
  } catch (err) {
    if (err instanceof RequestFailure) return { ok: false, code: err.code, comment: err.message };
    return {
      ok: false,
      code: RequestStatus.RequestProcessingFailed,
      comment: `The studio could not do that: ${(err as Error).message}`,
    };
  }
}
