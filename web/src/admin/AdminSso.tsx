// The administrator's single sign-on settings: the organisation's OpenID Connect identity
// provider (GET/PUT/DELETE /admin/sso, POST /admin/sso/check). The client secret is write-only:
// the API says whether one is set and never sends it back.
import { SettingsPage, useSettingsForm } from './SettingsTabs';
import { useState } from 'react';
import { api, ok } from '../api';
import { Link } from '../router';
import type { SsoSettings, SsoSettingsInput } from '../types';
import { Button, Card, ErrorState, FormError, Hint, Loading, SelectField, TextField, asApiError, errorFor, textFields, useAction, useApi, useToast } from '../ui';

type Draft = Required<Omit<SsoSettingsInput, 'client_secret'>> & { client_secret: string };

const BLANK: Draft = {
  enabled: true,
  display_name: '',
  issuer: '',
  client_id: '',
  client_secret: '',
  token_auth_method: 'client_secret_basic',
  scopes: 'openid email profile',
  public_url: window.location.origin,
  create_people: false,
  password_sign_in: true,
  break_glass_email: '',
  name_claim: 'name',
  department_claim: 'department',
  title_claim: 'title',
  email_claim: 'email',
  trusted_email_domains: '',
  clock_skew_seconds: 60,
};

function draftOf(s: SsoSettings): Draft {
  if (!s.configured) return BLANK;
  return {
    enabled: s.enabled ?? true,
    display_name: s.display_name ?? '',
    issuer: s.issuer ?? '',
    client_id: s.client_id ?? '',
    client_secret: '',
    token_auth_method: s.token_auth_method ?? 'client_secret_basic',
    scopes: s.scopes ?? BLANK.scopes,
    public_url: s.public_url ?? BLANK.public_url,
    create_people: s.create_people ?? false,
    password_sign_in: s.password_sign_in ?? true,
    break_glass_email: s.break_glass_email ?? '',
    name_claim: s.name_claim ?? 'name',
    department_claim: s.department_claim ?? 'department',
    title_claim: s.title_claim ?? 'title',
    email_claim: s.email_claim ?? 'email',
    trusted_email_domains: s.trusted_email_domains ?? '',
    clock_skew_seconds: s.clock_skew_seconds ?? 60,
  };
}

/** The organisation's requirement of a second factor for administrators (GET/PUT
 *  /admin/second-factor): on its own, since it holds whether or not single sign-on is set up. */
function SecondFactorRequirement() {
  const loaded = useApi('admin/second-factor', () => ok(api.GET('/api/v1/admin/second-factor')));
  const action = useAction();
  const toast = useToast();
  if (loaded.error) return <ErrorState error={loaded.error} retry={loaded.reload} />;
  const r = loaded.data;

  async function change(required: boolean) {
    const saved = await action.run(() => ok(api.PUT('/api/v1/admin/second-factor', { body: { required_for_admins: required } })));
    if (saved) {
      loaded.setData(saved);
      toast(required ? 'Administrators must now have a second factor' : 'A second factor is no longer required');
    }
  }

  return (
    <Card title="Second factor for administrators">
      {!r ? (
        <Loading rows={1} />
      ) : (
        <div className="stack">
          <label className="check">
            <input
              type="checkbox"
              checked={r.required_for_admins}
              disabled={action.busy}
              onChange={(e) => void change(e.target.checked)}
            />
            <span>Require administrators to sign in with a second factor (an authenticator app)</span>
          </label>
          <p className="muted">
            {r.administrators_with_second_factor} of {r.administrators} administrators have one. While this is on, an
            administrator without one is signed out, and at their next password sign-in can only set one up. Single sign-on
            is left to your identity provider. Set up your own on your profile&apos;s{' '}
            <Link to="/profile/security">Security</Link> tab first.
          </p>
          <FormError error={action.error} />
        </div>
      )}
    </Card>
  );
}

