// One program: its counts, its settings to change while it is open, its cohorts, and closing it.
// The default program's matching is the organisation's settings, so its page leaves them alone.
import { useState } from 'react';
import { api, ok } from '../../api';
import { dayRangeText } from '../../dateRange';
import { formatDate } from '../../format';
import { Link } from '../../router';
import { useSession } from '../../session';
import { Card, Hint, PageHeader, useApi } from '../../ui';
import { Counts, ItemPending } from '../adminParts';
import { ProgramClose, ProgramClosedOutcome } from './ProgramClose';
import { ProgramCohorts } from './ProgramCohorts';
import { ProgramEdit } from './ProgramEdit';
import { ProgramStateTag } from './ProgramBits';
import { formatsText, type Program, type ProgramClosed } from './programTypes';
import '../cohorts/Cohorts.css';
import './Programs.css';

export function ProgramPage({ id }: { id: string }) {
  const program = useApi(`/admin/programs/${id}`, () => ok(api.GET('/api/v1/admin/programs/{id}', { params: { path: { id } } })));
  const [closed, setClosed] = useState<ProgramClosed | null>(null);
  const tz = useSession().me.timezone;

  const p = program.data;
  if (program.error || !p)
    return (
      <ItemPending error={program.error} retry={program.reload} label="Loading the program…" listTo="/admin/programs" listName="all programs" />
    );

  function onClosed(result: ProgramClosed) {
    setClosed(result);
    program.setData(result.program);
  }

  return (
    <div className="page program-page">
      <p className="breadcrumbs">
        <Link to="/admin/programs">Programs</Link> / {p.name}
      </p>
      <PageHeader
        title={p.name}
        subtitle={p.description || (p.is_default ? 'The organisation’s program: every relationship not started in another program’s cohort.' : undefined)}
        actions={
          <>
            <ProgramStateTag program={p} />
            <Link className="btn btn--ghost" to={`/admin/relationships?program=${p.id}`}>
              Its relationships
            </Link>
          </>
        }
      />
      <ProgramCounts program={p} />
      {closed && <ProgramClosedOutcome result={closed} />}
      {p.state === 'closed' ? (
        <Hint>
          Closed on {p.closed_at ? formatDate(p.closed_at, tz) : 'an earlier day'}. Its cohorts take no sign-ups or matchings,
          and it cannot be changed or opened again; its pairs go on until they conclude.
        </Hint>
      ) : (
        <ProgramEdit program={p} onSaved={program.setData} />
      )}
      <ProgramCohorts program={p} />
      {p.state === 'closed' && <ProgramFacts program={p} />}
      {p.state === 'open' && !p.is_default && <ProgramClose program={p} onClosed={onClosed} />}
    </div>
  );
}

function ProgramCounts({ program: p }: { program: Program }) {
  const n = (v: number) => v.toLocaleString('en-GB');
  return (
    <Counts
      className="cohort-counts"
      label="Program counts"
      items={[
        { term: 'Cohorts', value: n(p.cohorts) },
        { term: 'Requested', value: n(p.relationships.requested) },
        { term: 'Open pairs', value: n(p.relationships.open) },
        { term: 'Concluded', value: n(p.relationships.concluded) },
        { term: 'Dates', value: dayRangeText(p.starts_on, p.ends_on, 'Open-ended'), className: 'cohort-counts__text' },
      ]}
    />
  );
}

/** A closed program's settings, read-only: what its pairs went by. */
function ProgramFacts({ program: p }: { program: Program }) {
  return (
    <Card title="Settings">
      <dl className="facts">
        <dt>Formats</dt>
        <dd>{formatsText(p.formats)}</dd>
        <dt>Requests waited</dt>
        <dd>{p.request_expiry_days === null ? 'The server’s setting' : `${p.request_expiry_days} days`}</dd>
        <dt>Pairs faded after</dt>
        <dd>{p.fade_after_cadences} missed meetings</dd>
        <dt>Emerging skills</dt>
        <dd>{p.matching.emerging_skills.join(', ') || 'None'}</dd>
      </dl>
    </Card>
  );
}
