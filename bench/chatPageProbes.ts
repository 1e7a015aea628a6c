// bench:chat's probes in the page: frame times, the feed's rendered lines and their lag, long frames, the preview's frames.

/**
 * The init script for the page (a string, not a function: tsx would wrap a function's source in helpers the page
 * does not have). With `stampedOnly`, only the hub's stamped lines (bench#<n>@<ms>) count for the lag.
 */
export function pageProbes(stampedOnly: boolean): string {
  return `
  window.__bench = { frames: [], work: [], lags: [], loafs: [], rendered: 0, measuring: false, previews: 0, stampedOnly: ${stampedOnly} };
  let last = 0;
  const after = new MessageChannel();
  // Runs after the rendering task of the frame whose first rAF callback posted it; the frame's begin time
  // travels with it, so a message held back past the next frame counts in full.
  after.port1.onmessage = (e) => {
    if (window.__bench.measuring) window.__bench.work.push(performance.now() - e.data);
  };
  const tick = (t) => {
    if (last && window.__bench.measuring) window.__bench.frames.push(t - last);
    last = t;
    after.port2.postMessage(t);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => {
      if (window.__bench.measuring) for (const e of list.getEntries()) window.__bench.loafs.push(e.duration);
    }).observe({ type: 'long-animation-frame', buffered: false });
  } catch {}
  // A stamped line from the hub carries its scheduled time in its text (bench#<n>@<ms>); the hub's others are not timed.
  const stamp = /bench#\\d+@(\\d+)$/;
  window.__chatFeedProbe = (items) => {
    const now = Date.now();
    window.__bench.rendered += items.length;
    if (window.__bench.measuring)
      for (const i of items) {
        const m = stamp.exec(i.text);
        if (m) window.__bench.lags.push(now - Number(m[1]));
        else if (!window.__bench.stampedOnly) window.__bench.lags.push(now - i.at);
      }
  };
  // Every new picture the program preview shows (its img's src changes once per frame).
  new MutationObserver((list) => {
    for (const m of list) if (m.attributeName === 'src' && m.target.matches?.('[data-testid=media-preview-frame]')) window.__bench.previews++;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['src'] });
`;
}
