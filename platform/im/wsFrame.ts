// WebSocket framing of the hub's batches: one frame per batch, the same bytes written to every member's socket.

/**
 * An unmasked, final WebSocket text frame around a payload (RFC 6455 §5.2). A room's batch is framed once and the
 * same bytes are written to every member's socket, instead of ws framing it again per socket.
 */
export function wsTextFrame(payload: Buffer): Buffer {
  return wsTextFrameOf([payload]);
}

/** The same frame around a payload given in parts, copied once (a join's answer: its own head, the shared history). */
export function wsTextFrameOf(parts: readonly Buffer[]): Buffer {
  let len = 0;
  for (const p of parts) len += p.length;
  let header: Buffer;
  if (len < 126) header = Buffer.from([0x81, len]);
  else if (len < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x81;
    header[1] = 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([header, ...parts], header.length + len);
}

const framed = new WeakMap<Buffer, Buffer>();
/** The frame around a room batch, built once however many sockets it goes to. */
export function framedOnce(payload: Buffer): Buffer {
  let f = framed.get(payload);
  if (!f) framed.set(payload, (f = wsTextFrame(payload)));
  return f;
}
