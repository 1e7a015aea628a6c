// Fans the studio's events out to every connected transport and to the wiring's rules. Emitters never know
// who listens; a listener's payload type follows the event's name, so no listener casts.
import type { EventName, EventPayload } from '../contract';

/** One event as a (name, payload) pair whose payload type follows its name. */
export type StudioEventArgs = { [N in EventName]: [name: N, payload: EventPayload<N>] }[EventName];

/** Hears every event (a transport, a recorder); narrowing on `name` narrows `payload`. */
export type EventListener = (...event: StudioEventArgs) => void;

type NameListener = (name: EventName) => void;
type NamedListeners = { [N in EventName]?: Set<(payload: EventPayload<N>) => void> };

export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private readonly named: NamedListeners = {};

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of this.named[name] ?? []) guarded(() => listener(payload));
    const event = [name, payload] as StudioEventArgs;
    for (const listener of this.listeners) guarded(() => listener(...event));
  }

  /** Hears every event; returns how to stop. */
  subscribe(listener: EventListener): () => void;
  /** Hears every event's name alone (a recorder of what happened); returns how to stop. */
  subscribe(listener: NameListener): () => void;
  subscribe(listener: EventListener | NameListener): () => void {
    // A listener of names alone is called with the payload too; JavaScript drops the extra argument.
    return addTo(this.listeners, listener as EventListener);
  }

  /** Hears one event, its payload typed by its name; returns how to stop. */
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
    const set: Set<(payload: EventPayload<N>) => void> = this.named[name] ?? new Set();
    // The one place name and payload are paired by hand: TypeScript cannot write through a generic key.
    this.named[name] = set as NamedListeners[N];
    return addTo(set, listener);
  }
}

function addTo<T>(set: Set<T>, listener: T): () => void {
  set.add(listener);
  return () => void set.delete(listener);
}

/** A broken listener (a closed socket) must never stop the others. */
function guarded(deliver: () => void): void {
  try {
    deliver();
  } catch {
    // swallowed on purpose: see above
  }
}
