// The person's mail settings (GET/PUT /me/mail): which kinds of e-mail they get. Each switch is
// saved at once. When the server has no mail server configured, the page says that nothing is
// sent, so nobody waits for a mail that will not come.
import { api, ok } from '../api';
import { Card, Fetched, FormError, Hint, useAction, useApi, useToast } from '../ui';
import { AccountPage } from './Profile';

import type { MailSettings } from '../types';

type MailKind = MailSettings['kinds'][number]['kind'];

const TITLES: Record<MailKind, string> = {
  requests: 'Requests',
  answers: 'Answers',
  meetings: 'Meetings',
  proposals: 'Program proposals',
  digest: 'Daily digest',
};

export function MailSettingsPage() {
  const settings = useApi('/me/mail', () => ok(api.GET('/api/v1/me/mail')));
  const action = useAction();
  const toast = useToast();

  async function toggle(kind: MailKind, on: boolean) {
    const saved = await action.run(() => ok(api.PUT('/api/v1/me/mail', { body: { kinds: { [kind]: on } } })));
    if (saved) {
      settings.setData(saved);
      toast(on ? `${TITLES[kind]}: mail on` : `${TITLES[kind]}: no more mail`);
    }
  }

  return (
    <AccountPage
      title="Mail"
      subtitle="What Mentorhub sends to your inbox. Everything is in the app as well."
      aside={
        <Card title="One click to stop">
          <p className="muted">
            Every mail ends with a link that stops that kind of mail, and mail programs that offer an unsubscribe
            button use it too. You can switch it on again here.
          </p>
        </Card>
      }
    >
      <Card title="Mail you get">
        <Fetched loaded={settings} rows={3}>
          {(data) => (
            <>
              {!data.enabled && (
                <Hint tone="warn">
                  This Mentorhub sends no e-mail: no mail server is configured. Your choices are kept and apply once
                  your administrator sets one up.
                </Hint>
              )}
              <fieldset className="field checkgroup">
                <legend>Send me mail for</legend>
                <div className="checkgroup__options">
                  {data.kinds.map((k) => (
                    <label key={k.kind} className="check">
                      <input
                        type="checkbox"
                        checked={k.on}
                        disabled={action.busy}
                        onChange={(e) => toggle(k.kind, e.target.checked)}
                      />
                      <span>
                        <strong>{TITLES[k.kind]}</strong>: {k.description}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            </>
          )}
        </Fetched>
        <FormError error={action.error} />
      </Card>
    </AccountPage>
  );
}
