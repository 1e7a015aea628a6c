// Playing the show back to a guest on camera, the WHEP way: one POST of a receive-only offer (ICE gathered
// first), the answer back with a Location, DELETE when done. What arrives is the host's program with the
// guest's mix-minus (their own voice left out), with WebRTC's delay instead of the viewer stream's.
/* global RTCPeerConnection, MediaStream */
import { deleteResource, gathered, postOffer } from './whip.js';

export class WhepPlayer {
  constructor(whepUrl, token) {
    this.whepUrl = whepUrl;
    this.token = token;
    this.pc = null;
    this.location = null;
  }

  /** Starts playing into the video element; resolves once the platform answered. */
  async play(video) {
    const pc = new RTCPeerConnection();
    this.pc = pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    const stream = new MediaStream();
    pc.addEventListener('track', (e) => {
      stream.addTrack(e.track);
      // A conversation: play what arrives at once rather than buffering for smoothness.
      if ('playoutDelayHint' in e.receiver) e.receiver.playoutDelayHint = 0;
      video.srcObject = stream;
      void video.play().catch(() => {});
    });
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc, 2000);
    const { location, answer } = await postOffer(this.whepUrl, this.token, pc.localDescription.sdp);
    this.location = location;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  stop() {
    deleteResource(this.location, this.token);
    this.location = null;
    this.pc?.close();
    this.pc = null;
  }
}
