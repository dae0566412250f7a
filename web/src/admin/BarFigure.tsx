// The frame of the administrators' bar charts (Chart.js): the canvas, named for screen readers by
// its text equivalent, with a caption under it; and the axis most of them count on.
import type { ChartData, ChartOptions } from 'chart.js';
import type { ReactNode } from 'react';
import { Bar } from 'react-chartjs-2';

export const GRID = '#e4e7ef';

/** An axis that counts whole things from zero, with its title. */
export function countAxis(title: string, stacked = false) {
  return {
    ...(stacked ? { stacked: true } : {}),
    beginAtZero: true,
    ticks: { precision: 0 },
    grid: { color: GRID },
    title: { display: true, text: title },
  };
}

export function BarFigure({
  className,
  height,
  label,
  options,
  data,
  caption,
}: {
  className?: string;
  /** The canvas's height when it grows with the data. */
  height?: string;
  /** The chart in words. */
  label: string;
  options: ChartOptions<'bar'>;
  data: ChartData<'bar'>;
  caption: ReactNode;
}) {
  return (
    <figure className={'cohort-chart' + (className ? ' ' + className : '')}>
      <div className="cohort-chart__canvas" style={height ? { height } : undefined}>
        <Bar role="img" aria-label={label} options={options} data={data} />
      </div>
      <figcaption className="small muted">{caption}</figcaption>
    </figure>
  );
}
