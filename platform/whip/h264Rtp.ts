// What an H.264 RTP payload (RFC 6184) carries, as far as the guest bridge needs to know: whether it holds a
// sequence parameter set, so forwarding can begin where a decoder can begin (SPS, PPS, then the keyframe).
const SPS = 7;
const PPS = 8;
const STAP_A = 24;
const FU_A = 28;

/** The NAL unit types in one RTP payload: a single NAL, the units of a STAP-A, or the start of an FU-A. */
export function nalTypes(payload: Uint8Array): number[] {
  if (payload.length < 1) return [];
  const type = payload[0]! & 0x1f;
  if (type === STAP_A) {
    const types: number[] = [];
    let i = 1;
    while (i + 2 < payload.length) {
      const size = (payload[i]! << 8) | payload[i + 1]!;
      if (size === 0 || i + 2 + size > payload.length) break;
      types.push(payload[i + 2]! & 0x1f);
      i += 2 + size;
    }
    return types;
  }
  if (type === FU_A) return payload.length > 1 && payload[1]! & 0x80 ? [payload[1]! & 0x1f] : [];
  return [type];
}

/** The NAL units themselves of a single-NAL or STAP-A payload (an FU-A fragment is none). */
export function nalUnits(payload: Uint8Array): Uint8Array[] {
  if (payload.length < 1) return [];
  const type = payload[0]! & 0x1f;
  if (type === FU_A) return [];
  if (type !== STAP_A) return [payload];
  const units: Uint8Array[] = [];
  let i = 1;
  while (i + 2 < payload.length) {
    const size = (payload[i]! << 8) | payload[i + 1]!;
    if (size === 0 || i + 2 + size > payload.length) break;
    units.push(payload.subarray(i + 2, i + 2 + size));
    i += 2 + size;
  }
  return units;
}

/** The sequence and picture parameter sets a payload carries, if any. */
export function parameterSets(payload: Uint8Array): { sps?: Uint8Array; pps?: Uint8Array } {
  const found: { sps?: Uint8Array; pps?: Uint8Array } = {};
  for (const u of nalUnits(payload)) {
    if ((u[0]! & 0x1f) === SPS) found.sps = u;
    if ((u[0]! & 0x1f) === PPS) found.pps = u;
  }
  return found;
}

/** True when the payload carries a sequence parameter set: a decoder can start here. */
export function carriesSps(payload: Uint8Array): boolean {
  return nalTypes(payload).includes(SPS);
}
