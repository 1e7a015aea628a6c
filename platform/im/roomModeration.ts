// A live room's rules of speech: who is muted or banned until when, mute-all, slow mode and blocked words, and
// whether a member's message may go out under them. The room tells everyone when they change.
import type { Elem, Role, RoomState } from '../../common/chatHub/protocol';
import { refusals } from '../http/refusals';
import type { Refusal } from './roomRules';
import { SlowModeSpeakers } from './slowModeSpeakers';
import { findBlockedWord, normalizeBlockedWords } from './textGuard';

export class RoomModeration {
  private readonly mutes = new Map<string, number>();
  private readonly bans = new Map<string, number>();
  private readonly speakers = new SlowModeSpeakers();
  muteAll = false;
  slowModeSeconds = 0;
  private blockedWords: string[] = [];

  state(): RoomState {
    return {
      muteAll: this.muteAll,
      slowModeSeconds: this.slowModeSeconds,
      blockedWordsCount: this.blockedWords.length,
    };
  }

  mutedUntil(userId: string, now: number): number | null {
    const until = this.mutes.get(userId);
    return until !== undefined && until > now ? until : null;
  }

  bannedUntil(userId: string, now: number): number | null {
    const until = this.bans.get(userId);
    return until !== undefined && until > now ? until : null;
  }

  /** Mutes for `seconds` (0 lifts it); answers until when. */
  setMute(userId: string, seconds: number, now: number): number | null {
    return setUntil(this.mutes, userId, seconds, now);
  }

  /** Bans for `seconds` (0 lifts it); answers until when. */
  setBan(userId: string, seconds: number, now: number): number | null {
    return setUntil(this.bans, userId, seconds, now);
  }

  setBlockedWords(words: readonly string[]): void {
    this.blockedWords = normalizeBlockedWords(words);
  }

  /** Why this message may not go out now (mute, mute-all, slow mode for Members; blocked words for all), or null. */
  sendRefusal(userId: string, role: Role, elem: Elem, now: number): Refusal | null {
    if (role === 'Member') {
      const muted = this.mutedUntil(userId, now);
      if (muted !== null) return { code: 'muted', words: refusals.mutedHere, tencentCode: 10017, until: muted };
      if (this.muteAll) return { code: 'muted', words: refusals.roomMuted, tencentCode: 10017 };
      const until = this.slowModeSeconds > 0 ? this.speakers.waitUntil(userId, this.slowModeSeconds, now) : null;
      if (until !== null) return { code: 'slow_mode', words: refusals.slowMode(this.slowModeSeconds), until };
    }
    if (elem.type === 'TIMTextElem') {
      const word = findBlockedWord(elem.payload.text, this.blockedWords);
      if (word !== null) return { code: 'blocked_word', words: refusals.blockedWord };
    }
    return null;
  }

  /** A member spoke: slow mode holds their next line back. */
  noteSpoke(userId: string, now: number): void {
    this.speakers.note(userId, this.slowModeSeconds, now);
  }

  /** Speakers still inside the slow-mode window (what the room remembers of who spoke). */
  get speakersRemembered(): number {
    return this.speakers.size;
  }
}

function setUntil(map: Map<string, number>, userId: string, seconds: number, now: number): number | null {
  if (seconds <= 0) {
    map.delete(userId);
    return null;
  }
  const until = now + seconds * 1000;
  map.set(userId, until);
  return until;
}
