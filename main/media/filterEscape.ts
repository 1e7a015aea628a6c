// Escaping for values inside an ffmpeg filtergraph: once for the option parser, once for the graph parser.

export function escapeFilterValue(value: string): string {
  const level1 = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return level1.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** "#ff3b5c" → "0xff3b5c" (ffmpeg's colour syntax), with an optional alpha. */
export function ffColor(hex: string, alpha?: number): string {
  const c = `0x${hex.replace('#', '')}`;
  return alpha === undefined ? c : `${c}@${alpha}`;
}
