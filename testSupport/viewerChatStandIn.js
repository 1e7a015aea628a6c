// Test support, served by a test's platform in place of the viewer page's tencentChat.js (same exports): each SDK
// instance is a loopback WebSocket to the test's Tencent IM client stand-in (chatCloudBridge.ts prepends BRIDGE).
/* global WebSocket, BRIDGE */
export const EVENT = BRIDGE.EVENT;
export const TYPES = BRIDGE.TYPES;

class BridgedChat {
  constructor(sdkAppId) {
    this.handlers = new Map();
    this.pending = new Map();
    this.seq = 0;
    this.drafts = 0;
    this.ws = new WebSocket(BRIDGE.url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.onopen = resolve;
      this.ws.onerror = () => reject(Object.assign(new Error('the chat stand-in is unreachable'), { code: -1 }));
    });
    this.ws.onmessage = (ev) => this.heard(JSON.parse(ev.data));
    void this.remote('create', [sdkAppId]).catch(() => {});
  }

  heard(m) {
    if (m.event) {
      for (const h of this.handlers.get(m.event) ?? []) h({ name: m.event, data: m.data });
      return;
    }
    const waiter = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (m.ok) waiter?.resolve(m.value);
    else waiter?.reject(Object.assign(new Error(m.error.message), m.error));
  }

  async remote(call, args) {
    await this.opened;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, call, args }));
    });
  }

  on(event, handler) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event).add(handler);
  }
  off(event, handler) {
    this.handlers.get(event)?.delete(handler);
  }
  login(o) {
    return this.remote('login', [o]);
  }
  logout() {
    return this.remote('logout', []);
  }
  destroy() {
    return this.remote('logout', []).finally(() => this.ws.close());
  }
  joinGroup(o) {
    return this.remote('joinGroup', [o]);
  }
  quitGroup(groupID) {
    return this.remote('quitGroup', [groupID]);
  }
  getGroupOnlineMemberCount(groupID) {
    return this.remote('getGroupOnlineMemberCount', [groupID]);
  }
  createTextMessage(options) {
    return { ID: `draft-${++this.drafts}`, kind: 'text', options };
  }
  createCustomMessage(options) {
    return { ID: `draft-${++this.drafts}`, kind: 'custom', options };
  }
  sendMessage(draft) {
    return this.remote('sendMessage', [draft.kind, draft.options]);
  }
}

export function createChat(sdkAppId) {
  return new BridgedChat(sdkAppId);
}
