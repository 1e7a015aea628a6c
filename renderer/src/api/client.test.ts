import { describe, expect, it } from 'vitest';
import { errorWords } from './client';

describe('errorWords', () => {
  const error = { code: 'conflict', message: 'There is no broadcast to end.', zh: '没有可以结束的直播。' };

  it('shows the Chinese words to a studio shown in Chinese, the English ones otherwise', () => {
    expect(errorWords(error, 'zh-CN')).toBe('没有可以结束的直播。');
    expect(errorWords(error, 'en')).toBe('There is no broadcast to end.');
  });

  it('falls back to the English words when the studio sent no Chinese', () => {
    expect(errorWords({ code: 'media_error', message: 'Connection refused' }, 'zh-CN')).toBe('Connection refused');
  });
});