export function AdminSso() {
  const loaded = useApi('sso', () => ok(api.GET('/api/v1/admin/sso')));
  const { draft, set, action, save } = useSettingsForm(
    loaded,
    draftOf,
    (d) => {
      const body: SsoSettingsInput = { ...d };
      if (!d.client_secret) delete body.client_secret;
      return ok(api.PUT('/api/v1/admin/sso', { body }));
    },
    () => 'Single sign-on saved',
  );
  const { error } = action;
  const [checked, setChecked] = useState<string | null>(null);
  const toast = useToast();

  if (loaded.error) return <ErrorState error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data || !draft) return <Loading />;
  const settings = loaded.data;
  const field = textFields(draft, set, error);

  // Checking and removing leave Save as it is: they do not make it busy.
  async function check() {
    setChecked(null);
    action.clear();
    try {
      const m = await ok(api.POST('/api/v1/admin/sso/check'));
      setChecked(`The provider answers: sign-in at ${m.authorization_endpoint}, keys at ${m.jwks_uri}.`);
    } catch (err) {
      action.setError(asApiError(err));
    }
  }

  async function remove() {
    action.clear();
    try {
      await ok(api.DELETE('/api/v1/admin/sso'));
      loaded.setData({ configured: false });
      toast('Single sign-on removed; everyone signs in with a password again');
    } catch (err) {
      action.setError(asApiError(err));
    }
  }

  return (
    <SettingsPage
      title="Single sign-on"
      subtitle="Sign people in through your organisation's OpenID Connect identity provider (Entra ID, Okta, Google Workspace, Keycloak)."
    >
      <Card title="Identity provider">
        <form onSubmit={save} noValidate className="stack">
          <Hint>
            Register <code>{(draft.public_url || window.location.origin).replace(/\/+$/, '')}/api/v1/auth/sso/callback</code> as the
            redirect URI of a confidential web client at your provider.
          </Hint>
          <TextField label="Button name" hint='Shown as "Sign in with …"' {...field('display_name')} />
          <TextField label="Issuer URL" {...field('issuer')} />
          <TextField label="Client ID" {...field('client_id')} />
          <TextField
            label="Client secret"
            type="password"
            autoComplete="off"
            hint={settings.configured && settings.client_secret_set ? 'A secret is set; leave empty to keep it.' : undefined}
            {...field('client_secret')}
          />
          <SelectField label="Client authentication" {...field('token_auth_method')}>
            <option value="client_secret_basic">HTTP Basic (client_secret_basic)</option>
            <option value="client_secret_post">In the form (client_secret_post)</option>
          </SelectField>
          <TextField label="Public URL of Mentorhub" {...field('public_url')} />
          <TextField label="Scopes" {...field('scopes')} />
          <label className="check">
            <input type="checkbox" checked={draft.create_people} onChange={(e) => set('create_people', e.target.checked)} />
            <span>Create people at their first sign-in (just-in-time)</span>
          </label>
          <TextField label="Name claim" {...field('name_claim')} />
          <TextField label="Department claim" {...field('department_claim')} />
          <TextField label="Job title claim" {...field('title_claim')} />
          <TextField
            label="E-mail claim"
            hint="Microsoft Entra ID: preferred_username or upn, unless its optional email claim is set up."
            {...field('email_claim')}
          />
          <TextField
            label="Trusted e-mail domains"
            hint="Domains this provider is the authority for (your organisation's own), separated by commas. Their addresses are trusted without the provider's email_verified, which Entra ID does not send. Leave empty to accept verified addresses only."
            {...field('trusted_email_domains')}
          />
          <label className="check">
            <input type="checkbox" checked={draft.password_sign_in} onChange={(e) => set('password_sign_in', e.target.checked)} />
            <span>Allow password sign-in</span>
          </label>
          <TextField
            label="Break-glass administrator's e-mail"
            hint="Still signs in with a password when password sign-in is off."
            {...field('break_glass_email')}
          />
          <TextField
            label="Clock skew allowed (seconds)"
            type="number"
            min={0}
            max={300}
            value={String(draft.clock_skew_seconds)}
            onChange={(e) => set('clock_skew_seconds', Number(e.target.value))}
            error={errorFor(error, 'clock_skew_seconds')}
          />
          <FormError error={error && !error.field ? error : null} />
          {checked && <Hint tone="success">{checked}</Hint>}
          <div className="row">
            <Button type="submit" busy={action.busy}>
              Save
            </Button>
            {settings.configured && (
              <>
                <Button type="button" variant="secondary" onClick={check}>
                  Check the provider
                </Button>
                <Button type="button" variant="danger" onClick={remove}>
                  Remove single sign-on
                </Button>
              </>
            )}
          </div>
        </form>
      </Card>
      <SecondFactorRequirement />
    </SettingsPage>
  );
}
