// A room the platform ended because its host's studio stopped answering (a frozen computer, a closed lid) may come
// back within the platform's resume window: the page keeps asking for it and opens it again when it is live.

/** The platform's resume window (platform/rooms/roomService.ts, RESUME_GRACE_SECONDS). */
export const RETURN_WINDOW_MS = 10 * 60 * 1000;

export class RoomReturn {
  lostAt = null;

  /** The room ended for lost heartbeats: its host may still come back. */
  lost() {
    this.lostAt = Date.now();
  }

  /** Still inside the window in which the host may come back. */
  waiting() {
    return this.lostAt !== null && Date.now() - this.lostAt < RETURN_WINDOW_MS;
  }

  /** The room is live again: true when it had been lost (the page reopens it and says the host is back). */
  back() {
    const was = this.lostAt !== null;
    this.lostAt = null;
    return was;
  }
}
