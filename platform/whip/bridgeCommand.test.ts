// The guest bridge's ffmpeg input and arguments, as plain data.
import { describe, expect, it } from 'vitest';
import { bridgeArgs, bridgeSdp } from './bridgeCommand';

describe('guest bridge command', () => {
  it('describes the forwarded RTP on the ports it was given', () => {
    const sdp = bridgeSdp({ video: 40000, audio: 40002 }, { videoPayloadType: 96, audioPayloadType: 111 });
    expect(sdp.split('\r\n')).toEqual([
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=guest',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=video 40000 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1',
      'm=audio 40002 RTP/AVP 111',
      'a=rtpmap:111 opus/48000/2',
      '',
    ]);
  });

  it("hands ffmpeg the browser's parameter sets, so it need not probe for the picture size", () => {
    const sdp = bridgeSdp(
      { video: 40000, audio: 40002 },
      {
        videoPayloadType: 96,
        audioPayloadType: 111,
        parameterSets: { sps: Uint8Array.from([0x67, 0x42, 0xe0]), pps: Uint8Array.from([0x68, 0xce]) },
      },
    );
    expect(sdp).toContain('a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0Lg,aM4=\r\n');
  });

  it('copies the video, turns Opus into AAC, and publishes FLV without buffering its input', () => {
    const args = bridgeArgs('rtmp://127.0.0.1:1935/live/s-guest-a?txSecret=x&txTime=1');
    expect(args.slice(args.indexOf('-c:v'), args.indexOf('-c:v') + 4)).toEqual(['-c:v', 'copy', '-c:a', 'aac']);
    expect(args[args.indexOf('-fflags') + 1]).toBe('+nobuffer+genpts');
    expect(args.slice(-3)).toEqual(['-f', 'flv', 'rtmp://127.0.0.1:1935/live/s-guest-a?txSecret=x&txTime=1']);
    expect(args.slice(args.indexOf('-f'), args.indexOf('-f') + 4)).toEqual(['-f', 'sdp', '-i', 'pipe:0']);
  });
});
