// A platform refusal reaches the studio UI in the UI's language: the real platform on loopback refuses (its
// HTTP API, or its chat hub), a real studio answers its call with { code, message, zh }, and the renderer's
// errorWords() shows the platform's own Chinese in a Chinese UI, its English in an English one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdRoomSchema } from '../../common/platformApi/schemas';
import { api, signUp, tempPlatform } from '../../testSupport/platform';
import { errorWords } from '../../renderer/src/api/client';
import { createStudio, type Studio } from '../app';
import { studioErrorSchema } from '../contract';

let p: Awaited<ReturnType<typeof tempPlatform>>;
let studio: Studio;
let vj: Awaited<ReturnType<typeof signUp>>;
const dataDir = mkdtempSync(join(tmpdir(), 'studio-refusals-'));
const ctx = { transport: 'internal' as const, peer: 'test' };

beforeAll(async () => {
  p = await tempPlatform({ heartbeatSeconds: 600 }); // no heartbeats here: the room stays live on a slow machine
  vj = await signUp(p.httpUrl, 'vj_taken');
  studio = await createStudio({ dataDir, runtime: 'headless', appVersion: '0.0.0', log: () => {} });
  const mode = await studio.router.dispatch('account.setMode', { mode: 'cloud', serverUrl: p.httpUrl }, ctx);
  expect(mode.ok).toBe(true);
});
afterAll(async () => {
  await studio.close();
  await p.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The refusal as the renderer receives it (the same reply both transports carry). */
async function refusal(name: string, input: unknown) {
  const reply = await studio.router.dispatch(name, input, ctx);
  if (reply.ok) throw new Error(`${name} was not refused`);
  return studioErrorSchema.parse(reply.error);
}

describe('a platform refusal in the studio UI', () => {
  it('a wrong password: the Chinese UI shows the platform’s Chinese, the English UI its English', async () => {
    const error = await refusal('account.signIn', { userId: 'vj_taken', password: 'wrong-password' });
    expect(error).toEqual({
      code: 'unauthorized',
      message: 'Could not sign in: The user ID or the password is wrong. Sign in again.',
      zh: '无法登录：用户 ID 或密码错误。请重新登录。',
    });
    expect(errorWords(error, 'zh-CN')).toBe('无法登录：用户 ID 或密码错误。请重新登录。');
    expect(errorWords(error, 'en')).toBe(error.message);
  });

  it('a taken user ID: none of the platform’s English inside the Chinese sentence', async () => {
    const error = await refusal('account.create', { userId: 'vj_taken', password: 'pw-123456', nickname: 'Again' });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('This user ID is taken; choose another');
    const shown = errorWords(error, 'zh-CN');
    expect(shown).toBe('无法创建账号：这个用户 ID 已被占用，请换一个。请检查输入的内容后重试。');
    expect(shown).not.toMatch(/taken|choose/);
  });

  it('a chat hub refusal (local mode): the moderation error carries the hub’s Chinese', async () => {
    const room = createdRoomSchema.parse(
      (await api(p.httpUrl, 'POST', '/api/v1/rooms', { title: 'Refusals' }, vj.token)).body,
    );
    const connected = await studio.router.dispatch(
      'chat.connect',
      { mode: 'platform', platformUrl: p.httpUrl, token: vj.token, userId: vj.userId, roomId: room.groupId },
      ctx,
    );
    expect(connected.ok).toBe(true);
    const error = await refusal('chat.moderate', { action: 'mute', userId: vj.userId, seconds: 60 });
    expect(error).toEqual({ code: 'chat_error', message: 'You cannot do this to yourself.', zh: '不能对自己这样做。' });
    expect(errorWords(error, 'zh-CN')).toBe('不能对自己这样做。');
    await studio.router.dispatch('chat.disconnect', {}, ctx);
  });
});
