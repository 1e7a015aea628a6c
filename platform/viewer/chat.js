// The chat hub connection (WebSocket /im): joins one room, reconnects, hands every frame to the page.
/* global WebSocket */
export class ChatConnection {
  constructor(imUrl, token, groupId, onFrame, onState) {
    this.imUrl = imUrl;
    this.token = token;
    this.groupId = groupId;
    this.onFrame = onFrame;
    this.onState = onState;
    this.seq = 0;
    this.pending = new Map();
    this.closed = false;
    this.open();
  }

  open() {
    this.ws = new WebSocket(`${this.imUrl}?token=${encodeURIComponent(this.token)}`);
    this.ws.onopen = () => {
      this.onState('open');
      this.request({ type: 'join', groupId: this.groupId });
    };
    this.ws.onmessage = (ev) => {
      let f;
      try {
        f = JSON.parse(ev.data);
      } catch {
        return;
      }
      const waiter = f.reqId ? this.pending.get(f.reqId) : undefined;
      if (waiter) {
        this.pending.delete(f.reqId);
        waiter(f);
      }
      this.onFrame(f);
    };
    this.ws.onclose = () => {
      if (this.closed) return;
      this.onState('lost');
      this.retry = setTimeout(() => this.open(), 2000);
    };
  }

  /** Sends a frame and resolves with the ack/error/joined that answers it. */
  request(frame) {
    const reqId = `v${++this.seq}`;
    return new Promise((resolve) => {
      this.pending.set(reqId, resolve);
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ ...frame, reqId }));
      else resolve({ type: 'error', code: 'offline', message: 'The chat is not connected.' });
    });
  }

  close() {
    this.closed = true;
    clearTimeout(this.retry);
    this.ws.close();
  }
}
