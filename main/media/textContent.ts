// What text items and the chat overlay draw: live figures filled in, control characters removed. The text
// reaches drawtext through a file with expansion=none, so nothing in it is ever interpreted.

export interface LiveFigures {
  viewers: number;
  likes: number;
  latestGift: string;
}

/** One line of text: control characters (and, unless allowed, line breaks) removed, length capped. */
export function sanitizeLine(text: string, keepNewlines: boolean): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f]/g : /[\u0000-\u001f\u007f]/g, ' ');
  return cleaned.slice(0, 2000);
}

export function liveText(template: string, f: LiveFigures): string {
  return sanitizeLine(
    template
      .replace(/\{viewers\}/g, String(f.viewers))
      .replace(/\{likes\}/g, String(f.likes))
      .replace(/\{latestGift\}/g, f.latestGift),
    true,
  );
}
