import { describe, expect, it } from 'vitest';
import { clientFrameSchema, serverFrameSchema } from '../../common/chatHub/protocol';

describe('chat hub protocol', () => {
  it('accepts a group text message and fills the defaults', () => {
    const f = clientFrameSchema.parse({
      type: 'send',
      groupId: 'r1',
      elem: { type: 'TIMTextElem', payload: { text: 'hi' } },
    });
    expect(f.type === 'send' && f.priority).toBe('Normal');
  });

  it('refuses unknown frame types and extra fields', () => {
    expect(clientFrameSchema.safeParse({ type: 'nuke', groupId: 'r1' }).success).toBe(false);
    expect(clientFrameSchema.safeParse({ type: 'join', groupId: 'r1', admin: true }).success).toBe(false);
  });

  it('fills custom element defaults for a C2C co-host request', () => {
    const f = clientFrameSchema.parse({
      type: 'c2c',
      to: 'vj',
      elem: { type: 'TIMCustomElem', payload: { data: '{"type":"cohost.request"}' } },
    });
    expect(f.type === 'c2c' && f.elem.payload.description).toBe('');
  });

  it('describes an error frame with a Tencent code', () => {
    const e = serverFrameSchema.parse({ type: 'error', code: 'muted', message: 'You are muted.', tencentCode: 10017 });
    expect(e.type).toBe('error');
  });
});

describe('pre-built WebSocket frames', () => {
  it('frames small, medium and large payloads as ws parses them', async () => {
    // ws's own frame parser (not in its typings).
    const { Receiver } = (await import('ws')) as unknown as {
      Receiver: new (o: { isServer: boolean }) => {
        on(e: 'message', f: (d: Buffer) => void): void;
        write(b: Buffer): void;
      };
    };
    const { wsTextFrame } = await import('./hub');
    for (const size of [5, 125, 126, 70_000]) {
      const text = 'x'.repeat(size);
      const got = await new Promise<string>((done) => {
        const r = new Receiver({ isServer: false });
        r.on('message', (data) => done(data.toString()));
        r.write(wsTextFrame(Buffer.from(text)));
      });
      expect(got).toBe(text);
    }
  });
});
