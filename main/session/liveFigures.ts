// The audience figures of the broadcast in progress, merged from whatever reports them: the heartbeat's
// answer, the platform's live room list, the chat feed. Each figure only ever keeps its latest report.
import type { PlatformHeartbeat, PlatformLiveRoom } from '../platformClient';

export interface AudienceFigures {
  viewers: number;
  peakViewers: number;
  likes: number;
  gifts: number;
  giftValue: number;
  messages: number;
}

export class LiveFigures {
  private f: AudienceFigures = { viewers: 0, peakViewers: 0, likes: 0, gifts: 0, giftValue: 0, messages: 0 };

  reset(): void {
    this.f = { viewers: 0, peakViewers: 0, likes: 0, gifts: 0, giftValue: 0, messages: 0 };
  }

  get(): AudienceFigures {
    return { ...this.f };
  }

  report(partial: Partial<Omit<AudienceFigures, 'peakViewers'>>): void {
    for (const [k, v] of Object.entries(partial) as [keyof AudienceFigures, number | undefined][]) {
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) this.f[k] = v;
    }
    this.f.peakViewers = Math.max(this.f.peakViewers, this.f.viewers);
  }

  fromHeartbeat(h: PlatformHeartbeat): void {
    const s = h.stats ?? {};
    this.report({
      viewers: h.viewers ?? h.viewerCount ?? s.viewers,
      likes: h.likes ?? s.likes,
      gifts: h.gifts ?? s.gifts,
      giftValue: h.giftValue ?? s.giftValue,
      messages: h.messages ?? s.messages,
    });
  }

  fromRoomList(roomId: string, rooms: PlatformLiveRoom[]): void {
    const room = rooms.find((r) => r.roomId === roomId);
    if (room) this.report({ viewers: room.viewers ?? room.viewerCount });
  }
}
