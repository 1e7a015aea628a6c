// What becomes an alert and what it says: a gift line the platform announced (kind 'gift', only ever made from
// the platform's own identity: customMessages.ts), a like or viewer count crossing a step, a co-host going
// live. The template's {nick}, {gift} and {n} are filled in once; what they bring in is never read again.
import type { ChatItem } from '../contract/chat';
import type { AlertSettings, AlertStyle, AlertType } from '../contract/onstream';
import type { AlertRequest } from './alertQueue';

export function fillTemplate(template: string, values: { nick?: string; gift?: string; n?: number }): string {
  return template.replace(/\{(nick|gift|n)\}/g, (_, k: 'nick' | 'gift' | 'n') => String(values[k] ?? ''));
}

/** The value in coins the platform put on a gift's announcement (0 when it named none). */
function giftValue(item: ChatItem): number {
  try {
    const v = (JSON.parse(item.data ?? '{}') as { value?: unknown }).value;
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
  } catch {
    return 0;
  }
}

export function tierColor(s: AlertSettings, value: number): string {
  let color = s.tiers[0]?.color ?? s.color;
  for (const t of [...s.tiers].sort((a, b) => a.minValue - b.minValue)) if (value >= t.minValue) color = t.color;
  return color;
}

function request(s: AlertSettings, type: AlertType, text: string, color: string): AlertRequest | null {
  const style = s.styles[type];
  if (!style.enabled) return null;
  return { type, text, color, durationMs: style.durationMs, ...alertSound(style) };
}

/** The sound an alert of this style plays: its file and volume when it has one and it is on. */
export function alertSound(style: AlertStyle): { sound?: string; volume?: number } {
  return style.sound && style.soundOn ? { sound: style.sound, volume: style.volume } : {};
}

/** A feed line as a gift alert: only a platform-announced gift (never a chat line that looks like one). */
export function giftAlert(s: AlertSettings, item: ChatItem): AlertRequest | null {
  if (item.kind !== 'gift' || !item.gift || item.revoked || item.blocked) return null;
  const text = fillTemplate(s.styles.gift.template, { nick: item.nick, gift: item.gift.name, n: item.gift.count });
  return request(s, 'gift', text, tierColor(s, giftValue(item)));
}

/** The highest multiple of `step` that `next` reached beyond `prev`, or null when none was crossed. */
export function crossedStep(prev: number, next: number, step: number): number | null {
  const m = Math.floor(next / step) * step;
  return m > prev && m > 0 ? m : null;
}

export function milestoneAlert(s: AlertSettings, type: 'likes' | 'viewers', n: number): AlertRequest | null {
  return request(s, type, fillTemplate(s.styles[type].template, { n }), s.color);
}

export function cohostAlert(s: AlertSettings, nick: string): AlertRequest | null {
  return request(s, 'cohost', fillTemplate(s.styles.cohost.template, { nick }), s.color);
}
