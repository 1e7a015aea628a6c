import { describe, expect, it } from 'vitest';
import { cockpitPanelIds } from '../contract/cockpit';
import { hardenedWebPreferences, panelWindowOptions, panelWindowUrl } from './windowOptions';

describe('a popped-out panel window', () => {
  it('is as hardened as the main window, for every panel', () => {
    for (const panel of cockpitPanelIds) {
      const o = panelWindowOptions('/app/out', panel, 'Chat');
      expect(o.webPreferences).toEqual(hardenedWebPreferences('/app/out'));
      expect(o.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: '/app/out/preload/index.cjs',
      });
      expect(o.show).toBe(false); // shown once ready, never a white flash
      expect(o.width).toBeGreaterThanOrEqual(320);
    }
    expect(panelWindowOptions('/app/out', 'chat', 'Chat')).toMatchObject({ width: 480, height: 860, title: 'Chat' });
  });

  it("loads the studio's own page with the panel's route, never anything else", () => {
    expect(panelWindowUrl('/app/out', undefined, 'chat')).toBe('file:///app/out/renderer/index.html#/panel/chat');
    expect(panelWindowUrl('/app/out', 'http://localhost:5173/', 'preview')).toBe(
      'http://localhost:5173/#/panel/preview',
    );
    expect(panelWindowUrl('/app/out', 'http://localhost:5173/#/live', 'chat')).toBe(
      'http://localhost:5173/#/panel/chat',
    );
  });
});
