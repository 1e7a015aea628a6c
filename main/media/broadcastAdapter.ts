// Adapts the media engine to what a broadcast session needs (session/broadcastMedia.ts): go live starts the
// pipeline if needed and pushes; the recording, the stats and the crash repair map one to one.
import { statSync } from 'node:fs';
import type { BroadcastMedia, MediaStatsSample, RecordingFileInfo } from '../session/broadcastMedia';
import type { MediaService } from './mediaService';

const pushState = (s: string): MediaStatsSample['push']['state'] =>
  s === 'live'
    ? 'connected'
    : s === 'starting'
      ? 'connecting'
      : s === 'reconnecting'
        ? 'reconnecting'
        : s === 'failed'
          ? 'down'
          : 'idle';

export function broadcastMedia(m: MediaService): BroadcastMedia {
  const e = m.engine;
  const ensure = async () => {
    if (!e.running) await m.start({});
  };
  return {
    async startPush(url) {
      await ensure();
      e.startPush(url);
    },
    stopPush: () => e.stopPush(),
    async startRecording() {
      await ensure();
      e.startRecording();
    },
    async stopRecording() {
      await e.stopRecording();
      return e.record.files;
    },
    isRecording: () => e.record.state.state !== 'off',
    recordingFiles: () => e.record.files,
    setMicMuted: (muted) => e.setMicMuted(muted),
    setCameraOff: (off) => e.setCameraOff(off),
    onStats(listener) {
      const on = (s: Parameters<Parameters<typeof e.on<'stats'>>[1]>[0]) =>
        listener({
          fps: s.fps,
          bitrateKbps: s.videoKbps,
          droppedFrames: s.droppedFrames,
          speed: s.encoderSpeed || null,
          cpuPercent: s.cpuPercent,
          push: { state: pushState(s.outputs.push.state), attempt: s.outputs.push.attempt },
        });
      e.on('stats', on);
      return () => e.off('stats', on);
    },
    async repair(paths) {
      await m.library.repairUnfinished(e.record.openPrefixes);
      return paths.map((path): RecordingFileInfo => {
        try {
          const size = statSync(path).size;
          return { path, sizeBytes: size, playable: size > 0 };
        } catch {
          return { path, sizeBytes: 0, playable: false };
        }
      });
    },
  };
}
