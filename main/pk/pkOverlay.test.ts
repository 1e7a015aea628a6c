// The PK overlay keeps its shape through a battle: every score, second and the result change values only, so
// the media engine runs commands (diffScene) and never builds a new graph per gift.
import { describe, expect, it } from 'vitest';
import type { Scene } from '../contract/scene';
import { pkBattle as battle } from '../../testSupport/pkBattle';
import { diffScene, shapeKey } from '../media/sceneDiff';
import { CJK_FONT_CANDIDATES } from '../media/overlayFont';
import { buildCompositor } from '../media/sceneGraph';
import { neutralBeauty } from '../media/beautyFilter';
import { clockText, pkOverlay, PK_ITEM_IDS, splitAt } from './pkOverlay';

const W = 1280;
const H = 720;
const program = (items: Scene['items']): Scene => ({ id: 'p', name: 'Program', items });

describe('the PK overlay', () => {
  it("draws its names, scores, clock and result with the studio's CJK font, so a Chinese nickname shows as itself", () => {
    const font = CJK_FONT_CANDIDATES.linux![0]!;
    const items = pkOverlay({ battle: battle(520, 10), roomId: '1', now: 61_000, width: W, height: H });
    const plan = buildCompositor({
      scene: program(items),
      width: W,
      height: H,
      fps: 30,
      platform: 'linux',
      beauty: neutralBeauty,
      safetyMask: 'none',
      textDir: '/tmp/pk-text',
      guestUrls: {},
      placeholders: {},
      microphone: null,
      fontFile: font,
    });
    const texts = items.filter((i) => i.source.kind === 'text');
    expect(texts.length).toBeGreaterThanOrEqual(4);
    const drawtexts = plan.filterGraph.match(/drawtext=textfile=[^;,]*item-cohost-pk[^;]*/g) ?? [];
    expect(drawtexts).toHaveLength(texts.length);
    for (const d of drawtexts) expect(d).toContain(`fontfile=${font}`);
  });

  it('changes only by commands from idle through scores, the clock and the result', () => {
    const frames = [
      pkOverlay({ battle: null, roomId: '1', now: 0, width: W, height: H }),
      pkOverlay({ battle: battle(0, 0), roomId: '1', now: 1000, width: W, height: H }),
      pkOverlay({ battle: battle(520, 10), roomId: '1', now: 61_000, width: W, height: H }),
      pkOverlay({
        battle: battle(520, 1040, { status: 'ended', endedAt: 200_000, winner: 'b', endReason: 'time' }),
        roomId: '1',
        now: 201_000,
        width: W,
        height: H,
      }),
    ];
    const targets = Object.fromEntries(
      frames[0]!.map((i, k) => [i.id, { index: k, overlay: `overlay@ov${k}`, opacity: null, beauty: false }]),
    );
    for (let k = 1; k < frames.length; k++) {
      expect(shapeKey(program(frames[k]!), W, H)).toBe(shapeKey(program(frames[0]!), W, H));
      expect(diffScene(program(frames[k - 1]!), program(frames[k]!), targets, W, H).kind).toBe('commands');
    }
    const byId = (k: number, id: string) => frames[k]!.find((i) => i.id === id)!;
    expect(byId(0, PK_ITEM_IDS.mineBar).visible).toBe(false);
    expect(byId(1, PK_ITEM_IDS.mineBar).rect.x).toBe(W / 2 - W);
    // Alice (this room) has 520 of 530: her red reaches 98 % of the width.
    expect(byId(2, PK_ITEM_IDS.mineBar).rect.x).toBe(splitAt(520, 10, W) - W);
    expect(byId(2, PK_ITEM_IDS.clock).source).toMatchObject({ text: 'PK 03:59' });
    expect(byId(3, PK_ITEM_IDS.result)).toMatchObject({ visible: true, source: { text: 'LOSE' } });
  });

  it('puts this room on the left from either side, and hides the result after 10 s', () => {
    const ended = battle(30, 10, { status: 'ended', endedAt: 100_000, winner: 'a' });
    const bob = pkOverlay({ battle: ended, roomId: '2', now: 101_000, width: W, height: H });
    expect(bob.find((i) => i.id === PK_ITEM_IDS.mineScore)!.source).toMatchObject({ text: 'Bob 10' });
    expect(bob.find((i) => i.id === PK_ITEM_IDS.result)!.source).toMatchObject({ text: 'LOSE' });
    const later = pkOverlay({ battle: ended, roomId: '2', now: 110_500, width: W, height: H });
    expect(later.every((i) => !i.visible)).toBe(true);
    expect(clockText(61_001)).toBe('PK 01:02');
    expect(splitAt(0, 0, 100)).toBe(50);
  });
});
