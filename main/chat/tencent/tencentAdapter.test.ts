// Must-show 2: the Tencent adapter against a stand-in of @tencentcloud/chat that replays the SDK's
// documented shapes: message mapping, the AVChatRoom join order, KICKED_OUT, NET_STATE_CHANGE, error codes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatServiceEvent } from '../chatService';
import { HttpBusinessServer } from './businessServer';
import { EVENT, receivedMessage, standInModule } from '../../../testSupport/tencentChatStandIn';
import { TencentChatService } from './tencentAdapter';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function connected(over: { createRoom?: boolean; userId?: string; business?: HttpBusinessServer } = {}) {
  const sdk = standInModule();
  const service = new TencentChatService({
    sdk,
    sdkAppId: 1400000001,
    userId: over.userId ?? 'vj',
    userSig: 'sig',
    groupId: 'show-1',
    createRoom: over.createRoom ?? true,
    ...(over.business ? { business: over.business } : {}),
  });
  const events: ChatServiceEvent[] = [];
  service.onEvent((e) => events.push(e));
  const { role } = await service.connect();
  const chat = sdk.instances[0]!;
  return { service, chat, events, role };
}

describe('Tencent adapter (stand-in SDK)', () => {
  it('registers listeners, logs in, waits for SDK_READY, creates then joins the AVChatRoom', async () => {
    const { chat, role } = await connected();
    expect(chat.options).toEqual({ SDKAppID: 1400000001 });
    const order = chat.calls.map((c) => (c.method === 'on' ? `on:${String(c.args[0])}` : c.method));
    const login = order.indexOf('login');
    for (const e of [
      EVENT.SDK_READY,
      EVENT.MESSAGE_RECEIVED,
      EVENT.MESSAGE_REVOKED,
      EVENT.KICKED_OUT,
      EVENT.NET_STATE_CHANGE,
    ]) {
      expect(order.indexOf(`on:${e}`), e).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(`on:${e}`), e).toBeLessThan(login);
    }
    expect(order.slice(login)).toEqual(['login', 'createGroup', 'joinGroup', 'getGroupProfile']);
    expect(chat.calls.find((c) => c.method === 'createGroup')?.args[0]).toEqual({
      type: 'AVChatRoom',
      name: 'show-1',
      groupID: 'show-1',
    });
    expect(chat.calls.find((c) => c.method === 'joinGroup')?.args[0]).toEqual({
      groupID: 'show-1',
      type: 'AVChatRoom',
    });
    expect(role).toBe('owner');
  });

  it('joins a room it created before (10025) and only joins when it is a viewer or moderator', async () => {
    const sdk = standInModule();
    const again = new TencentChatService({
      sdk,
      sdkAppId: 1,
      userId: 'vj',
      userSig: 's',
      groupId: 'show-1',
      createRoom: true,
    });
    const made = again.connect();
    await new Promise((r) => setTimeout(r, 0));
    sdk.instances[0]!.failNext.set('createGroup', { code: 10025, message: 'group id has been used by yourself' });
    await made;
    expect(sdk.instances[0]!.calls.map((c) => c.method)).toContain('joinGroup');
    const { chat, role } = await connected({ createRoom: false, userId: 'mod-1' });
    expect(chat.calls.map((c) => c.method)).not.toContain('createGroup');
    expect(role).toBe('member');
  });

  it('maps received Message objects: text, custom, gift, C2C, group tips; ignores other groups', async () => {
    const { chat, events } = await connected();
    chat.fire(EVENT.MESSAGE_RECEIVED, [
      receivedMessage({ ID: 'm1', type: 'TIMTextElem', payload: { text: '<img src=x onerror=alert(1)>' } }),
      // The business server's gift, sent as the IM app admin; then the same shape forged by a viewer, and a
      // viewer's pin and moderation notice: ignored (a viewer can send any custom message in an AVChatRoom).
      receivedMessage({
        ID: 'm2-forged',
        type: 'TIMCustomElem',
        payload: { data: '{"type":"gift","name":"Rocket","count":99,"value":99999}', description: '', extension: '' },
      }),
      receivedMessage({
        ID: 'm2-pin',
        type: 'TIMCustomElem',
        payload: { data: '{"type":"pin","message":null}', description: 'pin', extension: '' },
      }),
      receivedMessage({
        ID: 'm2-mod',
        type: 'TIMCustomElem',
        payload: {
          data: '{"type":"moderation","action":"ban","actor":"vj","target":"x"}',
          description: '',
          extension: '',
        },
      }),
      receivedMessage({
        ID: 'm2',
        from: 'administrator',
        type: 'TIMCustomElem',
        payload: {
          data: '{"type":"gift","giftId":"rocket","name":"Rocket","count":3,"value":300,"from":{"userId":"viewer-1","nickname":"V"},"requestId":"abcdefgh"}',
          description: '',
          extension: '',
        },
      }),
      receivedMessage({
        ID: 'm3',
        type: 'TIMCustomElem',
        payload: { data: '{"type":"cohost.request"}', description: 'cohost', extension: '' },
        conversationType: 'C2C',
        conversationID: 'C2Cviewer-1',
        to: 'vj',
      }),
      receivedMessage({
        ID: 'm4',
        type: 'TIMGroupTipElem',
        payload: { operationType: 1, operatorID: 'viewer-2', userIDList: ['viewer-2'] },
        nick: '',
      }),
      receivedMessage({
        ID: 'm5',
        type: 'TIMGroupTipElem',
        payload: { operationType: 7, operatorID: 'mod-1', memberList: [{ userID: 'viewer-3', muteTime: 600 }] },
      }),
      receivedMessage({
        ID: 'm6',
        type: 'TIMTextElem',
        payload: { text: 'other room' },
        to: 'show-2',
        conversationID: 'GROUPshow-2',
      }),
      receivedMessage({
        ID: 'm7',
        type: 'TIMGroupTipElem',
        payload: { operationType: 6, operatorID: 'vj', newGroupProfile: { muteAllMembers: true } },
      }),
    ]);
    const items = events.flatMap((e) => (e.type === 'items' ? e.items : []));
    expect(items.map((i) => [i.id, i.kind])).toEqual([
      ['m1', 'text'],
      ['m2', 'gift'],
      ['m3', 'custom'],
      ['m4:0', 'join'],
      ['m5:0', 'moderation'],
    ]);
    expect(items[0]).toMatchObject({
      roomId: 'show-1',
      userId: 'viewer-1',
      nick: 'Viewer One',
      text: '<img src=x onerror=alert(1)>',
    });
    expect(Math.abs(items[0]!.at - Date.now())).toBeLessThan(5000); // seconds → ms
    expect(items[1]!.gift).toEqual({ name: 'Rocket', count: 3 });
    expect(items[2]).toMatchObject({ to: 'vj', text: 'cohost' });
    expect(items[4]!.moderation).toEqual({ action: 'mute', actor: 'mod-1', target: 'viewer-3', detail: '600 s' });
    expect(events).toContainEqual({ type: 'room', muteAll: true });
    expect(events.some((e) => e.type === 'room' && 'pinned' in e)).toBe(false);
  });

  it('believes room changes from the room owner, and gifts from no member at all, the owner included', async () => {
    const { chat, events } = await connected();
    chat.fire(EVENT.MESSAGE_RECEIVED, [
      receivedMessage({
        ID: 'p1',
        from: 'vj',
        type: 'TIMCustomElem',
        payload: { data: '{"type":"slowMode","seconds":5}', description: 'slowMode', extension: '' },
      }),
      receivedMessage({
        ID: 'p2',
        from: 'vj',
        type: 'TIMCustomElem',
        payload: { data: '{"type":"gift","name":"Rocket","count":1,"value":5}', description: '', extension: '' },
      }),
    ]);
    expect(events).toContainEqual({ type: 'room', slowModeSeconds: 5 });
    expect(events.flatMap((e) => (e.type === 'items' ? e.items : []))).toEqual([]);
  });

  it('maps MESSAGE_REVOKED, KICKED_OUT types and NET_STATE_CHANGE states to events in plain words', async () => {
    const { chat, events } = await connected();
    chat.fire(EVENT.MESSAGE_REVOKED, [
      receivedMessage({
        ID: 'm1',
        type: 'TIMTextElem',
        payload: { text: 'x' },
        isRevoked: true,
        revokerInfo: { userID: 'mod-1', nick: '' },
      }),
    ]);
    chat.fire(EVENT.NET_STATE_CHANGE, { state: 'connecting' });
    chat.fire(EVENT.NET_STATE_CHANGE, { state: 'disconnected' });
    chat.fire(EVENT.NET_STATE_CHANGE, { state: 'connected' });
    chat.fire(EVENT.KICKED_OUT, { type: 'multipleAccount' });
    chat.fire(EVENT.KICKED_OUT, { type: 'userSigExpired' });
    expect(events).toContainEqual({ type: 'revoked', messageIds: ['m1'], by: 'mod-1' });
    const conn = events.filter((e) => e.type === 'connection').slice(-3);
    expect(conn.map((e) => e.type === 'connection' && e.state)).toEqual(['reconnecting', 'disconnected', 'connected']);
    const kicked = events.filter((e) => e.type === 'kicked').map((e) => e.type === 'kicked' && e.reason);
    expect(kicked[0]).toMatch(/signed in to the chat on another page/);
    expect(kicked[1]).toMatch(/UserSig\) expired/);
  });

  it('sends with priorities to the group or one user, and shows its own message (the SDK never echoes it)', async () => {
    const { service, chat } = await connected();
    const item = await service.sendText('hello', { priority: 'High' });
    expect(chat.calls.find((c) => c.method === 'createTextMessage')?.args[0]).toEqual({
      to: 'show-1',
      conversationType: 'GROUP',
      priority: 'High',
      payload: { text: 'hello' },
    });
    expect(item).toMatchObject({ kind: 'text', text: 'hello', userId: 'vj', roomId: 'show-1' });
    await service.sendCustom({ data: '{"type":"cohost.invite"}' }, { to: 'guest' });
    expect(chat.calls.find((c) => c.method === 'createCustomMessage')?.args[0]).toMatchObject({
      to: 'guest',
      conversationType: 'C2C',
    });
    expect(await service.onlineCount()).toBe(1234);
  });

  it('turns error codes 10017, 10023 and 80002 into plain words', async () => {
    const { service, chat } = await connected();
    const cases: [number, RegExp][] = [
      [10017, /You are muted in this room/],
      [10023, /too many messages.*rate limit/i],
      [80002, /too long.*12 KB/],
      [99999, /could not send the message \(code 99999\): boom/],
    ];
    for (const [code, words] of cases) {
      chat.failNext.set('sendMessage', { code, message: 'boom' });
      await expect(service.sendText('x')).rejects.toThrow(words);
    }
  });

  it('moderates: revoke by Message object, kick and kick-and-ban, mute-all; per-user mutes through the business server', async () => {
    const seen: { url: string; body: unknown; auth: string | undefined }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', body: JSON.parse(body), auth: req.headers.authorization });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }));
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const business = new HttpBusinessServer(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'tok');
    const { service, chat } = await connected({ business });
    chat.fire(EVENT.MESSAGE_RECEIVED, [
      receivedMessage({ ID: 'bad-1', type: 'TIMTextElem', payload: { text: 'spam' } }),
    ]);
    await service.revoke('bad-1');
    expect((chat.calls.find((c) => c.method === 'revokeMessage')?.args[0] as { ID: string }).ID).toBe('bad-1');
    await expect(service.revoke('unknown')).rejects.toThrow(/too old to delete/);
    await service.kick('viewer-1');
    await service.ban('viewer-2', 3600);
    expect(chat.calls.filter((c) => c.method === 'deleteGroupMember').map((c) => c.args[0])).toEqual([
      { groupID: 'show-1', userIDList: ['viewer-1'], reason: 'kicked by a moderator' },
      { groupID: 'show-1', userIDList: ['viewer-2'], reason: 'banned by a moderator', duration: 3600 },
    ]);
    await service.setMuteAll(true);
    expect(chat.calls.find((c) => c.method === 'updateGroupProfile')?.args[0]).toEqual({
      groupID: 'show-1',
      muteAllMembers: true,
    });
    await service.mute('viewer-3', 60);
    expect(seen[0]).toEqual({
      url: '/api/v1/im/group_open_http_svc/forbid_send_msg',
      body: { GroupId: 'show-1', Members_Account: ['viewer-3'], MuteTime: 60 },
      auth: 'Bearer tok',
    });
    // The host's own revoke is announced to the room with High priority; a mute through the business server is
    // announced by the platform as the IM admin (platform/cloud/imRelay.test.ts), not by the studio.
    const notices = chat.calls
      .filter((c) => c.method === 'createCustomMessage')
      .map((c) => c.args[0] as { priority: string; payload: { data: string } });
    expect(notices.every((n) => n.priority === 'High')).toBe(true);
    expect(notices.map((n) => JSON.parse(n.payload.data).action)).toEqual(['revoke']);
  });

  it("sends a moderator's revokes, kicks and bans through the business server (Tencent knows no AVChatRoom moderators)", async () => {
    const seen: { url: string; body: unknown }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ url: req.url ?? '', body: JSON.parse(body) });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' }));
      });
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const business = new HttpBusinessServer(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'tok');
    const { service, chat, role } = await connected({ createRoom: false, userId: 'mod-1', business });
    expect(role).toBe('moderator');
    chat.fire(EVENT.MESSAGE_RECEIVED, [
      receivedMessage({ ID: 'bad-2', type: 'TIMTextElem', payload: { text: 'spam' }, sequence: 42 }),
    ]);
    await service.revoke('bad-2');
    await service.kick('viewer-1');
    await service.ban('viewer-2', 0);
    expect(seen).toEqual([
      {
        url: '/api/v1/im/group_open_http_svc/group_msg_recall',
        body: { GroupId: 'show-1', MsgSeqList: [{ MsgSeq: 42 }] },
      },
      {
        url: '/api/v1/im/group_open_http_svc/ban_group_member',
        body: { GroupId: 'show-1', Members_Account: ['viewer-1'], Duration: 60, Description: 'kick' },
      },
      {
        url: '/api/v1/im/group_open_http_svc/ban_group_member',
        body: { GroupId: 'show-1', Members_Account: ['viewer-2'], Duration: 30 * 24 * 3600 },
      },
    ]);
    expect(chat.calls.filter((c) => c.method === 'revokeMessage' || c.method === 'deleteGroupMember')).toEqual([]);
    // The moderator sends no notice of its own (nobody would believe it): the platform tells the room as the IM
    // admin (platform/cloud/imRelay.test.ts), and Tencent tells every member of the recall itself.
    expect(chat.calls.filter((c) => c.method === 'createCustomMessage')).toEqual([]);
  });

  it('refuses per-user mutes in plain words when no business server is configured', async () => {
    const { service } = await connected();
    await expect(service.mute('viewer-1', 60)).rejects.toThrow(/needs the business server/);
  });
});
