// The program report (GET /admin/reports/program): how the program's relationships are doing, in
// aggregates only, over a period of months and by department, cohort or program. Groups of fewer than
// five people come back hidden from the server, and are shown as hidden, never worked out here.
import { lazy, Suspense, useState } from 'react';
import { api, ok, query } from '../../api';
import { percent, plural } from '../../format';
import type { ReportFigures, ReportFormat, ReportGroup } from '../../types';
import { Loading, Page, SelectField, TextField, errorFor, useApi } from '../../ui';
import { Figure, OverviewTabs, ProgramFigures } from '../AdminFormats';
import { CsvLink, Pending, RegionTable, TitledCard } from '../adminParts';
import '../cohorts/Cohorts.css';
import './Reports.css';

const StatesChart = lazy(() => import('./ReportCharts').then((m) => ({ default: m.StatesChart })));
const MeetingsChart = lazy(() => import('./ReportCharts').then((m) => ({ default: m.MeetingsChart })));
const SessionsChart = lazy(() => import('./ReportCharts').then((m) => ({ default: m.SessionsChart })));

type Grouping = 'none' | 'department' | 'cohort' | 'program';

const GROUP_NAMES: Record<Exclude<Grouping, 'none'>, string> = { department: 'Department', cohort: 'Cohort', program: 'Program' };

/** Where a pair is counted, for the grouping's hint. */
const GROUP_HINTS: Record<Grouping, string> = {
  department: "A pair counts in the mentee's department.",
  cohort: 'A pair counts in the cohort that proposed it.',
  program: 'A pair counts in its program; the default program holds every pair not started in another program’s cohort.',
  none: 'The whole program, in one set of figures.',
};

function thisMonth(offset = 0): string {
  const d = new Date();
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
}

const share = (part: number, whole: number) => (whole ? percent(part / whole) : '–');
const days = (d: number | null | undefined) => (d === null || d === undefined ? '–' : `${d.toFixed(1)} days`);

export function AdminReports() {
  const [from, setFrom] = useState(thisMonth(-11));
  const [to, setTo] = useState(thisMonth());
  const [groupBy, setGroupBy] = useState<Grouping>('department');
  const params = { from, to, group_by: groupBy };
  const report = useApi('/admin/reports/program' + query(params), () =>
    ok(api.GET('/api/v1/admin/reports/program', { params: { query: params } })),
  );
  const error = report.error;
  const fieldError = error && ['from', 'to', 'group_by'].includes(error.field ?? '') ? error : null;

  return (
    <Page
      title="Program report"
      subtitle="How the program's relationships are doing, in counts and rates only. Groups of fewer than five people are hidden, so no one can be singled out."
      actions={
        <CsvLink href={'/api/v1/admin/reports/program.csv' + query(params)}>Download CSV</CsvLink>
      }
    >
      <OverviewTabs />
      <form className="card report-controls" aria-label="Report period and grouping" onSubmit={(e) => e.preventDefault()}>
        <TextField label="From" type="month" value={from} max={to} onChange={(e) => setFrom(e.target.value)} error={errorFor(fieldError, 'from')} />
        <TextField label="To" type="month" value={to} min={from} onChange={(e) => setTo(e.target.value)} error={errorFor(fieldError, 'to')} />
        <SelectField label="Group by" hint={GROUP_HINTS[groupBy]} value={groupBy} onChange={(e) => setGroupBy(e.target.value as Grouping)} error={errorFor(fieldError, 'group_by')}>
          <option value="department">Department</option>
          <option value="cohort">Cohort</option>
          <option value="program">Program</option>
          <option value="none">No grouping</option>
        </SelectField>
      </form>
      {fieldError ? null : error || !report.data ? (
        <Pending error={error} retry={report.reload} label="Loading the report…" rows={5} />
      ) : report.data.total.suppressed || !report.data.total.figures ? (
        <div className="card">
          <p>
            Fewer than five people had a relationship in this period, so there is nothing to show without pointing at
            someone. Widen the period, or come back when more pairs have started.
          </p>
        </div>
      ) : (
        <Report
          total={report.data.total.figures}
          groups={report.data.groups}
          grouping={groupBy}
          circles={report.data.circles}
          flash={report.data.flash}
        />
      )}
    </Page>
  );
}

