// The set-up screen's bandwidth test: which ingest to measure (the embedded platform's in local mode, the
// push host of the last broadcast in cloud mode, or an address the VJ gives), the probe with its progress
// on the bus, and the bitrate preset it suggests with headroom left for the rest of the uplink's traffic.
import type { EventBus } from '../api/eventBus';
import { StudioError } from '../contract/errors';
import type { PresetId } from '../contract/media';
import type { BandwidthResult } from '../contract/session';
import { presets } from '../media/presets';
import { ProbeError, probeUpload, type ProbeOptions } from './rtmpProbe';
import { refusalWords } from '../contract/refusalWords';

const words = refusalWords.bandwidth;

/** The share of the measured uplink a push may use: the rest absorbs the uplink's ups and downs. */
export const HEADROOM = 0.75;

/** The best preset whose video and audio fit in the headroom, and the bitrate that leaves it. */
export function suggestPreset(measuredKbps: number): { suggestedKbps: number; presetId: PresetId | null } {
  const budget = Math.floor(measuredKbps * HEADROOM);
  const fitting = Object.values(presets)
    .filter((p) => p.videoKbps + p.audioKbps <= budget)
    .sort((a, b) => b.videoKbps - a.videoKbps);
  return { suggestedKbps: budget, presetId: fitting[0]?.id ?? null };
}

export interface BandwidthTesterOptions {
  bus: EventBus;
  /** The embedded platform's ingest (local mode), or null. */
  localIngest: () => string | null;
  /** The push address of the latest broadcast (cloud mode's push host), or null. */
  lastPushUrl: () => string | null;
  isLive: () => boolean;
  probe?: Partial<ProbeOptions>;
}

export class BandwidthTester {
  private running = false;

  constructor(private readonly o: BandwidthTesterOptions) {}

  /** The ingest to measure: the one given, else the embedded platform's, else the last push host. */
  target(url?: string): string {
    const chosen = url ?? this.o.localIngest() ?? this.o.lastPushUrl();
    if (!chosen) throw new StudioError('invalid_input', words.noIngest);
    // Only the host and port count: the stream key never leaves for a test.
    const m = /^(rtmps?:\/\/[^/?#]+)/.exec(chosen);
    if (!m?.[1]) throw new StudioError('invalid_input', words.notRtmp(chosen));
    if (m[1].startsWith('rtmps')) throw new StudioError('invalid_input', words.plainRtmpOnly);
    return `${m[1]}/live`;
  }

  async run(input: { url?: string; seconds?: number }): Promise<BandwidthResult> {
    if (this.o.isLive()) throw new StudioError('conflict', words.liveNow);
    if (this.running) throw new StudioError('conflict', words.alreadyRunning);
    const ingest = this.target(input.url);
    this.running = true;
    try {
      const r = await probeUpload(ingest, {
        ...this.o.probe,
        seconds: input.seconds ?? this.o.probe?.seconds ?? 5,
        onProgress: (p) => this.o.bus.emit('session.bandwidthProgress', p),
      });
      const suggestion = suggestPreset(r.measuredKbps);
      return {
        ingest: `${r.host}:${r.port}`,
        measuredKbps: r.measuredKbps,
        capped: r.capped,
        rttMs: r.rttMs,
        seconds: Math.round(r.seconds * 10) / 10,
        stages: r.stages,
        ...suggestion,
      };
    } catch (err) {
      if (err instanceof ProbeError)
        throw new StudioError(err.kind === 'bad_url' ? 'invalid_input' : 'unavailable', err.words);
      throw err;
    } finally {
      this.running = false;
    }
  }
}
