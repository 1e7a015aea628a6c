// Tells the platform about a safety alert while live: POST /api/v1/safety/events with the room and the time.
import type { AlertSink } from './safetyService';

export interface LiveRoom {
  serverUrl: string;
  token: string;
  roomId: string;
}

/** The body the platform's /api/v1/safety/events accepts (platform/safety checks the same shape). */
export interface PlatformSafetyReport {
  roomId: string;
  at: number;
  origin: 'studio';
  sourceId: string;
  className: string | null;
  score: number | null;
  action: string | null;
  message: string;
}

export function platformSink(currentRoom: () => LiveRoom | null, timeoutMs = 5000): AlertSink {
  return async ({ event }) => {
    const room = currentRoom();
    if (!room) return; // not live: nothing to tell the platform
    const body: PlatformSafetyReport = {
      roomId: room.roomId,
      at: event.at,
      origin: 'studio',
      sourceId: event.sourceId,
      className: event.className,
      score: event.score,
      action: event.action,
      message: event.message,
    };
    const res = await fetch(`${room.serverUrl.replace(/\/+$/, '')}/api/v1/safety/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${room.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`the platform answered ${res.status} to the safety report`);
  };
}