function Report({
  total,
  groups,
  grouping,
  circles,
  flash,
}: {
  total: ReportFigures;
  groups: ReportGroup[];
  grouping: Grouping;
  circles: ReportFormat;
  flash: ReportFormat;
}) {
  const held = total.by_month.reduce((a, m) => a + m.meetings_held, 0);
  return (
    <div className="stack-lg">
      <ProgramFigures titleId="report-figures-title" label="The program in numbers">
        <Figure label="Relationships" value={total.relationships} note={`between ${plural(total.people, 'person', 'people')}`} />
        <Figure label="Purpose agreed" value={share(total.purpose_agreed, total.accepted)} note={`of ${plural(total.accepted, 'pair')} accepted in the period`} />
        <Figure
          label="First meeting"
          value={days(total.median_days_to_first_meeting)}
          note={`after accepting, the median of ${plural(total.first_meetings, 'pair')} who met`}
        />
        <Figure label="Meetings held" value={held} note={`in ${plural(total.by_month.length, 'month')}`} />
        <Figure label="Tasks done" value={share(total.tasks_done, total.tasks)} note={`${total.tasks_done} of ${plural(total.tasks, 'task')}`} />
        <Figure label="Faded" value={total.faded} note={`${total.recovered} recovered to active`} />
        <Figure
          label="Objectives achieved"
          value={share(total.objectives_achieved, total.objectives_rated)}
          note={`at ${plural(total.concluded, 'conclusion')}, as the mentees rated them`}
        />
        <Figure
          label="Rating"
          value={total.average_rating === null || total.average_rating === undefined ? '–' : `${total.average_rating.toFixed(1)} / 5`}
          note={`from ${plural(total.ratings, 'debrief')}`}
        />
      </ProgramFigures>
      <TitledCard titleId="report-charts-title" title="Month by month">
        <Suspense fallback={<Loading label="Loading the charts…" rows={3} />}>
          <div className="cohort-charts">
            <StatesChart months={total.by_month} />
            <MeetingsChart months={total.by_month} />
          </div>
        </Suspense>
      </TitledCard>
      <Formats circles={circles} flash={flash} />
      {grouping !== 'none' && <GroupTable groups={groups} grouping={grouping} />}
    </div>
  );
}

/** Circles and flash mentoring over the period, for the whole program. */
function Formats({ circles, flash }: { circles: ReportFormat; flash: ReportFormat }) {
  const c = circles.figures;
  const f = flash.figures;
  const hidden = 'Hidden: fewer than five people took part';
  return (
    <TitledCard titleId="report-formats-title" title="Circles and flash mentoring">
      <dl className="figures" aria-label="Circles and flash mentoring in numbers">
        <Figure label="Circle sessions" value={c ? c.held : '–'} note={c ? `held, ${c.cancelled} cancelled` : hidden} />
        <Figure
          label="Attendance"
          value={c ? share(c.attendance_present ?? 0, c.attendance_recorded ?? 0) : '–'}
          note={c ? `present, of ${plural(c.attendance_recorded ?? 0, 'place')} recorded` : hidden}
        />
        <Figure label="Flash sessions" value={f ? f.held : '–'} note={f ? `held, ${f.cancelled} cancelled` : hidden} />
        <Figure
          label="Flash rating"
          value={f?.average_rating === null || f?.average_rating === undefined ? '–' : `${f.average_rating.toFixed(1)} / 5`}
          note={f ? `from ${plural(f.ratings ?? 0, 'mentee')}` : hidden}
        />
      </dl>
      {(c || f) && (
        <Suspense fallback={<Loading label="Loading the chart…" rows={2} />}>
          <div className="cohort-charts">
            <SessionsChart circles={c?.by_month ?? null} flash={f?.by_month ?? null} />
          </div>
        </Suspense>
      )}
    </TitledCard>
  );
}

function GroupTable({ groups, grouping }: { groups: ReportGroup[]; grouping: Exclude<Grouping, 'none'> }) {
  const hidden = groups.filter((g) => g.suppressed).length;
  return (
    <TitledCard
      titleId="report-groups-title"
      title={
        <>
          By {GROUP_NAMES[grouping].toLowerCase()} <span className="count">{plural(groups.length, 'group')}</span>
        </>
      }
    >
      {hidden > 0 && (
        <p className="small muted">
          {plural(hidden, 'group is', 'groups are')} hidden: fewer than five people, or hidden with a smaller one so that it
          cannot be worked out from the total.
        </p>
      )}
      <RegionTable
        label="Figures by group"
        columns={[
          GROUP_NAMES[grouping],
          'People',
          'Relationships',
          'Active now',
          'Purpose agreed',
          'First meeting',
          'Tasks done',
          'Faded',
          'Objectives achieved',
          'Rating',
        ]}
      >
        {groups.map((g) =>
          g.suppressed || !g.figures ? (
            <tr key={g.name} className="muted">
              <th scope="row">{g.name}</th>
              <td colSpan={9}>Hidden: {g.suppressed_because}</td>
            </tr>
          ) : (
            <tr key={g.name}>
              <th scope="row">{g.name}</th>
              <td>{g.figures.people}</td>
              <td>{g.figures.relationships}</td>
              <td>{g.figures.states_now.active ?? 0}</td>
              <td>{share(g.figures.purpose_agreed, g.figures.accepted)}</td>
              <td>{days(g.figures.median_days_to_first_meeting)}</td>
              <td>{share(g.figures.tasks_done, g.figures.tasks)}</td>
              <td>{g.figures.faded}</td>
              <td>{share(g.figures.objectives_achieved, g.figures.objectives_rated)}</td>
              <td>{g.figures.average_rating === null || g.figures.average_rating === undefined ? '–' : g.figures.average_rating.toFixed(1)}</td>
            </tr>
          ),
        )}
      </RegionTable>
    </TitledCard>
  );
}
