// Text for ffmpeg's drawtext, from anyone (chat messages, nicknames, gift names): always shown as text,
// never interpreted. A filter graph parses an option value twice (the graph, then the filter's options)
// and drawtext would expand %{…}; so expansion is turned off and the value is quoted for both levels.

/** Control characters (other than the line breaks we place ourselves) and bidi overrides are dropped. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function cleanOverlayText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

/** Level 2, the filter's own options (av_get_token, ':' ends a value): single-quote it; a ' becomes '\''. */
function quoteForFilterOptions(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** Level 1, the filter graph (av_get_token, '[],;' end a filter): backslash every character it treats specially. */
function escapeForFilterGraph(value: string): string {
  return value.replace(/[\\'[\],;:]/g, (c) => `\\${c}`);
}

/**
 * The drawtext options that show `text` literally, ready to put after `drawtext=` (or after other options and
 * a ':') inside a -filter_complex string passed as one argument (no shell). Includes `expansion=none`.
 */
export function drawtextTextOptions(text: string): string {
  return `expansion=none:text=${escapeForFilterGraph(quoteForFilterOptions(cleanOverlayText(text)))}`;
}

export interface OverlayMessage {
  nick: string;
  text: string;
}

/** The last `lines` chat messages as the overlay's text, one per line, each cut to `maxChars` characters. */
export function chatOverlayText(messages: readonly OverlayMessage[], lines: number, maxChars = 60): string {
  return messages
    .slice(-lines)
    .map((m) => {
      const line = `${cleanOverlayText(m.nick).replace(/\n/g, ' ')}: ${cleanOverlayText(m.text).replace(/\n/g, ' ')}`;
      const chars = [...line];
      return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : line;
    })
    .join('\n');
}
