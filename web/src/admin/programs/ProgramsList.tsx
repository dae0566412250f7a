// The administrators' programs: each with its state, dates, formats and how many cohorts and
// relationships it holds; the default program first, as the server lists them.
import { api, ok } from '../../api';
import { dayRangeText } from '../../dateRange';
import { Link } from '../../router';
import { Page, useApi } from '../../ui';
import { Pending, RegionTable } from '../adminParts';
import { ProgramStateTag, relationshipCounts } from './ProgramBits';
import { ProgramTabs } from './ProgramTabs';
import { formatsText } from './programTypes';
import './Programs.css';

export function ProgramsList() {
  const list = useApi('/admin/programs', () => ok(api.GET('/api/v1/admin/programs')));
  const programs = list.data?.items ?? [];
  return (
    <Page
      title="Programs"
      subtitle="Each program has its dates, the formats it offers, its matching and how long its requests wait. Cohorts belong to a program; the default program holds everything else."
      actions={
        <Link className="btn" to="/admin/programs/new">
          + New program
        </Link>
      }
    >
      <ProgramTabs />
      {list.error || !list.data ? (
        <Pending error={list.error} retry={list.reload} label="Loading programs…" rows={3} />
      ) : (
        <RegionTable
          label="Programs"
          card
          cards
          className="program-table"
          caption="Programs, the default one first, then open before closed"
          columns={['Program', 'State', 'Dates', 'Formats', { label: 'Cohorts', className: 'num' }, 'Relationships']}
        >
          {programs.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/admin/programs/${p.id}`} className="program-table__name">
                  {p.name}
                </Link>
                {p.is_default && <span className="block small muted">Default: the organisation’s settings</span>}
              </th>
              <td data-label="State">
                <ProgramStateTag program={p} />
              </td>
              <td className="small" data-label="Dates">
                {dayRangeText(p.starts_on, p.ends_on, 'Open-ended')}
              </td>
              <td className="small" data-label="Formats">
                {formatsText(p.formats)}
              </td>
              <td className="num" data-label="Cohorts">
                {p.cohorts.toLocaleString('en-GB')}
              </td>
              <td className="small" data-label="Relationships">
                {relationshipCounts(p)}
              </td>
            </tr>
          ))}
        </RegionTable>
      )}
    </Page>
  );
}
