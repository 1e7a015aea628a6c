// Publishing a guest's camera and microphone to the platform over WebRTC, the WHIP way (RFC 9725): one POST
// of the whole offer (ICE gathered first, no trickle), the answer back with a Location, DELETE to leave.
/* global RTCPeerConnection, fetch */

export function gathered(pc, ms) {
  return new Promise((done) => {
    if (pc.iceGatheringState === 'complete') return done();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && done());
    setTimeout(done, ms);
  });
}

/** Puts H.264 first: the platform takes the browser's H.264 as it is, without re-encoding it. */
function preferH264(transceiver) {
  const caps = globalThis.RTCRtpSender?.getCapabilities?.('video');
  if (!caps || !transceiver.setCodecPreferences) return;
  const h264 = caps.codecs.filter((c) => /h264/i.test(c.mimeType));
  const rest = caps.codecs.filter((c) => !/h264/i.test(c.mimeType));
  if (h264.length) transceiver.setCodecPreferences([...h264, ...rest]);
}

/** POSTs a whole offer to a WHIP or WHEP endpoint: the answer and the resource's address, or the platform's words. */
export async function postOffer(url, token, sdp) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/sdp', Authorization: `Bearer ${token}` },
    body: sdp,
  });
  if (res.status !== 201) {
    const body = await res.json().catch(() => ({}));
    const err = new Error(body?.error?.message ?? `HTTP ${res.status}`);
    err.zh = body?.error?.zh;
    throw err;
  }
  return { location: new URL(res.headers.get('Location'), url).toString(), answer: await res.text() };
}

/** Ends a WHIP or WHEP resource (kept alive past the page's end when the tab closes). */
export function deleteResource(location, token) {
  if (!location) return;
  fetch(location, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` }, keepalive: true }).catch(() => {});
}

export class WhipPublisher {
  constructor(whipUrl, token, onState) {
    this.whipUrl = whipUrl;
    this.token = token;
    this.onState = onState;
    this.pc = null;
    this.location = null;
    this.senders = {};
  }

  async publish(stream) {
    const pc = new RTCPeerConnection();
    this.pc = pc;
    for (const track of stream.getTracks()) {
      const t = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      if (track.kind === 'video') preferH264(t);
      this.senders[track.kind] = t.sender;
    }
    pc.addEventListener('connectionstatechange', () => this.onState(pc.connectionState));
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc, 2000);
    const { location, answer } = await postOffer(this.whipUrl, this.token, pc.localDescription.sdp);
    this.location = location;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  /** A new camera or microphone while publishing: swapped in place, no new connection. */
  async replaceTrack(track) {
    await this.senders[track.kind]?.replaceTrack(track);
  }

  /** Leaves: the resource is deleted (kept alive past the page's end when the tab closes). */
  stop() {
    deleteResource(this.location, this.token);
    this.location = null;
    this.pc?.close();
    this.pc = null;
  }
}
