import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  isStudioPageUrl,
  isTrustedIpcSender,
  mayGrantPermission,
  mayOpenExternally,
  type StudioPageSource,
} from './securityPolicy';

const index = pathToFileURL('/opt/VJ Studio/resources/app.asar/out/renderer/index.html').toString();
const built: StudioPageSource = { kind: 'file', fileUrl: index };
const dev: StudioPageSource = { kind: 'devServer', url: 'http://localhost:5173/' };

describe("the studio's own page", () => {
  it('is exactly the built index.html, whatever its route and query', () => {
    expect(isStudioPageUrl(index, built)).toBe(true);
    expect(isStudioPageUrl(`${index}#/scenes`, built)).toBe(true);
    expect(isStudioPageUrl(`${index}?lang=zh#/chat`, built)).toBe(true);
  });

  it('is not another file that merely starts with the same path', () => {
    expect(isStudioPageUrl(`${index}.evil/`, built)).toBe(false);
    expect(isStudioPageUrl(index.replace('index.html', 'index.html.html'), built)).toBe(false);
    expect(isStudioPageUrl(index.replace('/renderer/', '/renderer/../../evil/'), built)).toBe(false);
    expect(isStudioPageUrl(pathToFileURL('/tmp/index.html').toString(), built)).toBe(false);
    expect(isStudioPageUrl('file://evil-host/opt/VJ%20Studio/resources/app.asar/out/renderer/index.html', built)).toBe(
      false,
    );
    expect(isStudioPageUrl('https://example.com/index.html', built)).toBe(false);
    expect(isStudioPageUrl('not a url', built)).toBe(false);
  });

  it("is the dev server's exact origin, not an origin that starts with it", () => {
    expect(isStudioPageUrl('http://localhost:5173/#/chat', dev)).toBe(true);
    expect(isStudioPageUrl('http://localhost:5173.evil.test/', dev)).toBe(false);
    expect(isStudioPageUrl('http://localhost:51730/', dev)).toBe(false);
    expect(isStudioPageUrl('http://localhost:5173@evil.test/', dev)).toBe(false);
    expect(isStudioPageUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isStudioPageUrl('http://127.0.0.1:5173/', dev)).toBe(false);
  });
});

describe('an IPC sender', () => {
  const facts = { senderId: 7, studioWebContentsIds: [3, 7], isMainFrame: true, frameUrl: index };

  it("is trusted only as a studio window's main frame showing the studio's page", () => {
    expect(isTrustedIpcSender(facts, built)).toBe(true);
    expect(isTrustedIpcSender({ ...facts, frameUrl: `${index}#/panel/chat` }, built)).toBe(true);
    expect(isTrustedIpcSender({ ...facts, senderId: 8 }, built)).toBe(false);
    expect(isTrustedIpcSender({ ...facts, isMainFrame: false }, built)).toBe(false);
    expect(isTrustedIpcSender({ ...facts, frameUrl: null }, built)).toBe(false);
    expect(isTrustedIpcSender({ ...facts, frameUrl: `${index}.evil/` }, built)).toBe(false);
    expect(isTrustedIpcSender({ ...facts, frameUrl: 'http://localhost:5173.evil.test/' }, dev)).toBe(false);
  });
});

describe('a link to the system browser', () => {
  it('opens https anywhere and http on this machine only', () => {
    expect(mayOpenExternally('https://help.example.com/vj')).toBe(true);
    expect(mayOpenExternally('http://127.0.0.1:8090/room/3')).toBe(true);
    expect(mayOpenExternally('http://localhost:8090/')).toBe(true);
    expect(mayOpenExternally('http://[::1]:8090/')).toBe(true);
  });

  it('refuses a look-alike host, credentials in the address and every other scheme', () => {
    expect(mayOpenExternally('http://127.0.0.1.example.com/')).toBe(false);
    expect(mayOpenExternally('http://127.0.0.1.example.com:8090/room/3')).toBe(false);
    expect(mayOpenExternally('http://localhost.example.com/')).toBe(false);
    expect(mayOpenExternally('http://127.0.0.1@evil.example/')).toBe(false);
    expect(mayOpenExternally('https://user:pass@example.com/')).toBe(false);
    expect(mayOpenExternally('http://example.com/')).toBe(false);
    expect(mayOpenExternally('file:///etc/passwd')).toBe(false);
    expect(mayOpenExternally('javascript:alert(1)')).toBe(false);
    expect(mayOpenExternally('ms-msdt:/id PCWDiagnostic')).toBe(false);
    expect(mayOpenExternally('smb://evil/share')).toBe(false);
    expect(mayOpenExternally('not a url')).toBe(false);
  });
});

describe('a permission request', () => {
  it('is refused for devices, screens, location and notifications, even from the studio page', () => {
    for (const p of ['media', 'display-capture', 'geolocation', 'notifications', 'midi', 'openExternal', 'pointerLock'])
      expect(mayGrantPermission(p, index, built)).toBe(false);
  });

  it("grants plain-text clipboard writes to the studio's own page only", () => {
    expect(mayGrantPermission('clipboard-sanitized-write', index, built)).toBe(true);
    expect(mayGrantPermission('clipboard-sanitized-write', 'https://example.com/', built)).toBe(false);
    expect(mayGrantPermission('clipboard-read', index, built)).toBe(false);
  });
});
