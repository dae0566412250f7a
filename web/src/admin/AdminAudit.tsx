// The administrators' audit trail: every administrator action, newest first, in words
// (auditLabels.ts), a page at a time, and the whole trail as CSV for an auditor. Nothing of a
// relationship's content is in it; the detail of a break-glass opening is the reason given.
import { api, ok } from '../api';
import { formatDateTime } from '../format';
import { Link } from '../router';
import type { AdminAuditEntry } from '../types';
import { Button, Empty, ErrorState, Page } from '../ui';
import { CsvLink, Pending, RegionTable } from './adminParts';
import { OverviewTabs } from './AdminFormats';
import { useShowMore } from './cohorts/CohortHooks';
import { auditActionLabel, auditSubjectLabel, auditSubjectLink } from './auditLabels';

const PAGE = 100;

function Subject({ subject }: { subject: string }) {
  const link = auditSubjectLink(subject);
  const label = auditSubjectLabel(subject);
  return link ? <Link to={link}>{label}</Link> : <>{label}</>;
}

export function AdminAudit() {
  const trail = useShowMore<AdminAuditEntry>('/admin/audit', PAGE, PAGE, (query) =>
    ok(api.GET('/api/v1/admin/audit', { params: { query } })),
  );
  const items = trail.items;

  return (
    <Page
      title="Audit trail"
      subtitle="Every administrator action, newest first: people and invitations, imports, cohorts and matchings, settings, single sign-on, and every break-glass opening with its reason."
      actions={<CsvLink href="/api/v1/admin/audit/export.csv" />}
    >
      <OverviewTabs />
      {trail.loading ? (
        <Pending error={trail.error} retry={trail.showMore} label="Loading the audit trail…" />
      ) : items.length === 0 ? (
        <Empty title="Nothing yet" icon="check">
          No administrator has done anything yet.
        </Empty>
      ) : (
        <>
          <RegionTable label="Audit trail" card columns={['When', 'Administrator', 'Action', 'Subject', 'Detail']}>
            {items.map((e) => (
              <tr key={e.id}>
                <td className="small">{formatDateTime(e.at)}</td>
                <td>{e.actor?.name ?? 'The command line'}</td>
                <td>{auditActionLabel(e.action)}</td>
                <td className="small">
                  <Subject subject={e.subject} />
                </td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </RegionTable>
          {trail.error && <ErrorState error={trail.error} retry={trail.showMore} />}
          {trail.hasMore && (
            <Button variant="ghost" className="btn btn--ghost btn--small" busy={trail.loadingMore} onClick={trail.showMore}>
              Show older
            </Button>
          )}
        </>
      )}
    </Page>
  );
}
