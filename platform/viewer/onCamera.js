// The viewer on camera: an invitation from the host (accept or decline within its countdown) or the host's
// acceptance of a request, the camera and microphone (pickers, preview, mirror, mute, leave, plain words when
// they cannot be had), publishing over WHIP, and the ways it ends (the host, the show, a dropped network).
/* global document, navigator, window, setInterval, clearInterval */
import { currentLang, t } from './strings.js';
import { WhepPlayer } from './whep.js';
import { WhipPublisher } from './whip.js';

const $ = (id) => document.getElementById(id);

/** Plain words for why getUserMedia failed, and what to do about it. */
export function cameraProblem(err) {
  switch (err?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return t('camDenied');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return t('camMissing');
    case 'NotReadableError':
    case 'AbortError':
      return t('camBusy');
    default:
      return t('camFailed', { reason: err?.message ?? String(err) });
  }
}

export class OnCamera {
  /** deps: { chat(): ChatConnection|null, room(): room|null, me(): account|null, token(): string } */
  constructor(deps) {
    this.d = deps;
    this.stream = null;
    this.publisher = null;
    this.inviteId = null;
    this.whipUrl = null;
    this.whepUrl = null;
    this.returnFeed = null;
    this.ended = true;
    this.countdown = null;
    this.mirrored = true;
    this.wire();
  }

  wire() {
    $('inviteAccept').addEventListener('click', () => void this.acceptInvite());
    $('inviteDecline').addEventListener('click', () => this.declineInvite());
    $('mirror').addEventListener('click', () => {
      this.mirrored = !this.mirrored;
      $('preview').classList.toggle('mirrored', this.mirrored);
      $('mirror').setAttribute('aria-pressed', String(this.mirrored));
    });
    $('mute').addEventListener('click', () => {
      const a = this.stream?.getAudioTracks()[0];
      if (!a) return;
      a.enabled = !a.enabled;
      this.renderMute();
    });
    $('leaveVideo').addEventListener('click', () => this.leave());
    $('rejoin').addEventListener('click', () => void this.rejoin());
    $('retryCamera').addEventListener('click', () => void this.retryCamera());
    $('cameraPick').addEventListener('change', () => void this.switchDevice('video'));
    $('micPick').addEventListener('change', () => void this.switchDevice('audio'));
    // A closed tab still says goodbye when it can; the platform ends a silent guest by itself otherwise.
    window.addEventListener('pagehide', () => {
      if (!this.ended) this.signal({ type: 'cohost.leave', inviteId: this.inviteId ?? undefined });
      this.publisher?.stop();
      this.returnFeed?.stop();
    });
  }

  // ── from the host ──

  /** A one-to-one frame from the hub: only the room's host drives this. */
  onC2c(message) {
    const room = this.d.room();
    if (!room || message.from.userId !== room.host.userId) return;
    let m;
    try {
      m = JSON.parse(message.payload.data);
    } catch {
      return;
    }
    if (typeof m?.type !== 'string' || typeof m.inviteId !== 'string') return;
    switch (m.type) {
      case 'cohost.invite':
        return this.showInvite(m.inviteId, Number(m.expiresInMs) || 30_000);
      case 'cohost.cancel':
        if (m.inviteId !== this.inviteId) return;
        this.hideInvite();
        this.status(t(m.reason === 'timeout' ? 'inviteExpired' : m.reason === 'full' ? 'roomFull' : 'inviteCancelled'));
        if (this.ended) this.stopCamera();
        return;
      case 'cohost.start':
        if (typeof m.whipUrl !== 'string') return this.fail(t('publishFailed', { reason: 'no WHIP address' }));
        this.inviteId = m.inviteId;
        this.whipUrl = m.whipUrl;
        this.whepUrl = typeof m.whepUrl === 'string' ? m.whepUrl : null;
        this.ended = false;
        this.hideInvite();
        return void this.start();
      case 'cohost.end':
        if (m.inviteId !== this.inviteId) return;
        return this.endedByHost(m.reason);
    }
  }

