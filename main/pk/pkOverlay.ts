// The PK score bar, countdown and result as scene items over the program. Their shape (sources, sizes) never
// changes during a link: a gift moves the bar's split (an overlay's x), a second changes the clock (a text file),
// the end shows the result (enable), so the media engine changes them by runtime commands, never a new graph.
// This room's side is always on the left, in red. Pure.
import type { SceneItem } from '../contract/scene';
import type { PkBattle } from '../../common/platformApi/pkSchemas';
import { PK_RESULT_SHOWN_MS } from '../../common/platformApi/pkSchemas';

/** Overlay items carry the co-host prefix, so the scenes area never keeps them. */
export const PK_ITEM_IDS = {
  mineBar: 'cohost-pk.bar.mine',
  theirBar: 'cohost-pk.bar.theirs',
  mineScore: 'cohost-pk.score.mine',
  theirScore: 'cohost-pk.score.theirs',
  clock: 'cohost-pk.clock',
  result: 'cohost-pk.result',
} as const;

export const PK_COLOURS = { mine: '#e0245e', theirs: '#1d9bf0' } as const;

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

export interface PkOverlayInput {
  battle: PkBattle | null;
  /** This room's number: its side goes left. */
  roomId: string;
  now: number;
  width: number;
  height: number;
}

/** What the bar shows: this room's side first. */
export function pkFigures(battle: PkBattle, roomId: string) {
  const mineIsA = battle.a.roomId === roomId;
  const mine = mineIsA ? battle.a : battle.b;
  const theirs = mineIsA ? battle.b : battle.a;
  const outcome =
    battle.winner === null
      ? null
      : battle.winner === 'draw'
        ? 'draw'
        : (battle.winner === 'a') === mineIsA
          ? 'win'
          : 'lose';
  return { mine, theirs, outcome } as const;
}

/** The bar's split in pixels from the left: this room's share of the score (half while both are 0). */
export function splitAt(mine: number, theirs: number, width: number): number {
  const total = mine + theirs;
  return Math.round(total === 0 ? width / 2 : (mine / total) * width);
}

export function clockText(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  return `PK ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function item(id: string, source: SceneItem['source'], rect: SceneItem['rect'], visible: boolean): SceneItem {
  return {
    id,
    name: id.slice('cohost-'.length),
    source,
    rect,
    crop: { top: 0, right: 0, bottom: 0, left: 0 },
    opacity: 1,
    visible,
    locked: true,
    audio: { gainDb: 0, muted: true, noiseSuppression: false },
  };
}

const text = (t: string, fontSize: number, background?: string): SceneItem['source'] => ({
  kind: 'text',
  text: t,
  live: false,
  fontSize,
  color: '#ffffff',
  ...(background ? { background } : {}),
});

/**
 * The overlay while a battle runs or its result shows (10 s after the end); the same items hidden otherwise.
 * The bar spans the canvas's width at its top: this room's red bar is a full-width box whose right edge is the
 * split (its x moves), over the partner's blue one.
 */
export function pkOverlay(o: PkOverlayInput): SceneItem[] {
  const W = o.width;
  const H = o.height;
  const barH = even(H * 0.05);
  const font = Math.max(12, Math.round(barH * 0.6));
  const b = o.battle;
  const showing =
    !!b && (b.status === 'running' || (b.status === 'ended' && o.now - (b.endedAt ?? 0) < PK_RESULT_SHOWN_MS));
  const f = b ? pkFigures(b, o.roomId) : null;
  const split = f ? splitAt(f.mine.score, f.theirs.score, W) : W / 2;
  const clock = b?.status === 'running' ? clockText((b.endsAt ?? o.now) - o.now) : 'PK 00:00';
  const result = f?.outcome === 'win' ? 'WIN' : f?.outcome === 'lose' ? 'LOSE' : 'DRAW';
  const clockW = even(font * 6);
  return [
    item(
      PK_ITEM_IDS.theirBar,
      { kind: 'testPattern', pattern: 'color', color: PK_COLOURS.theirs, tone: false },
      { x: 0, y: 0, width: W, height: barH },
      showing,
    ),
    item(
      PK_ITEM_IDS.mineBar,
      { kind: 'testPattern', pattern: 'color', color: PK_COLOURS.mine, tone: false },
      { x: split - W, y: 0, width: W, height: barH },
      showing,
    ),
    item(
      PK_ITEM_IDS.mineScore,
      text(f ? `${f.mine.nickname} ${f.mine.score}` : ' ', font),
      { x: 0, y: 0, width: even(W / 2), height: barH },
      showing,
    ),
    item(
      PK_ITEM_IDS.theirScore,
      text(f ? `${f.theirs.score} ${f.theirs.nickname}` : ' ', font),
      { x: even((W * 3) / 4), y: 0, width: even(W / 4), height: barH },
      showing,
    ),
    item(
      PK_ITEM_IDS.clock,
      text(b?.status === 'ended' ? 'PK' : clock, font, '#000000'),
      { x: even(W / 2 - clockW / 2), y: barH, width: clockW, height: barH },
      showing,
    ),
    item(
      PK_ITEM_IDS.result,
      text(result, even(H / 8), '#000000'),
      { x: even(W / 3), y: even(H / 3), width: even(W / 3), height: even(H / 6) },
      showing && b?.status === 'ended',
    ),
  ];
}
