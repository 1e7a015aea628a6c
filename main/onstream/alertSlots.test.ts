// Alert slots: a card per colour its alerts can take, switched on alone for the alert showing, by enable only.
import { describe, expect, it } from 'vitest';
import { defaultAlertSettings } from '../contract/onstream';
import { layerCommands, overlayShape, type OverlayLayer } from '../media/overlaySlots';
import type { QueuedAlert } from './alertQueue';
import { AlertSlots, cardColours } from './alertSlots';

const s = { ...defaultAlertSettings, tiers: [...defaultAlertSettings.tiers, { minValue: 900, color: '#2F80ED' }] };
const slots = new AlertSlots('/tmp/alerts', '/fonts/cjk.ttc');
const alert = (type: QueuedAlert['type'], color: string) => ({ type, color }) as QueuedAlert;
const on = (layers: OverlayLayer[]) => layers.filter((l) => l.enabled).map((l) => `${l.id} ${l.kind}`);

describe('alert slots', () => {
  it('gives a gift card a colour per tier (each once) and the other types the milestones’ colour', () => {
    expect(cardColours(s, 'gift', null)).toEqual(['#2f80ed', '#9b51e0', '#f2994a']);
    expect(cardColours(s, 'likes', null)).toEqual([s.color]);
    // A colour the settings no longer have (they changed while it showed) gets its own card.
    expect(cardColours(s, 'likes', '#123456')).toEqual([s.color, '#123456']);
  });

  it('switches on the showing card in its colour and its words, nothing else, by enable commands only', () => {
    const idle = slots.layers(s, 1920, 1080, null);
    expect(on(idle)).toEqual([]);
    const gift = slots.layers(s, 1920, 1080, alert('gift', '#F2994A'));
    expect(on(gift)).toEqual(['alert_gift_card2 tiles', 'alert_gift_text text']);
    expect(overlayShape(gift)).toBe(overlayShape(idle));
    const commands = idle.flatMap((l, i) => layerCommands(l, gift[i] as OverlayLayer));
    // 1920x1080: a card of 883x119, eight tiles.
    expect(commands).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({
        target: `drawtext@ol_alert_gift_card2_t${k}`,
        command: 'enable',
        arg: '1',
      })),
      { target: 'drawtext@ol_alert_gift_text', command: 'enable', arg: '1' },
    ]);
    const likes = slots.layers(s, 1920, 1080, alert('likes', s.color));
    expect(on(likes)).toEqual(['alert_likes_card0 tiles', 'alert_likes_text text']);
    expect(likes.every((l) => l.kind !== 'tiles' || l.fontFile === '/fonts/cjk.ttc')).toBe(true);
  });
});
