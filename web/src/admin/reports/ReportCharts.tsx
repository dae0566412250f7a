// The program report's two charts (Chart.js, loaded lazily): the relationships in each state at
// the end of every month, and the meetings held each month. Each canvas has a text equivalent.
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartOptions } from 'chart.js';
import { BarFigure, countAxis } from '../BarFigure';
import type { ReportFigures, ReportFormat } from '../../types';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

type Months = ReportFigures['by_month'];

// The states a pair goes through while it lasts, and the one it ends in well.
const SERIES: { label: string; states: string[]; color: string }[] = [
  { label: 'Requested', states: ['requested'], color: '#cbd5e1' },
  { label: 'Starting', states: ['accepted', 'starting'], color: '#a5b4fc' },
  { label: 'Active', states: ['active'], color: '#4338ca' },
  { label: 'Fading', states: ['fading'], color: '#f59e0b' },
  { label: 'Concluding', states: ['concluding'], color: '#14b8a6' },
  { label: 'Concluded', states: ['concluded'], color: '#0f766e' },
];

const monthLabel = (m: string) =>
  new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** The options of a chart of months: counts up the side under `yTitle`, the series' legend under
 *  the chart (`legend`), and the bars stacked (`stacked`) when they add up to a whole. */
function monthOptions(yTitle: string, { legend, stacked = false }: { legend: boolean; stacked?: boolean }): ChartOptions<'bar'> {
  return {
    animation: false,
    maintainAspectRatio: false,
    plugins: { legend: legend ? { position: 'bottom', labels: { boxWidth: 12 } } : { display: false } },
    scales: {
      x: { ...(stacked ? { stacked: true } : {}), grid: { display: false } },
      y: countAxis(yTitle, stacked),
    },
  };
}

export function StatesChart({ months }: { months: Months }) {
  const series = SERIES.map((s) => ({
    ...s,
    values: months.map((m) => s.states.reduce((a, st) => a + (m.states[st] ?? 0), 0)),
  }));
  const last = months[months.length - 1];
  const options = monthOptions('Relationships', { legend: true, stacked: true });
  return (
    <BarFigure
      className="report-chart"
      label={`Relationships by state at the end of each month; at the end of ${last ? monthLabel(last.month) : 'the period'}: ${series
        .map((s) => `${s.values[s.values.length - 1] ?? 0} ${s.label.toLowerCase()}`)
        .join(', ')}.`}
      options={options}
      data={{
        labels: months.map((m) => monthLabel(m.month)),
        datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color, maxBarThickness: 40 })),
      }}
      caption="Relationships by state at the end of each month (declined, withdrawn and expired requests left out)."
    />
  );
}

export function MeetingsChart({ months }: { months: Months }) {
  const options = monthOptions('Meetings held', { legend: false });
  const total = months.reduce((a, m) => a + m.meetings_held, 0);
  return (
    <BarFigure
      className="report-chart"
      label={`Meetings held each month, ${total} in all: ${months.map((m) => `${m.meetings_held} in ${monthLabel(m.month)}`).join(', ')}.`}
      options={options}
      data={{
        labels: months.map((m) => monthLabel(m.month)),
        datasets: [{ data: months.map((m) => m.meetings_held), backgroundColor: '#4338ca', borderRadius: 4, maxBarThickness: 40 }],
      }}
      caption="Meetings held, by the month they took place."
    />
  );
}

type Held = NonNullable<ReportFormat['figures']>['by_month'];

/** Circle and flash sessions held each month; a hidden format has no series. */
export function SessionsChart({ circles, flash }: { circles: Held | null; flash: Held | null }) {
  const months = (circles ?? flash ?? []).map((m) => m.month);
  const series = [
    { label: 'Circle sessions', data: circles, color: '#0f766e' },
    { label: 'Flash sessions', data: flash, color: '#f59e0b' },
  ].filter((s): s is { label: string; data: Held; color: string } => s.data !== null);
  const options = monthOptions('Sessions held', { legend: true });
  return (
    <BarFigure
      className="report-chart"
      label={`Sessions held each month: ${series
        .map((s) => `${s.label.toLowerCase()} ${s.data.reduce((a, m) => a + m.held, 0)} in all`)
        .join(', ')}.`}
      options={options}
      data={{
        labels: months.map(monthLabel),
        datasets: series.map((s) => ({ label: s.label, data: s.data.map((m) => m.held), backgroundColor: s.color, maxBarThickness: 32 })),
      }}
      caption="Circle and flash sessions held, by the month they took place."
    />
  );
}
