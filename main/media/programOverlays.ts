// The overlay slots of the program, by owner (alerts, widgets, a PK score bar): every compositor is built
// with all of them at the program's size, and an owner's change goes out as runtime commands unless the
// slots' shape changed. A compositor that takes over (a prepared scene) is told every slot's state again.
import type { FilterCommand } from './beautyFilter';
import { layerCommands, layerState, overlayChain, overlayShape, type OverlayLayer } from './overlaySlots';

/** An owner's layers for a canvas of w×h. */
export type OverlayBuilder = (w: number, h: number) => OverlayLayer[];

export class ProgramOverlays {
  private readonly builders = new Map<string, OverlayBuilder>();
  private readonly applied = new Map<string, OverlayLayer[]>();

  constructor(
    private readonly send: (commands: FilterCommand[]) => void,
    private readonly rebuild: () => void,
    private readonly size: () => { width: number; height: number },
  ) {}

  /** Sets an owner's layers: commands when only values changed, a new compositor when the shape did. */
  set(owner: string, build: OverlayBuilder): 'commands' | 'rebuild' | 'unchanged' {
    const { width, height } = this.size();
    const before = this.applied.get(owner) ?? [];
    const layers = build(width, height);
    this.builders.set(owner, build);
    this.applied.set(owner, layers);
    if (overlayShape(before) !== overlayShape(layers)) {
      this.rebuild();
      return 'rebuild';
    }
    const commands = layers.flatMap((l, i) => layerCommands(before[i] as OverlayLayer, l));
    if (commands.length === 0) return 'unchanged';
    this.send(commands);
    return 'commands';
  }

  get(owner: string): readonly OverlayLayer[] {
    return this.applied.get(owner) ?? [];
  }

  /** Every owner's layers at the program's size, as one chain for a compositor's graph ('' when none). */
  chain(): string {
    const { width, height } = this.size();
    for (const [owner, build] of this.builders) this.applied.set(owner, build(width, height));
    return overlayChain([...this.applied.values()].flat());
  }

  /** A compositor built earlier (prepared ahead) took over: every slot's current state, by command. */
  resync(): void {
    this.send([...this.applied.values()].flat().flatMap(layerState));
  }
}
