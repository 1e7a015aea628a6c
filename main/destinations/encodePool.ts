// The encodes destinations are pushed from: the one main encode, and a derived encode (derivedEncode.ts) for
// each other size or bitrate a pushing destination asks for and for the vertical canvas, each made only while
// someone pushes it and shared by every destination that asks for the same. Figures and CPU per encode.
import { EventEmitter } from 'node:events';
import type { DestinationEncode, EncodeFigures } from '../contract/destinations';
import type { Preset } from '../contract/media';
import type { Scene } from '../contract/scene';
import type { VideoEncoderId } from '../media/encoderCommand';
import type { MediaError } from '../media/ffmpegErrors';
import type { TsFanout } from '../media/tsFanout';
import { CpuMeter } from './cpuMeter';
import { DerivedEncode, type ProgramFrames } from './derivedEncode';
import { defaultVerticalLayout, VERTICAL_CANVAS, verticalFilter, type VerticalPlacement } from './verticalCanvas';

export const MAIN_ENCODE = 'main';
export const VERTICAL_ENCODE = 'vertical';
/** The vertical canvas's bitrate: 720x1280 at 30 fps, what the mobile platforms take. */
export const VERTICAL_KBPS = 3000;
/**
 * The vertical encoder against the main one per pixel: its layout (crops, scales, overlays) and its higher
 * bitrate. From bench:outputs: with 1.1 the vertical encoder measured 1.10x the estimate (median of 8 rounds).
 */
const VERTICAL_DRAWING_OVERHEAD = 1.2;

export interface EncodeSources {
  ffmpegPath: () => string | null;
  /** The main encode's picture and encoder, its process (for its CPU) and its fan-out. */
  programPreset: () => Preset;
  encoder: () => VideoEncoderId;
  mainEncoderPid: () => number | undefined;
  mainFanout: () => TsFanout | null;
  programFrames: ProgramFrames;
  /** The scene on air, at the program's size (the vertical canvas lays out its items). */
  programScene: () => Scene | null;
}

export class EncodePool extends EventEmitter<{ restarted: [string]; notice: [MediaError & { source: string }] }> {
  private readonly derived = new Map<string, DerivedEncode>();
  private readonly mainCpu = new CpuMeter();
  /** The VJ's own layout of a scene for the tall canvas, or null for the default one. */
  verticalLayouts: (sceneId: string) => readonly VerticalPlacement[] | null = () => null;

  constructor(private readonly s: EncodeSources) {
    super();
  }

  /** Which encode a destination's choice is: a size and bitrate the main encode already has is the main one. */
  keyOf(encode: DestinationEncode): string {
    if (encode === 'main' || encode === 'vertical') return encode;
    const p = this.s.programPreset();
    if (encode.width === p.width && encode.height === p.height && encode.videoKbps === p.videoKbps) return MAIN_ENCODE;
    return `${encode.width}x${encode.height}@${encode.videoKbps}`;
  }

  fanoutOf(key: string): TsFanout | null {
    return key === MAIN_ENCODE ? this.s.mainFanout() : (this.derived.get(key)?.fanout ?? null);
  }

  presetOf(key: string): Preset {
    const p = this.s.programPreset();
    if (key === VERTICAL_ENCODE) return { ...p, ...VERTICAL_CANVAS, videoKbps: VERTICAL_KBPS };
    const m = /^(\d+)x(\d+)@(\d+)$/.exec(key);
    return m ? { ...p, width: Number(m[1]), height: Number(m[2]), videoKbps: Number(m[3]) } : p;
  }

  /** Runs exactly the derived encodes in `keys` (the main one is always the engine's). */
  use(keys: ReadonlySet<string>): void {
    for (const [key, encode] of this.derived)
      if (!keys.has(key)) {
        this.derived.delete(key);
        void encode.stop();
      }
    const ffmpegPath = this.s.ffmpegPath();
    if (!ffmpegPath) return;
    for (const key of keys) {
      if (key === MAIN_ENCODE || this.derived.has(key)) continue;
      const encode = new DerivedEncode({
        ffmpegPath,
        preset: this.presetOf(key),
        encoder: this.s.encoder(),
        filter: key === VERTICAL_ENCODE ? (input) => this.verticalPicture(input) : () => this.scaledPicture(key),
        programFrames: this.s.programFrames,
      });
      encode.on('restarted', () => this.emit('restarted', key));
      encode.on('notice', (e) => this.emit('notice', { ...e, source: `encode ${key}` }));
      this.derived.set(key, encode);
      encode.start();
    }
  }

  /** The scene on air changed: the vertical canvas follows its items. */
  sceneChanged(): void {
    this.derived.get(VERTICAL_ENCODE)?.refresh();
  }

  private scaledPicture(key: string): string {
    const p = this.presetOf(key);
    // Another shape than the program's is letterboxed, never stretched.
    const { width: w, height: h } = p;
    return `scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black`;
  }

  private verticalPicture(input: { width: number; height: number }): string {
    const scene = this.s.programScene() ?? { id: 'none', name: 'none', items: [] };
    const layout = this.verticalLayouts(scene.id) ?? defaultVerticalLayout(scene, input);
    return verticalFilter(scene, input, layout, VERTICAL_CANVAS);
  }

  /** Every running encode with its CPU, the main one first; `pushing` counts the destinations on each. */
  figures(pushing: ReadonlyMap<string, number>): EncodeFigures[] {
    const main = this.s.programPreset();
    const pid = this.s.mainEncoderPid();
    const out: EncodeFigures[] = [];
    if (pid !== undefined)
      out.push({
        id: MAIN_ENCODE,
        width: main.width,
        height: main.height,
        videoKbps: main.videoKbps,
        encoder: this.s.encoder(),
        cpuPercent: this.mainCpu.read(pid),
        destinations: pushing.get(MAIN_ENCODE) ?? 0,
        droppedFrames: 0,
      });
    for (const [id, encode] of this.derived) {
      const p = this.presetOf(id);
      out.push({
        id,
        width: p.width,
        height: p.height,
        videoKbps: p.videoKbps,
        encoder: encode.encoder,
        cpuPercent: encode.cpuPercent(),
        destinations: pushing.get(id) ?? 0,
        droppedFrames: encode.dropped,
      });
    }
    return out;
  }

  /**
   * What the vertical canvas would cost before it is on: the main encoder's CPU now, scaled by pixels per
   * second, plus its drawing. Null while the main encoder has not been measured.
   */
  verticalEstimate(): number | null {
    if (this.s.mainEncoderPid() === undefined) return null;
    const main = this.s.programPreset();
    const cpu = this.mainCpu.read(this.s.mainEncoderPid());
    if (cpu <= 0) return null;
    const pixels = (VERTICAL_CANVAS.width * VERTICAL_CANVAS.height) / (main.width * main.height);
    return Math.round(cpu * pixels * VERTICAL_DRAWING_OVERHEAD * 10) / 10;
  }

  /** The derived encode behind a key (tests and the benchmark read its counters). */
  encode(key: string): DerivedEncode | undefined {
    return this.derived.get(key);
  }

  async close(): Promise<void> {
    const all = [...this.derived.values()];
    this.derived.clear();
    await Promise.all(all.map((e) => e.stop()));
  }
}