  /** The room hears who joined: when it is this viewer, their frames are in the program. */
  onRoomNotice(n) {
    if (n.userId !== this.d.me()?.userId) return;
    if (n.type === 'cohost.joined') {
      this.status(t('onAir'));
      $('onCamera').dataset.state = 'live';
    }
  }

  onRoomEnded() {
    if (!this.ended) this.endedByHost('show_ended');
    this.hideInvite();
  }

  // ── the invitation ──

  showInvite(inviteId, ms) {
    this.inviteId = inviteId;
    const until = Date.now() + ms;
    const name = this.d.room()?.host.nickname ?? '';
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      $('inviteText').textContent = t('invited', { name, n: left });
      if (left === 0) {
        this.hideInvite();
        this.status(t('inviteExpired'));
      }
    };
    clearInterval(this.countdown);
    this.countdown = setInterval(tick, 1000);
    tick();
    $('invite').hidden = false;
    $('inviteError').textContent = '';
  }

  hideInvite() {
    clearInterval(this.countdown);
    this.countdown = null;
    $('invite').hidden = true;
  }

  async acceptInvite() {
    // The camera first: a refused permission is said plainly and the invitation stays open to try again.
    if (!(await this.openCamera())) {
      $('inviteError').textContent = $('cameraError').textContent;
      return;
    }
    this.signal({ type: 'cohost.accept', inviteId: this.inviteId });
    this.hideInvite();
    this.status(t('waitingHost'));
  }

  declineInvite() {
    this.signal({ type: 'cohost.decline', inviteId: this.inviteId });
    this.hideInvite();
    this.status(t('declined'));
  }

  // ── camera and publishing ──

  async openCamera() {
    $('onCamera').hidden = false;
    // On camera, "Request to join" has nothing left to ask: it comes back when the guest is off camera.
    $('cohost').hidden = true;
    $('cameraError').textContent = '';
    $('retryCamera').hidden = true;
    if (this.stream) return true;
    this.status(t('askingCamera'));
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 30 } },
        audio: { echoCancellation: true, noiseSuppression: true },
      });
    } catch (e) {
      this.fail(cameraProblem(e));
      $('retryCamera').hidden = false;
      return false;
    }
    $('preview').srcObject = this.stream;
    $('preview').classList.toggle('mirrored', this.mirrored);
    this.renderMute();
    await this.listDevices();
    return true;
  }

  async listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    const fill = (select, kind, track) => {
      select.replaceChildren();
      for (const dev of devices.filter((x) => x.kind === kind)) {
        const o = document.createElement('option');
        o.value = dev.deviceId;
        o.textContent = dev.label || kind;
        o.selected = dev.deviceId === track?.getSettings().deviceId;
        select.append(o);
      }
    };
    fill($('cameraPick'), 'videoinput', this.stream?.getVideoTracks()[0]);
    fill($('micPick'), 'audioinput', this.stream?.getAudioTracks()[0]);
  }

  async switchDevice(kind) {
    if (!this.stream) return;
    const deviceId = $(kind === 'video' ? 'cameraPick' : 'micPick').value;
    try {
      const s = await navigator.mediaDevices.getUserMedia({ [kind]: { deviceId: { exact: deviceId } } });
      const track = s.getTracks()[0];
      const old = kind === 'video' ? this.stream.getVideoTracks()[0] : this.stream.getAudioTracks()[0];
      if (old && kind === 'audio') track.enabled = old.enabled;
      if (old) {
        this.stream.removeTrack(old);
        old.stop();
      }
      this.stream.addTrack(track);
      await this.publisher?.replaceTrack(track);
    } catch (e) {
      this.fail(cameraProblem(e));
    }
  }

  async start() {
    if (!(await this.openCamera())) return;
    await this.publish();
  }

  async publish() {
    this.publisher?.stop();
    $('rejoin').hidden = true;
    this.status(t('connectingVideo'));
    $('onCamera').dataset.state = 'connecting';
    const p = new WhipPublisher(this.whipUrl, this.d.token(), (s) => this.onConnection(p, s));
    this.publisher = p;
    try {
      await p.publish(this.stream);
    } catch (e) {
      if (this.publisher !== p) return;
      this.fail(t('publishFailed', { reason: currentLang() === 'zh' && e.zh ? e.zh : e.message }));
      $('rejoin').hidden = false;
      return;
    }
    await this.watchShow();
  }

  /** The show played back to the guest (the host's program without their own voice), while on camera. */
  async watchShow() {
    this.returnFeed?.stop();
    this.returnFeed = null;
    if (!this.whepUrl) return;
    const player = new WhepPlayer(this.whepUrl, this.d.token());
    this.returnFeed = player;
    try {
      await player.play($('returnFeed'));
    } catch (e) {
      if (this.returnFeed === player)
        this.fail(t('returnFailed', { reason: currentLang() === 'zh' && e.zh ? e.zh : e.message }));
    }
  }

  onConnection(p, state) {
    if (this.publisher !== p) return;
    if (state === 'connected') {
      $('onCamera').dataset.state = 'sending';
      this.status(t('sendingVideo'));
    }
    if (state === 'failed' || state === 'disconnected') {
      $('onCamera').dataset.state = 'lost';
      this.fail(t('connectionLost'));
      $('rejoin').hidden = false;
    }
  }

  /** After a drop: publish again while the host still has us on; otherwise ask to come back. */
  async rejoin() {
    $('rejoin').hidden = true;
    if (!this.ended && this.whipUrl) return this.publish();
    if (!(await this.openCamera())) return;
    const answer = await this.d.chat()?.request(hostFrame(this.d.room(), { type: 'cohost.request' }));
    this.status(answer?.type === 'error' ? answer.message : t('askedAgain'));
  }

  async retryCamera() {
    if (!(await this.openCamera())) return;
    if (!$('invite').hidden) return this.acceptInvite();
    if (!this.ended) await this.publish();
  }

  leave() {
    if (!this.ended) this.signal({ type: 'cohost.leave', inviteId: this.inviteId ?? undefined });
    this.ended = true;
    this.stopCamera();
    this.status(t('leftVideo'));
  }

  endedByHost(reason) {
    this.ended = true;
    this.stopCamera();
    const words = { removed: 'endRemoved', show_ended: 'endShow', no_stream: 'endNoStream', lost: 'endLost' };
    this.status(t(words[reason] ?? 'endRemoved'));
    $('rejoin').hidden = reason !== 'lost' && reason !== 'no_stream';
  }

  stopCamera() {
    this.publisher?.stop();
    this.publisher = null;
    this.returnFeed?.stop();
    this.returnFeed = null;
    $('returnFeed').srcObject = null;
    this.stream?.getTracks().forEach((x) => x.stop());
    this.stream = null;
    $('preview').srcObject = null;
    $('onCamera').hidden = true;
    $('onCamera').dataset.state = 'off';
    $('cohost').hidden = false;
  }

  renderMute() {
    const on = this.stream?.getAudioTracks()[0]?.enabled !== false;
    $('mute').textContent = t(on ? 'mute' : 'unmute');
    $('mute').setAttribute('aria-pressed', String(!on));
  }

  status(text) {
    $('cameraStatus').textContent = text;
    $('cohostStatus').textContent = text;
    $('cameraError').textContent = '';
  }

  fail(text) {
    $('cameraError').textContent = text;
    $('cohostStatus').textContent = text;
  }

  signal(data) {
    const frame = hostFrame(this.d.room(), data);
    if (frame) void this.d.chat()?.request(frame);
  }

  reset() {
    this.hideInvite();
    if (!this.ended) this.leave();
    this.stopCamera();
    $('cohostStatus').textContent = '';
  }
}

function hostFrame(room, data) {
  if (!room) return null;
  return {
    type: 'c2c',
    to: room.host.userId,
    elem: { type: 'TIMCustomElem', payload: { data: JSON.stringify(data), description: data.type, extension: '' } },
  };
}
