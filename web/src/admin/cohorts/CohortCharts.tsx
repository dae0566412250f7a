// The preview's two charts (Chart.js, bundled): how the pairs' scores are spread, and what share
// of each department's mentees found a mentor. Each canvas has a text equivalent for screen
// readers. Loaded lazily, so only administrators who open a preview download Chart.js.
import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { BarFigure, GRID, countAxis } from '../BarFigure';
import { percent, type DepartmentShare, type ScoreBand } from './cohortTypes';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);
ChartJS.defaults.font.family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif';
ChartJS.defaults.color = '#556072';

const ACCENT = '#4338ca';
const ACCENT_SOFT = '#a5b4fc';

export function ScoreChart({ bands, average }: { bands: ScoreBand[]; average: number }) {
  const labels = bands.map((b) => `${b.from}–${b.to}`);
  const averageBand = bands.findIndex((b) => average >= b.from && average < b.to);
  const options: ChartOptions<'bar'> = {
    animation: false,
    maintainAspectRatio: false,
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          title: (items) => `Score ${items[0].label} points`,
          label: (item) => `${item.parsed.y} ${item.parsed.y === 1 ? 'pair' : 'pairs'}`,
        },
      },
    },
    scales: {
      x: { grid: { display: false }, title: { display: true, text: 'Score (points)' } },
      y: countAxis('Pairs'),
    },
  };
  const total = bands.reduce((a, b) => a + b.pairs, 0);
  return (
    <BarFigure
      label={`Score distribution of ${total} pairs: ${bands.map((b) => `${b.pairs} between ${b.from} and ${b.to}`).join(', ')}.`}
      options={options}
      data={{
        labels,
        datasets: [
          {
            data: bands.map((b) => b.pairs),
            backgroundColor: bands.map((_, i) => (i === averageBand ? ACCENT : ACCENT_SOFT)),
            borderRadius: 4,
            maxBarThickness: 48,
          },
        ],
      }}
      caption={`Pairs by score, in ten-point bands; the darker bar holds the average (${average.toFixed(1)}).`}
    />
  );
}

export function DepartmentChart({ departments }: { departments: DepartmentShare[] }) {
  const rows = [...departments].sort((a, b) => b.mentees - a.mentees || a.department.localeCompare(b.department));
  const options: ChartOptions<'bar'> = {
    animation: false,
    indexAxis: 'y',
    maintainAspectRatio: false,
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item) => {
            const d = rows[item.dataIndex];
            return `${percent(d.share)}: ${d.matched} of ${d.mentees} mentees matched`;
          },
        },
      },
    },
    scales: {
      x: {
        min: 0,
        max: 100,
        grid: { color: GRID },
        ticks: { callback: (v) => `${v}%` },
        title: { display: true, text: 'Mentees matched' },
      },
      y: { grid: { display: false } },
    },
  };
  return (
    <BarFigure
      height={`${Math.max(140, 36 + rows.length * 34)}px`}
      label={`Matched share per department: ${rows.map((d) => `${d.department} ${percent(d.share)} (${d.matched} of ${d.mentees})`).join(', ')}.`}
      options={options}
      data={{
        labels: rows.map((d) => d.department),
        datasets: [
          {
            data: rows.map((d) => Math.round(d.share * 1000) / 10),
            backgroundColor: rows.map((d) => (d.share >= 0.999 ? '#0f7a55' : d.share < 0.5 ? '#d97706' : ACCENT)),
            borderRadius: 4,
            maxBarThickness: 22,
          },
        ],
      }}
      caption="Share of each department’s mentees with a proposed mentor: green when all are matched, amber under half."
    />
  );
}
