// One time series drawn with uPlot (made for time series: thousands of points, tiny, fast).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function TimeChart({
  t,
  values,
  label,
  color,
  testId,
}: {
  t: number[];
  values: number[];
  label: string;
  color: string;
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth || 480),
        height: 180,
        series: [{}, { label, stroke: color, width: 2, fill: `${color}22` }],
        axes: [
          { stroke: '#8b95a3', grid: { stroke: '#2a3038' } },
          { stroke: '#8b95a3', grid: { stroke: '#2a3038' } },
        ],
        scales: { x: { time: true } },
        legend: { show: true },
      },
      [t, values],
      el,
    );
    return () => plot.destroy();
  }, [t, values, label, color]);
  return <div ref={box} className="chart" data-testid={testId} data-points={t.length} />;
}
