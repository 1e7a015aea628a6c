// Output presets: size, frame rate and bitrates the encoder stage is built for.
import type { Preset, PresetId } from '../contract/media';

export const presets: Record<PresetId, Preset> = {
  '720p30': { id: '720p30', width: 1280, height: 720, fps: 30, videoKbps: 2500, audioKbps: 128 },
  '1080p30': { id: '1080p30', width: 1920, height: 1080, fps: 30, videoKbps: 4500, audioKbps: 160 },
  '1080p60': { id: '1080p60', width: 1920, height: 1080, fps: 60, videoKbps: 6500, audioKbps: 160 },
};

/** A preset at another size (tests and benchmarks run small); the bitrate scales with the pixel count. */
export function customPreset(base: PresetId, width: number, height: number): Preset {
  const p = presets[base];
  const kbps = Math.max(300, Math.round((p.videoKbps * width * height) / (p.width * p.height)));
  return { ...p, width, height, videoKbps: kbps };
}
