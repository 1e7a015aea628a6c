import { describe, expect, it } from 'vitest';
import { liveTextPreview } from './drawScene';

describe('live text in the editor', () => {
  it('shows the figures as the output does, and a dash before they are known', () => {
    expect(liveTextPreview('{viewers} watching, {likes} likes, {latestGift}', null)).toBe('– watching, – likes, –');
    expect(
      liveTextPreview('{viewers} watching, {likes} likes, {latestGift}', {
        viewers: 12345,
        likes: 7,
        latestGift: 'Rocket',
      }),
    ).toBe('12,345 watching, 7 likes, Rocket');
    expect(liveTextPreview('{unknown} stays', null)).toBe('{unknown} stays');
  });
});
