// When a scene change runs its transition: a fade or slide starts from the frame on air when the change
// shows (at once for commands, at the relay's switch for a new compositor); a stinger starts at once and
// the change waits for its cut point.
import type { FrameRelay } from './frameRelay';
import { MixTransition, StingerTransition, type TransitionGeometry, type TransitionSpec } from './programTransition';

export interface TransitionDirectorOptions {
  ffmpegPath: string;
  relay: () => FrameRelay | null;
  geometry: () => TransitionGeometry;
  onFailed: (words: string) => void;
}

export class TransitionDirector {
  /** Transitions run so far, by type (the studio's figures and tests read them). */
  readonly started: Record<TransitionSpec['type'], number> = { cut: 0, fade: 0, slide: 0, stinger: 0 };

  constructor(private readonly o: TransitionDirectorOptions) {}

  /** Makes a change of `kind` through `spec`; `apply` makes the change itself (now, or at a stinger's cut). */
  async run(spec: TransitionSpec | undefined, kind: 'commands' | 'rebuild', apply: () => void | Promise<void>) {
    const relay = this.o.relay();
    const g = this.o.geometry();
    if (!relay || !spec || spec.type === 'cut' || (spec.type !== 'stinger' && spec.durationMs <= 0)) {
      relay?.runTransition(null);
      this.started.cut++;
      return apply();
    }
    this.started[spec.type]++;
    if (spec.type === 'stinger') {
      if (!spec.stinger) throw new Error('A stinger transition needs its video file.');
      const stinger = new StingerTransition({ ...spec, stinger: spec.stinger }, g, this.o.ffmpegPath);
      stinger.on('failed', (words) => this.o.onFailed(`Stinger ${spec.stinger?.path}: ${words}`));
      relay.runTransition(stinger);
      if (kind === 'rebuild') return apply();
      stinger.once('cut', () => void apply());
      return;
    }
    if (kind === 'commands') {
      relay.runTransition(new MixTransition(spec, g, relay.lastFrame));
      return apply();
    }
    relay.runTransitionOnSwitch((outgoing) => new MixTransition(spec, g, outgoing));
    return apply();
  }
}
