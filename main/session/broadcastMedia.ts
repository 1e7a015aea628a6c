// What a broadcast needs of the media engine, and nothing more: the session is tested against this and the
// composition root adapts the real engine to it.
export interface MediaStatsSample {
  fps: number;
  bitrateKbps: number;
  droppedFrames: number;
  /** Encoder speed as a realtime factor; under 1 means frames will soon be dropped. */
  speed: number | null;
  cpuPercent: number | null;
  push: { state: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'down'; attempt: number };
}

export interface RecordingFileInfo {
  path: string;
  sizeBytes: number;
  playable: boolean;
}

export interface BroadcastMedia {
  startPush(url: string): Promise<void>;
  stopPush(): Promise<void>;
  startRecording(): Promise<void>;
  /** Closes the recording; resolves once its files are final. */
  stopRecording(): Promise<string[]>;
  isRecording(): boolean;
  /** The files the current (or last) recording wrote so far. */
  recordingFiles(): string[];
  setMicMuted(muted: boolean): Promise<void>;
  setCameraOff(off: boolean): Promise<void>;
  onStats(listener: (s: MediaStatsSample) => void): () => void;
  /** After a crash: makes the files playable (the engine's repair) and says which are. */
  repair(paths: string[]): Promise<RecordingFileInfo[]>;
}

const missing = 'The media engine is not part of this build, so the studio cannot push video.';

/** Used until a media engine is wired in: says so plainly instead of pretending. */
export const noMedia: BroadcastMedia = {
  startPush: () => Promise.reject(new Error(missing)),
  stopPush: () => Promise.resolve(),
  startRecording: () => Promise.reject(new Error(missing)),
  stopRecording: () => Promise.resolve([]),
  isRecording: () => false,
  recordingFiles: () => [],
  setMicMuted: () => Promise.reject(new Error(missing)),
  setCameraOff: () => Promise.reject(new Error(missing)),
  onStats: () => () => {},
  repair: (paths) => Promise.resolve(paths.map((path) => ({ path, sizeBytes: 0, playable: false }))),
};
