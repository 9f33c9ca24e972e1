/**
 * A chart on a canvas (Chart.js). The Content-Security-Policy allows no inline styles; Chart.js
 * sizes its canvas through the CSSOM (element.style), which the policy does not govern, and
 * injects no stylesheet. The canvas is an image with a name; the table beside it carries the
 * numbers for whoever cannot see it (every chart has one).
 */
import { useEffect, useRef } from 'react';
import {
  BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';

ChartJS.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
ChartJS.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
ChartJS.defaults.color = '#1b1f24';

/** Colours far enough apart, and a dash pattern per line, so that no series is told by colour alone. */
const COLOURS = ['#1f5fa8', '#b04a00', '#2e7d32', '#6a3d9a', '#8a5a00', '#00707a', '#a3195b', '#4d4d4d'];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1], [12, 6], [4, 8], [8, 2]];

export interface Series { label: string; values: Array<number | null> }

export function Chart({ kind, labels, series, title, id }: { kind: 'line' | 'bar'; labels: string[]; series: Series[]; title: string; id: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new ChartJS(canvas.current, {
      type: kind,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label, data: s.values, borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
          borderDash: DASHES[i % DASHES.length], pointStyle: (['circle', 'rect', 'triangle', 'rectRot', 'cross', 'star', 'crossRot', 'line'] as const)[i % 8],
          pointRadius: 4, spanGaps: false, borderWidth: 2,
        })),
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: 'bottom' }, tooltip: { enabled: true } },
        scales: { y: { beginAtZero: true } },
      },
    });
    return () => chart.destroy();
  }, [kind, labels, series]);
  return (
    <div className="control-chart">
      <canvas ref={canvas} role="img" aria-label={title} aria-describedby={id} />
    </div>
  );
}
