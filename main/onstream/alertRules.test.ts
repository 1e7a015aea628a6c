// What becomes an alert: platform-announced gifts only, their words filled in literally, tiers by value,
// milestones crossed once.
import { describe, expect, it } from 'vitest';
import type { ChatItem } from '../contract/chat';
import { defaultAlertSettings } from '../contract/onstream';
import { crossedStep, fillTemplate, giftAlert, milestoneAlert, tierColor } from './alertRules';

const line = (extra: Partial<ChatItem>): ChatItem => ({
  id: '1',
  roomId: 'r',
  kind: 'text',
  userId: 'u',
  nick: 'Bo',
  text: 'Bo sent Rocket ×10',
  at: 1,
  ...extra,
});

describe('alert rules', () => {
  it('makes a gift alert only of a gift line the platform announced', () => {
    expect(giftAlert(defaultAlertSettings, line({}))).toBeNull();
    expect(giftAlert(defaultAlertSettings, line({ kind: 'custom', data: '{"type":"gift"}' }))).toBeNull();
    const billed = line({
      kind: 'gift',
      nick: '小明 {gift} %{pts}',
      gift: { name: 'Rocket', count: 3 },
      data: JSON.stringify({ type: 'gift', value: 300 }),
    });
    const a = giftAlert(defaultAlertSettings, billed);
    // Words from the room are put in once, never read as a template or an expansion.
    expect(a).toMatchObject({ type: 'gift', text: '小明 {gift} %{pts} sent Rocket ×3', color: '#9b51e0' });
    expect(giftAlert(defaultAlertSettings, { ...billed, revoked: true })).toBeNull();
    expect(
      giftAlert(
        {
          ...defaultAlertSettings,
          styles: { ...defaultAlertSettings.styles, gift: { ...defaultAlertSettings.styles.gift, enabled: false } },
        },
        billed,
      ),
    ).toBeNull();
  });

  it('picks the highest tier a gift reaches', () => {
    expect(tierColor(defaultAlertSettings, 0)).toBe('#2f80ed');
    expect(tierColor(defaultAlertSettings, 499)).toBe('#9b51e0');
    expect(tierColor(defaultAlertSettings, 520)).toBe('#f2994a');
  });

  it('finds the milestone a count crossed', () => {
    expect(crossedStep(0, 99, 100)).toBeNull();
    expect(crossedStep(99, 100, 100)).toBe(100);
    expect(crossedStep(150, 420, 100)).toBe(400);
    expect(crossedStep(400, 420, 100)).toBeNull();
    expect(milestoneAlert(defaultAlertSettings, 'likes', 400)?.text).toBe('♥ 400 likes!');
    expect(fillTemplate('{n}{n} {x}', { n: 2 })).toBe('22 {x}');
  });
});
