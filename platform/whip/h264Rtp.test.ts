// Reading H.264 RTP payloads for where a decoder can start.
import { describe, expect, it } from 'vitest';
import { carriesSps, nalTypes, parameterSets } from './h264Rtp';

describe('H.264 RTP payloads', () => {
  it('reads a single NAL unit, a STAP-A and the start of an FU-A', () => {
    expect(nalTypes(Uint8Array.from([0x67, 0x42, 0xe0]))).toEqual([7]);
    // STAP-A: SPS (3 bytes) then PPS (2 bytes).
    expect(nalTypes(Uint8Array.from([0x78, 0, 3, 0x67, 0x42, 0xe0, 0, 2, 0x68, 0xce]))).toEqual([7, 8]);
    // FU-A starting an IDR slice, and one continuing it.
    expect(nalTypes(Uint8Array.from([0x7c, 0x85, 1, 2]))).toEqual([5]);
    expect(nalTypes(Uint8Array.from([0x7c, 0x05, 1, 2]))).toEqual([]);
    expect(nalTypes(new Uint8Array())).toEqual([]);
  });

  it('starts forwarding only where a sequence parameter set is', () => {
    expect(carriesSps(Uint8Array.from([0x78, 0, 3, 0x67, 0x42, 0xe0, 0, 2, 0x68, 0xce]))).toBe(true);
    expect(carriesSps(Uint8Array.from([0x67, 0x42]))).toBe(true);
    expect(carriesSps(Uint8Array.from([0x41, 0x9a]))).toBe(false);
    expect(carriesSps(Uint8Array.from([0x7c, 0x85, 1]))).toBe(false);
    // A STAP-A whose sizes run past its end is read no further.
    expect(carriesSps(Uint8Array.from([0x78, 0, 9, 0x67]))).toBe(false);
  });

  it('takes the parameter sets out of a STAP-A or single packets', () => {
    const stap = parameterSets(Uint8Array.from([0x78, 0, 3, 0x67, 0x42, 0xe0, 0, 2, 0x68, 0xce]));
    expect([...stap.sps!]).toEqual([0x67, 0x42, 0xe0]);
    expect([...stap.pps!]).toEqual([0x68, 0xce]);
    expect(parameterSets(Uint8Array.from([0x68, 0xce, 0x3c]))).toEqual({ pps: Uint8Array.from([0x68, 0xce, 0x3c]) });
    expect(parameterSets(Uint8Array.from([0x65, 0x88]))).toEqual({});
  });
});
