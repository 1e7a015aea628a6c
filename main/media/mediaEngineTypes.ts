// The media engine's public shapes: its options, the frames it hands out and the events it emits.
import type { MediaStats, MediaStatus, Preset } from '../contract/media';
import type { MeterReading } from './audioLevels';
import type { AppliedInfo } from './compositorRunner';
import type { encoderStageArgs, VideoEncoderId } from './encoderCommand';
import type { MediaError } from './ffmpegErrors';

export interface MediaEngineOptions {
  ffmpegPath: string;
  /** Scratch folder (text files for drawtext). */
  workDir: string;
  recordingsDir: string;
  preset?: Preset;
  encoder?: VideoEncoderId;
  x264Preset?: string;
  /** The encoder stage's command; tests stand in a GPU this machine does not have (see programStage.ts). */
  encoderStageArgs?: typeof encoderStageArgs;
  platform?: NodeJS.Platform;
  resolveGuestUrl?: (guestUserId: string) => string | null | Promise<string | null>;
  pushBackoffMs?: number[];
  fontFile?: string;
  log?: (line: string) => void;
}

/** One composed frame: yuv420p planes as slices of what the compositor wrote. */
export interface ProgramFrame {
  slices: readonly Buffer[];
  width: number;
  height: number;
  at: number;
  /** The s16le stereo audio the encoder took with this frame. */
  audio?: Buffer;
}

export interface GuestFrameEvent {
  guestUserId: string;
  at: number;
}

export interface MediaEngineEvents {
  stats: [MediaStats];
  state: [MediaStatus];
  applied: [AppliedInfo];
  guestFrame: [GuestFrameEvent];
  guestGone: [GuestFrameEvent];
  notice: [MediaError & { source: string }];
  /** Peak and RMS (dBFS) of every sound channel of the scene on air, about ten times a second. */
  levels: [MeterReading[]];
  /** The encoder was restarted (a new clock and fan-out): outputs of its fan-out publish again. */
  stageRestarted: [];
}
