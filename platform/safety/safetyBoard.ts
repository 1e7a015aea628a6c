// The platform's view of content safety: each live room's latest safety state and a bounded log, fed by its
// own stream sampler, by studios' reports and by Tencent Cloud Live's moderation callback.
export type RoomSafetyLevel = 'clean' | 'review' | 'flagged';
export type SafetyOrigin = 'sampler' | 'studio' | 'tencent';

export interface RoomSafetyState {
  roomId: string;
  level: RoomSafetyLevel;
  origin: SafetyOrigin;
  className: string | null;
  score: number | null;
  message: string;
  at: number;
}

const LOG_SIZE = 500;

export class SafetyBoard {
  private readonly latest = new Map<string, RoomSafetyState>();
  private readonly history: RoomSafetyState[] = [];

  report(s: RoomSafetyState): void {
    const prev = this.latest.get(s.roomId);
    // A clean sample does not wash out a flag raised by someone else (a studio or Tencent): only by the same origin.
    if (s.level === 'clean' && prev && prev.level !== 'clean' && prev.origin !== s.origin) return;
    this.latest.set(s.roomId, s);
    if (s.level !== 'clean' || prev?.level !== 'clean') {
      this.history.push(s);
      if (this.history.length > LOG_SIZE) this.history.shift();
    }
  }

  stateOf(roomId: string): RoomSafetyState | null {
    return this.latest.get(roomId) ?? null;
  }

  forget(roomId: string): void {
    this.latest.delete(roomId);
  }

  log(limit = 100): RoomSafetyState[] {
    return this.history.slice(-limit).reverse();
  }
}
