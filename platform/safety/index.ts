// Content safety on the platform: the board of room states, the routes and console page, and (when asked
// for) a sampler of every live room's stream with the same nsfwjs classifier the studio runs.
import type { AccountService } from '../accounts/accountService';
import type { Router } from '../http/router';
import type { RoomService } from '../rooms/roomService';
import type { Classifier } from '../../common/safety/classifier';
import { WorkerClassifier } from '../../common/safety/workerClassifier';
import { RoomSampler } from './roomSampler';
import { registerSafetyRoutes } from './routes';
import { SafetyBoard } from './safetyBoard';

export interface PlatformSafetyOptions {
  /**
   * Sample each live room every this many seconds; 0 or absent = no sampling (the embedded default: the studio samples
   * itself).
   */
  sampleSeconds?: number;
  /** The classifier to sample with; the nsfwjs worker by default (tests hand a scripted one). */
  createClassifier?: () => Classifier;
}

export interface PlatformSafetyDeps {
  rooms: RoomService;
  accounts: AccountService;
  ffmpegPath: string;
  callbackKey: string | undefined;
  log: (line: string) => void;
}

export interface PlatformSafety {
  board: SafetyBoard;
  sampler: RoomSampler | null;
  close(): Promise<void>;
}

export function startPlatformSafety(
  router: Router,
  d: PlatformSafetyDeps,
  options: PlatformSafetyOptions = {},
): PlatformSafety {
  const board = new SafetyBoard();
  registerSafetyRoutes(router, { rooms: d.rooms, accounts: d.accounts, board, callbackKey: d.callbackKey, log: d.log });
  let sampler: RoomSampler | null = null;
  if (options.sampleSeconds && options.sampleSeconds > 0) {
    const classifier = options.createClassifier?.() ?? new WorkerClassifier({ log: d.log });
    (classifier as Classifier & { start?: () => unknown }).start?.();
    sampler = new RoomSampler({
      ffmpeg: d.ffmpegPath,
      classifier,
      board,
      sampleSeconds: options.sampleSeconds,
      liveRooms: () => d.rooms.list().map((r) => ({ roomId: r.roomId, streamUp: r.streamUp, flvUrl: r.playUrls.flv })),
      log: d.log,
    });
  }
  return { board, sampler, close: async () => sampler?.close() };
}

export type { RoomSafetyState, SafetyBoard } from './safetyBoard';
