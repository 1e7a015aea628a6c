// Test support, not used by the studio: a scripted co-host guest — a real chat client on the platform's
// hub that answers invitations as told, and a real ffmpeg publishing a coloured lavfi picture and a tone to
// the signed push URL it is given. Its publisher can be killed (SIGKILL) to play a guest who vanishes.
import { spawn, type ChildProcess } from 'node:child_process';
import { ChatClient } from './platform';
import { lavfiPushArgs } from './lavfiPushArgs';
import { parseHostSignal, type HostToGuest } from '../main/cohost/signals';

export type InviteAnswer = 'accept' | 'decline' | 'ignore';

export class ScriptedGuest {
  readonly received: HostToGuest[] = [];
  readonly roomNotices: { type: string; userId?: string; at: number }[] = [];
  publisher: ChildProcess | null = null;
  publishLog = '';

  private constructor(
    readonly chat: ChatClient,
    readonly userId: string,
    private readonly hostId: string,
    private readonly o: { ffmpegPath: string; color: string; answer: InviteAnswer },
  ) {
    chat.ws.on('message', (raw) => this.onFrame(String(raw)));
  }

  static async join(o: {
    imUrl: string;
    token: string;
    userId: string;
    hostId: string;
    groupId: string;
    ffmpegPath: string;
    color: string;
    answer: InviteAnswer;
  }): Promise<ScriptedGuest> {
    const chat = await ChatClient.connect(o.imUrl, o.token);
    const joined = await chat.request({ type: 'join', groupId: o.groupId });
    if (joined.type !== 'joined') throw new Error(`the guest could not join: ${JSON.stringify(joined)}`);
    return new ScriptedGuest(chat, o.userId, o.hostId, o);
  }

  private onFrame(raw: string): void {
    const f = JSON.parse(raw) as {
      type: string;
      message?: { payload?: { data?: string } };
      messages?: { payload?: { data?: string } }[];
    };
    if (f.type === 'c2c') {
      const m = parseHostSignal(f.message?.payload?.data ?? '');
      if (m) this.onSignal(m);
    }
    if (f.type === 'messages') {
      for (const msg of f.messages ?? []) {
        const data = msg.payload?.data;
        if (!data || !data.includes('"cohost.')) continue;
        const n = JSON.parse(data) as { type: string; userId?: string };
        this.roomNotices.push({ type: n.type, userId: n.userId, at: Date.now() });
      }
    }
  }

  private onSignal(m: HostToGuest): void {
    this.received.push(m);
    if (m.type === 'cohost.invite' && this.o.answer !== 'ignore') {
      this.c2c({ type: this.o.answer === 'accept' ? 'cohost.accept' : 'cohost.decline', inviteId: m.inviteId });
    }
    if (m.type === 'cohost.start') this.publish(m.pushUrl);
    if (m.type === 'cohost.end') this.stopPublishing();
  }

  c2c(data: Record<string, unknown>): void {
    this.chat.send({
      type: 'c2c',
      reqId: `g${Date.now()}${Math.random()}`,
      to: this.hostId,
      elem: {
        type: 'TIMCustomElem',
        payload: { data: JSON.stringify(data), description: String(data.type), extension: '' },
      },
    });
  }

  publish(url: string): void {
    this.stopPublishing();
    const child = spawn(
      this.o.ffmpegPath,
      lavfiPushArgs(url, {
        video: `color=c=${this.o.color}:s=160x90:r=15`,
        audio: 'sine=f=660:r=44100',
        gop: 15,
        audioBitrate: '48k',
      }),
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (d: Buffer) => (this.publishLog = (this.publishLog + d.toString()).slice(-2000)));
    this.publisher = child;
  }

  /** The guest's machine dies: no goodbye, the publisher is killed outright. */
  vanish(): void {
    this.publisher?.kill('SIGKILL');
    this.publisher = null;
  }

  stopPublishing(): void {
    this.publisher?.kill('SIGINT');
    this.publisher = null;
  }

  waitFor(pred: (m: HostToGuest) => boolean, timeoutMs = 10_000): Promise<HostToGuest> {
    const start = Date.now();
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.received.find(pred);
        if (hit) resolve(hit);
        else if (Date.now() - start > timeoutMs)
          reject(new Error(`the guest did not receive it; got ${JSON.stringify(this.received)}`));
        else setTimeout(check, 50);
      };
      check();
    });
  }

  close(): void {
    this.vanish();
    this.chat.close();
  }
}
