// Programs and the cohorts inside them share one place in the administrator's navigation; these
// tabs move between the two lists.
import { PageTabs } from '../../PageTabs';

const TABS = [
  { to: '/admin/programs', label: 'Programs' },
  { to: '/admin/cohorts', label: 'Cohorts' },
];

export function ProgramTabs() {
  return <PageTabs label="Programs and cohorts" tabs={TABS} />;
}
