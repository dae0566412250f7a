import { useEffect, useState } from 'react';
import { api, ok, query } from '../api';
import { STATES, STATE_LABELS, formatDate } from '../format';
import type { RelState } from '../types';
import { Button, Empty, Page, SelectField, StateBadge, useAction, useApi, useToast } from '../ui';
import { Link, navigate, useLocation } from '../router';
import { OverviewTabs, StateBars, TableSection } from './AdminFormats';
import { CsvLink, Pending, RegionTable } from './adminParts';
import { NudgeStalledPairs } from './NudgeStalledPairs';

const names = new Map<string, string>();

/** Names of people by id, fetched once each (names are not relationship content). */
function useNames(ids: string[]): Map<string, string> {
  const [, setTick] = useState(0);
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    const missing = key.split(',').filter((id) => id && !names.has(id));
    if (!missing.length) return;
    let cancelled = false;
    Promise.all(
      missing.map((id) =>
        ok(api.GET('/api/v1/people/{id}', { params: { path: { id } } }))
          .then((p) => names.set(id, p.name))
          .catch(() => names.set(id, `Person #${id}`)),
      ),
    ).then(() => !cancelled && setTick((t) => t + 1));
    return () => {
      cancelled = true;
    };
  }, [key]);
  return names;
}

export function AdminRelationships() {
  const [state, setState] = useState<RelState | ''>('');
  // One program's relationships (from its page, or chosen here), kept in the address.
  const program = useLocation().search.get('program') ?? '';
  const programs = useApi('/admin/programs', () => ok(api.GET('/api/v1/admin/programs'))).data?.items ?? [];
  const programName = programs.find((p) => p.id === program)?.name;
  const overview = useApi('/admin/relationships' + query({ state, program }), () =>
    ok(api.GET('/api/v1/admin/relationships', { params: { query: { state: state || undefined, program_id: program || undefined } } })),
  );
  const tick = useAction();
  const toast = useToast();
  const rows = overview.data?.items ?? [];
  const who = useNames(rows.flatMap((r) => [r.mentee_id, r.mentor_id]));
  const counts = overview.data?.counts;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  async function runTick() {
    const r = await tick.run(() => ok(api.POST('/api/v1/admin/tick')));
    if (r) {
      toast(`Lifecycle checks: ${r.expired} expired, ${r.faded} faded, ${r.revived} revived`);
      await overview.reload();
    }
  }

  return (
    <Page
      title="Relationships overview"
      subtitle="States, dates and counts for the whole program. Never content: purposes, notes, stories and debriefs stay with the pair."
      actions={
        <>
          <CsvLink href="/api/v1/admin/relationships/export.csv" />
          <Button variant="secondary" busy={tick.busy} onClick={runTick}>
            Run lifecycle checks now
          </Button>
        </>
      }
    >
      <OverviewTabs />
      {programs.length > 1 && (
        <div className="toolbar">
          <SelectField
            label="Program"
            className="toolbar__search"
            value={program}
            onChange={(e) => navigate('/admin/relationships' + query({ program: e.target.value }), { replace: true })}
          >
            <option value="">All programs</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.state === 'closed' ? ' (closed)' : ''}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      {tick.error && <p className="field__error">{tick.error.message}</p>}
      {overview.error || !overview.data ? (
        <Pending error={overview.error} retry={overview.reload} label="Loading the overview…" rows={5} />
      ) : (
        <div className="stack-lg">
          <StateBars
            titleId="counts-title"
            label="Relationships by state"
            total={total}
            states={STATES}
            labels={STATE_LABELS}
            counts={counts!}
            selected={state}
            onSelect={setState}
          />
          {/* Nudging reaches every program's stalled pairs, so it is offered over all of them. */}
          {!program && (
            <NudgeStalledPairs fading={counts!.fading} notStarted={overview.data.not_started} done={overview.reload} />
          )}
          <TableSection
            titleId="table-title"
            title={state ? `${STATE_LABELS[state]} relationships` : programName ? `Relationships in ${programName}` : 'All relationships'}
            count={rows.length}
            onShowAll={state ? () => setState('') : undefined}
          >
            {rows.length === 0 ? (
              <Empty title="No relationships" icon="chart">
                {state ? 'None in this state.' : program ? 'No relationship in this program yet.' : 'Nobody has requested a mentor yet.'}
              </Empty>
            ) : (
              <RegionTable
                label="Relationships table"
                card
                className="table--nowrap"
                columns={[
                  '#',
                  'State',
                  'Mentee',
                  'Mentor',
                  programs.length > 1 && 'Program',
                  'Requested',
                  'Active since',
                  'Concluded',
                  'Last change',
                  'Purpose agreed',
                  'Tasks done',
                  'Meetings held',
                  'Content',
                ]}
              >
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="num">{r.id}</td>
                    <td>
                      <StateBadge state={r.state} />
                    </td>
                    <td>{who.get(r.mentee_id) ?? `#${r.mentee_id}`}</td>
                    <td>{who.get(r.mentor_id) ?? `#${r.mentor_id}`}</td>
                    {programs.length > 1 && <td className="small">{r.program}</td>}
                    <td className="small">{formatDate(r.requested_at)}</td>
                    <td className="small">{r.activated_at ? formatDate(r.activated_at) : '–'}</td>
                    <td className="small">{r.concluded_at ? formatDate(r.concluded_at) : '–'}</td>
                    <td className="small">{formatDate(r.updated_at)}</td>
                    <td>{r.purpose_agreed ? 'Yes' : 'No'}</td>
                    <td className="num">
                      {r.tasks_done}/{r.tasks}
                    </td>
                    <td className="num">{r.meetings_held}</td>
                    <td>
                      <Link to={`/admin/relationships/${r.id}/content`} className="small">
                        Break-glass…
                      </Link>
                    </td>
                  </tr>
                ))}
              </RegionTable>
            )}
          </TableSection>
        </div>
      )}
    </Page>
  );
}
