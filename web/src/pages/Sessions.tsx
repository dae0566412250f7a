// One's ways in (GET /me/sessions): every browser signed in as this person, with the browser it
// was signed in from, and every API token; each can be ended (DELETE /me/sessions/{id}), and
// "Sign out everywhere else" ends every other browser session at once.
import { api, ok } from '../api';
import { formatDate, relativeTime } from '../format';
import type { Session } from '../types';
import { Button, Card, Empty, Fetched, FieldError, FormError, useAction, useApi, useToast } from '../ui';
import { AccountPage } from './Profile';

export function SessionsPage() {
  const list = useApi('/me/sessions', () => ok(api.GET('/api/v1/me/sessions')));
  const action = useAction();
  const toast = useToast();
  const items = list.data?.items ?? [];
  const sessions = items.filter((s) => s.kind === 'session');
  const tokens = items.filter((s) => s.kind === 'api');
  const others = sessions.filter((s) => !s.current).length;

  async function endOthers() {
    const done = await action.run(() => ok(api.POST('/api/v1/me/sessions/end-others', { body: {} })));
    if (done) {
      toast(done.ended === 1 ? 'One other session ended' : `${done.ended} other sessions ended`);
      await list.reload();
    }
  }

  return (
    <AccountPage
      title="Sessions"
      subtitle="Everywhere you are signed in, and every API token. End any you do not recognise."
      aside={
        <Card title="Something unfamiliar?">
          <p className="muted">
            End it, then change your password on your profile: changing it signs out every other browser too.
          </p>
        </Card>
      }
    >
      <Card title="Signed-in browsers">
        <Fetched loaded={list} label="Loading your sessions…" rows={2}>
          {() => (
            <ul className="list token-list" aria-label="Signed-in browsers">
              {sessions.map((s) => (
                <SessionRow key={s.id} item={s} onEnded={list.reload} />
              ))}
            </ul>
          )}
        </Fetched>
        {others > 0 && (
          <div className="form-actions">
            <Button variant="secondary" busy={action.busy} onClick={endOthers}>
              Sign out everywhere else
            </Button>
          </div>
        )}
        <FormError error={action.error} />
      </Card>
      <Card title="API tokens">
        {!list.data ? null : tokens.length === 0 ? (
          <Empty title="No API tokens" icon="lock">
            Scripts that use the API as you would be listed here.
          </Empty>
        ) : (
          <ul className="list token-list" aria-label="API tokens">
            {tokens.map((s) => (
              <SessionRow key={s.id} item={s} onEnded={list.reload} />
            ))}
          </ul>
        )}
      </Card>
    </AccountPage>
  );
}

function SessionRow({ item: s, onEnded }: { item: Session; onEnded: () => Promise<void> }) {
  const action = useAction();
  const toast = useToast();
  const name = s.kind === 'api' ? s.label || 'Unnamed token' : s.client || 'A browser';

  async function end() {
    const done = await action.run(async () => {
      await ok(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id: s.id } } }));
      return true;
    });
    if (!done) return;
    if (s.current) {
      // This browser's own session: it is signed out now.
      window.location.assign('/');
      return;
    }
    toast(s.kind === 'api' ? `“${name}” is revoked` : `${name} is signed out`);
    await onEnded();
  }

  return (
    <li className="list__item token" aria-label={`${s.kind === 'api' ? 'API token' : 'Session'}: ${name}`}>
      <div className="list__main stack-sm">
        <div>
          <strong>{name}</strong> {s.current && <span className="tag tag--success">This browser</span>}
        </div>
        <div className="muted small">
          {s.kind === 'api' ? 'Created' : 'Signed in'} {formatDate(s.created_at)} ({relativeTime(s.created_at)}) · expires{' '}
          {formatDate(s.expires_at)}
        </div>
        <FieldError message={action.error && <>Not ended: {action.error.message}</>} />
      </div>
      <Button variant="secondary" busy={action.busy} aria-label={`End ${name}`} onClick={end}>
        {s.kind === 'api' ? 'Revoke' : s.current ? 'Sign out' : 'End'}
      </Button>
    </li>
  );
}
