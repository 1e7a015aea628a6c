// The Electron shell's security decisions as pure functions (no electron import), so each is unit-tested in plain
// Node: which IPC sender is the studio's own page, which links may leave for the system browser, and which
// permission the page may have. The windows' web preferences are in ./windowOptions.

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Where the studio's own page is loaded from: the dev server (by origin) or the built index.html (by file URL). */
export type StudioPageSource = { kind: 'devServer'; url: string } | { kind: 'file'; fileUrl: string };

/**
 * Whether a page URL is the studio's own page: the exact origin of the dev server, or exactly the built
 * index.html as a file URL (its query and hash aside). Never a string prefix: `http://localhost:5173.evil.test`
 * and `file:///…/index.html.evil/` are someone else's page.
 */
export function isStudioPageUrl(url: string, source: StudioPageSource): boolean {
  const page = parse(url);
  if (!page) return false;
  if (source.kind === 'devServer') {
    const dev = parse(source.url);
    return !!dev && page.origin !== 'null' && page.origin === dev.origin;
  }
  const expected = parse(source.fileUrl);
  return (
    !!expected &&
    page.protocol === 'file:' &&
    expected.protocol === 'file:' &&
    page.host === expected.host &&
    page.pathname === expected.pathname
  );
}

/** What the shell knows about an IPC message's sender. */
export interface IpcSenderFacts {
  senderId: number;
  /** The studio's windows: the main one and its popped-out panels. */
  studioWebContentsIds: readonly number[];
  /** The sending frame is its window's main frame (not an iframe, not a detached frame). */
  isMainFrame: boolean;
  frameUrl: string | null;
}

/** Only a studio window's main frame, showing the studio's own page, may call the studio API. */
export function isTrustedIpcSender(facts: IpcSenderFacts, source: StudioPageSource): boolean {
  return (
    facts.studioWebContentsIds.includes(facts.senderId) &&
    facts.isMainFrame &&
    facts.frameUrl !== null &&
    isStudioPageUrl(facts.frameUrl, source)
  );
}

/** Hosts a plain-http link may open: the embedded platform's viewer page on this machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a link the page asks to open may go to the system browser: https anywhere, http only to this machine
 * (parsed host, exact: `127.0.0.1.example.com` is not this machine), never with a user name or password in it,
 * never another scheme (file:, javascript:, custom protocol handlers).
 */
export function mayOpenExternally(url: string): boolean {
  const link = parse(url);
  if (!link || link.username || link.password) return false;
  if (link.protocol === 'https:') return link.hostname !== '';
  if (link.protocol === 'http:') return LOOPBACK_HOSTS.has(link.hostname);
  return false;
}

/**
 * Whether the page may have a permission. Capture is done by ffmpeg in the main process, so the page needs no
 * camera, microphone, screen, location or notification; only writing plain text to the clipboard (copying the
 * viewer address), and only for the studio's own page.
 */
export function mayGrantPermission(permission: string, requestingUrl: string, source: StudioPageSource): boolean {
  return permission === 'clipboard-sanitized-write' && isStudioPageUrl(requestingUrl, source);
}
