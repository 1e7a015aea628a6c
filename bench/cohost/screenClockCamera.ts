// The VJ's camera in the co-host benchmark: the wall clock (clock blocks) drawn ~30 times a second by a
// Chromium window on a virtual X screen (Xvfb), which the studio captures as a screen source (x11grab),
// as it would capture the VJ's desktop: a real capture device whose frames carry the time they showed.
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from '../../e2e/harness';
import { clockDrawingScript } from './guestPageClock';

export interface ScreenRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class ScreenClockCamera {
  private constructor(
    private readonly xvfb: ChildProcess,
    private readonly browser: Browser,
    /** The X display, as the studio's screen source names it (":N"). */
    readonly display: string,
    /** Where the clock is on that screen. */
    readonly region: ScreenRegion,
  ) {}

  /** Starts a virtual screen on a free display number and the clock in the top-left corner of it. */
  static async start(width = 320, height = 180): Promise<ScreenClockCamera> {
    // -displayfd: Xvfb picks a free display number and writes it on the given descriptor (here its stdout).
    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1024x768x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const display = await new Promise<string>((resolve, reject) => {
      let out = '';
      xvfb.on('error', (e) => reject(new Error(`Xvfb could not start (apt-get install xvfb): ${e.message}`)));
      xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it opened a display`)));
      xvfb.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(`:${out.trim()}`);
      });
    });
    try {
      return await ScreenClockCamera.open(xvfb, display, width, height);
    } catch (e) {
      xvfb.kill('SIGTERM'); // a camera that did not start leaves no X server behind
      throw e;
    }
  }

  private static async open(xvfb: ChildProcess, display: string, width: number, height: number) {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      env: { ...process.env, DISPLAY: display },
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--test-type', '--kiosk', '--window-position=0,0'],
    });
    const page = await (await browser.newContext({ viewport: null })).newPage();
    // The clock fills the page; where the page is on the screen is asked of the page itself.
    await page.setContent(
      `<body style="margin:0;background:#000;overflow:hidden"><canvas id="clock" width="${width}" height="${height}" ` +
        `style="position:fixed;left:0;top:0;width:${width}px;height:${height}px"></canvas></body>`,
    );
    await page.addScriptTag({ content: clockDrawingScript() });
    await page.evaluate(() => {
      const w = window as unknown as { __drawClock(c: HTMLCanvasElement): void };
      w.__drawClock(document.getElementById('clock') as HTMLCanvasElement);
    });
    const region = await page.evaluate(() => {
      const k = window.devicePixelRatio;
      const top = window.outerHeight - window.innerHeight; // whatever the window shows above its content
      const box = document.getElementById('clock')!.getBoundingClientRect();
      const [x, y, w, h] = [box.left + window.screenX, box.top + top + window.screenY, box.width, box.height];
      return { x: Math.round(x * k), y: Math.round(y * k), width: Math.round(w * k), height: Math.round(h * k) };
    });
    return new ScreenClockCamera(xvfb, browser, display, region);
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => {});
    this.xvfb.kill('SIGTERM');
  }
}
