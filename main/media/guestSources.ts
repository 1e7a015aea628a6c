// The co-host guests the compositor pulls: each guest's pull URL (resolved once, replaced when their stream
// comes or goes), the guests taken out of the picture, and which guests the last applied compositor shows,
// so the engine can say when a guest's frames really arrived and when they left.
import type { Scene } from '../contract/scene';

export class GuestSources {
  /** Each guest's pull URL, or null while they have none (a placeholder shows). Lost sources edit it in place. */
  readonly urls: Record<string, string | null> = {};
  private readonly removed = new Set<string>();
  private shown = new Set<string>();

  constructor(private readonly resolveUrl?: (guestUserId: string) => string | null | Promise<string | null>) {}

  /** Resolves the URL of every guest of the scene not seen before. */
  async resolve(scene: Scene): Promise<void> {
    for (const item of scene.items) {
      if (item.source.kind !== 'cohost') continue;
      const id = item.source.guestUserId;
      if (id in this.urls) continue;
      this.urls[id] = this.resolveUrl ? await this.resolveUrl(id) : null;
    }
  }

  /** The URLs a compositor plan uses: a removed guest has none. */
  forPlan(): Record<string, string | null> {
    return Object.fromEntries(Object.entries(this.urls).map(([id, url]) => [id, this.removed.has(id) ? null : url]));
  }

  /** Returns false when nothing changed. */
  setUrl(guestUserId: string, url: string | null): boolean {
    if (this.urls[guestUserId] === url) return false;
    this.urls[guestUserId] = url;
    return true;
  }

  setRemoved(guestUserId: string, removed: boolean): void {
    if (removed) this.removed.add(guestUserId);
    else this.removed.delete(guestUserId);
  }

  /** The guests an applied compositor shows: who appeared and who left since the last one. */
  applied(guests: readonly string[]): { appeared: string[]; left: string[] } {
    const now = new Set(guests);
    const appeared = [...now].filter((g) => !this.shown.has(g));
    const left = [...this.shown].filter((g) => !now.has(g));
    this.shown = now;
    return { appeared, left };
  }
}

export function showsGuest(scene: Scene, guestUserId: string): boolean {
  return scene.items.some((i) => i.source.kind === 'cohost' && i.source.guestUserId === guestUserId);
}
