// FLV tag bodies, the payloads of RTMP's video and audio messages: H.264 (AVC) and AAC, their sequence
// headers (the decoder configuration) and their frames. Pure.

export function avcSequenceHeader(avcC: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x17, 0, 0, 0, 0]), avcC]);
}

/** A frame: keyframe or not, then the composition time (presentation minus decode), signed, in milliseconds. */
export function avcFrame(keyframe: boolean, ctsMs: number, data: Buffer): Buffer {
  const h = Buffer.alloc(5);
  h[0] = keyframe ? 0x17 : 0x27;
  h[1] = 1;
  h.writeIntBE(Math.round(ctsMs), 2, 3);
  return Buffer.concat([h, data]);
}

/** AAC tag bodies (the header byte says AAC; the real format is in the AudioSpecificConfig). */
export function aacSequenceHeader(asc: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xaf, 0]), asc]);
}

export function aacFrame(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xaf, 1]), data]);
}
