// Plays a live stream: HTTP-FLV through mpegts.js (low latency), HLS through hls.js as the fallback.
/* global window */
export function startPlayer(video, urls, onStatus) {
  const mpegts = window.mpegts;
  if (mpegts && mpegts.getFeatureList().mseLivePlayback) {
    const player = mpegts.createPlayer(
      { type: 'flv', isLive: true, url: new URL(urls.flv, window.location.href).href },
      { enableStashBuffer: false, liveBufferLatencyChasing: true },
    );
    player.attachMediaElement(video);
    player.on(mpegts.Events.ERROR, (type, detail) => onStatus(`${type}: ${detail}`));
    player.load();
    Promise.resolve(player.play()).catch(() => {});
    return () => {
      player.pause();
      player.unload();
      player.detachMediaElement();
      player.destroy();
    };
  }
  const Hls = window.Hls;
  if (Hls && Hls.isSupported()) {
    const hls = new Hls({ lowLatencyMode: true });
    hls.loadSource(urls.hls);
    hls.attachMedia(video);
    video.play().catch(() => {});
    return () => hls.destroy();
  }
  if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = urls.hls;
    video.play().catch(() => {});
    return () => video.removeAttribute('src');
  }
  onStatus(null);
  return () => {};
}
