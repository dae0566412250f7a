// A second factor (an authenticator app, TOTP): the step of signing in after the password, setting
// one up (the secret as a QR code and as text, shown once; a first code; the ten recovery codes,
// shown once), the Security tab of the profile (turn it off or make new recovery codes, with a
// current code or the password) and the page an administrator sees when the organisation requires
// one and they have none yet.
import { useRef, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { api, ApiError, ok } from '../api';
import { copyText } from '../clipboard';
import { formatDate } from '../format';
import { qrcodegen } from '../vendor/qrcodegen';
import { Button, Card, ErrorState, FormError, Hint, Loading, SubmitRow, TextField, errorFor, useAction, useApi, useToast } from '../ui';
import { AccountPage } from './Profile';
import { PanelError, SignInShell, generalMessage } from './SignIn';

/** The QR code of `text` as SVG: one path of dark modules on a light square with the quiet zone
 *  the standard asks for, so any phone camera reads it. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const qr = qrcodegen.QrCode.encodeText(text, qrcodegen.QrCode.Ecc.MEDIUM);
  const border = 4;
  const size = qr.size + border * 2;
  let d = '';
  for (let y = 0; y < qr.size; y++)
    for (let x = 0; x < qr.size; x++) if (qr.getModule(x, y)) d += `M${x + border},${y + border}h1v1h-1z`;
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

/** The secret in groups of four, easier to type into an app. */
function grouped(secret: string) {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function CodeField({ value, onChange, error, label = 'Code from your app', autoFocus }: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  label?: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      label={label}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={7}
      className="field--code"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      autoFocus={autoFocus}
    />
  );
}

/** The recovery codes, shown this once, with a way to copy them all. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  const hidden = useRef<HTMLInputElement>(null);
  const text = codes.join('\n');
  return (
    <div className="stack recovery-codes">
      <Hint tone="warn">
        Keep these recovery codes somewhere safe, apart from your phone (a password manager, or on paper). Each works once,
        instead of a code, if you lose your phone. They are shown only now.
      </Hint>
      <ol className="recovery-codes__list" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <input ref={hidden} className="sr-only" readOnly value={text} tabIndex={-1} aria-hidden="true" />
      <div className="row">
        <Button
          type="button"
          variant="secondary"
          onClick={async () => setCopied(await copyText(text, hidden.current))}
        >
          {copied ? 'Copied' : 'Copy the codes'}
        </Button>
      </div>
    </div>
  );
}

/** Setting up an authenticator app: start, scan, confirm with a code, then the recovery codes. */
export function SecondFactorSetup({ onDone, doneLabel = 'Done' }: { onDone: () => void; doneLabel?: string }) {
  const action = useAction();
  const [started, setStarted] = useState<{ secret: string; otpauth_uri: string; issuer: string; account: string } | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);

  async function start() {
    const s = await action.run(() => ok(api.POST('/api/v1/me/second-factor/start', { body: {} })));
    if (s) setStarted(s);
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    const done = await action.run(() => ok(api.POST('/api/v1/me/second-factor/confirm', { body: { code } })));
    if (done) setCodes(done.recovery_codes);
  }

  if (codes)
    return (
      <div className="stack">
        <Hint tone="success">Your authenticator app is set up. Signing in will ask for a code from it after your password.</Hint>
        <RecoveryCodes codes={codes} />
        <div className="row">
          <Button type="button" onClick={onDone}>
            {doneLabel}
          </Button>
        </div>
      </div>
    );

  if (!started)
    return (
      <div className="stack">
        <p>
          An authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password, FreeOTP…) shows a new
          6-digit code every 30 seconds. With it, your password alone is not enough to sign in as you.
        </p>
        <FormError error={action.error} />
        <div className="row">
          <Button type="button" busy={action.busy} onClick={start}>
            Set up an authenticator app
          </Button>
        </div>
      </div>
    );

  return (
    <form className="stack" onSubmit={confirm} noValidate>
      <ol className="setup-steps">
        <li>
          <p>Scan this QR code with your authenticator app:</p>
          <QrCode text={started.otpauth_uri} label={`QR code to add ${started.account} at ${started.issuer} to an authenticator app`} />
        </li>
        <li>
          <p>Or, if you cannot scan it, add an account by hand with this key (time-based):</p>
          <p className="secret">
            <code aria-label="Secret key">{grouped(started.secret)}</code>
          </p>
        </li>
        <li>
          <p>Type the 6-digit code your app shows for {started.issuer}:</p>
          <CodeField value={code} onChange={setCode} error={errorFor(action.error, 'code')} autoFocus />
        </li>
      </ol>
      <FormError error={action.error && action.error.field !== 'code' ? action.error : null} />
      <SubmitRow busy={action.busy} submit="Turn on" />
    </form>
  );
}

/** After the password: a code from the app, or one of the recovery codes. */
export function SecondFactorSignIn({
  onSubmit,
  onCancel,
}: {
  onSubmit: (answer: { code: string } | { recovery_code: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const { other: useRecovery, value, setValue, busy, error, send, switchOver } = useCodeOrOther();

  async function submit(e: FormEvent) {
    e.preventDefault();
    // Signed in, the page moves on: the button stays busy until it does.
    await send(() => onSubmit(useRecovery ? { recovery_code: value } : { code: value }), true);
  }

  return (
    <SignInShell title="Two-step sign-in">
      <p className="muted">
        {useRecovery
          ? 'Type one of the recovery codes you kept when you set up your authenticator app. Each works once.'
          : 'Open your authenticator app and type the 6-digit code it shows for Mentorhub.'}
      </p>
      <form onSubmit={submit} noValidate className="stack">
        <CodeOrOtherField other={useRecovery} otherField={RECOVERY_CODE_FIELD} value={value} onChange={setValue} error={error} />
        <PanelError message={generalMessage(error)} />
        <Button type="submit" busy={busy} className="btn btn--block">
          Sign in
        </Button>
        <button type="button" className="btn btn--ghost btn--block" onClick={switchOver}>
          {useRecovery ? 'Use a code from the app instead' : 'Lost your phone? Use a recovery code'}
        </button>
        <button type="button" className="link-button signin__forgot" onClick={onCancel}>
          Back to the sign-in page
        </button>
      </form>
    </SignInShell>
  );
}

/** Before anything else: an administrator whose organisation requires a second factor. */
export function SecondFactorRequiredPage({ name, onDone, onSignOut }: { name: string; onDone: () => void; onSignOut: () => void }) {
  return (
    <SignInShell title="Set up a second factor" wide>
      <p className="muted">
        Welcome, {name}. Your organisation requires administrators to sign in with a second factor. Set up an authenticator
        app to go on.
      </p>
      <SecondFactorSetup onDone={onDone} doneLabel="Go on to Mentorhub" />
      <button type="button" className="link-button signin__forgot" onClick={onSignOut}>
        Sign out
      </button>
    </SignInShell>
  );
}

/** One input for a code from the app or, switched `other`, something else (a recovery code, the
 *  password); switching clears what was typed and the error. `send` runs the answer as useAction
 *  does, staying busy after a success when `stayBusy`. */
function useCodeOrOther() {
  const [other, setOther] = useState(false);
  const [value, setValue] = useState('');
  const { busy, error, run: send, clear } = useAction();
  function switchOver() {
    setOther((o) => !o);
    setValue('');
    clear();
  }
  return { other, value, setValue, busy, error, send, switchOver };
}

/** What takes the place of the app's code: a recovery code when signing in, the password to prove
 *  it is you. */
const RECOVERY_CODE_FIELD = { name: 'recovery_code', label: 'Recovery code', autoComplete: 'off', autoCapitalize: 'none', spellCheck: false, className: 'field--code' };
const PASSWORD_FIELD = { name: 'password', label: 'Your password', type: 'password', autoComplete: 'current-password' };

/** The input of useCodeOrOther: the code from the app or, switched `other`, the `otherField`, with
 *  the API's message for whichever it is. It takes the focus. */
function CodeOrOtherField({
  other,
  otherField,
  value,
  onChange,
  error,
}: {
  other: boolean;
  otherField: { name: string; label: string } & InputHTMLAttributes<HTMLInputElement>;
  value: string;
  onChange: (value: string) => void;
  error: ApiError | null;
}) {
  if (!other) return <CodeField value={value} onChange={onChange} error={errorFor(error, 'code')} autoFocus />;
  return <TextField {...otherField} value={value} onChange={(e) => onChange(e.target.value)} error={errorFor(error, otherField.name)} autoFocus />;
}

/** A current code or the password, for turning the second factor off or making new recovery codes. */
function ProofForm({
  submitLabel,
  variant,
  onProof,
  onCancel,
}: {
  submitLabel: string;
  variant: 'primary' | 'danger';
  onProof: (proof: { code: string } | { password: string }) => Promise<boolean>;
  onCancel: () => void;
}) {
  const { other: withPassword, value, setValue, busy, error, send, switchOver } = useCodeOrOther();

  async function submit(e: FormEvent) {
    e.preventDefault();
    await send(() => onProof(withPassword ? { password: value } : { code: value }));
  }

  return (
    <form className="stack proof-form" onSubmit={submit} noValidate>
      <CodeOrOtherField other={withPassword} otherField={PASSWORD_FIELD} value={value} onChange={setValue} error={error} />
      <FormError error={error && error.field !== 'code' && error.field !== 'password' ? error : null} />
      <div className="row">
        <Button type="submit" variant={variant} busy={busy}>
          {submitLabel}
        </Button>
        <Button
          type="button"
          variant="ghost"
          onClick={switchOver}
        >
          {withPassword ? 'Use a code instead' : 'Use my password instead'}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function SecurityPage() {
  const status = useApi('/me/second-factor', () => ok(api.GET('/api/v1/me/second-factor')));
  const toast = useToast();
  const [mode, setMode] = useState<'idle' | 'setting-up' | 'turning-off' | 'new-codes'>('idle');
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const s = status.data;

  return (
    <AccountPage
      title="Security"
      subtitle="A second factor keeps your account safe even if someone learns your password."
      aside={
        <Card title="About two-step sign-in">
          <ul className="bullets">
            <li>Any authenticator app that shows 6-digit codes (TOTP) works.</li>
            <li>Lost your phone? Sign in with one of your recovery codes, then set up the app again.</li>
            <li>Lost both? An administrator of the server can remove your second factor.</li>
            <li>Signing in through your organisation&apos;s identity provider uses its own checks instead.</li>
          </ul>
        </Card>
      }
    >
      <Card title="Two-step sign-in">
        {status.error ? (
          <ErrorState error={status.error} retry={status.reload} />
        ) : !s ? (
          <Loading label="Loading…" rows={2} />
        ) : !s.enabled ? (
          <div className="stack">
            {s.required && (
              <Hint tone="warn">Your organisation requires administrators to have a second factor.</Hint>
            )}
            <SecondFactorSetup
              key={mode}
              onDone={async () => {
                setMode('idle');
                await status.reload();
                toast('Two-step sign-in is on');
              }}
            />
          </div>
        ) : (
          <div className="stack">
            <p className="second-factor__on">
              <span className="tag tag--success">On</span> Since {s.enabled_at ? formatDate(s.enabled_at) : '—'}: signing in
              asks for a code from your authenticator app after your password.
            </p>
            <p>
              {s.recovery_codes_left === 1
                ? 'One recovery code left.'
                : `${s.recovery_codes_left} recovery codes left.`}{' '}
              {s.recovery_codes_left <= 3 && 'Make new ones before they run out.'}
            </p>
            {newCodes && <RecoveryCodes codes={newCodes} />}
            {mode === 'new-codes' && (
              <ProofForm
                submitLabel="Make new recovery codes"
                variant="primary"
                onCancel={() => setMode('idle')}
                onProof={async (proof) => {
                  const made = await ok(api.POST('/api/v1/me/second-factor/recovery-codes', { body: proof }));
                  setNewCodes(made.recovery_codes);
                  setMode('idle');
                  await status.reload();
                  toast('New recovery codes made; the old ones no longer work');
                  return true;
                }}
              />
            )}
            {mode === 'turning-off' && (
              <ProofForm
                submitLabel="Turn off"
                variant="danger"
                onCancel={() => setMode('idle')}
                onProof={async (proof) => {
                  await ok(api.POST('/api/v1/me/second-factor/disable', { body: proof }));
                  setNewCodes(null);
                  setMode('idle');
                  await status.reload();
                  toast('Two-step sign-in is off');
                  return true;
                }}
              />
            )}
            {mode === 'idle' && (
              <div className="row">
                <Button type="button" variant="secondary" onClick={() => { setNewCodes(null); setMode('new-codes'); }}>
                  New recovery codes
                </Button>
                {!s.required && (
                  <Button type="button" variant="danger" onClick={() => { setNewCodes(null); setMode('turning-off'); }}>
                    Turn off
                  </Button>
                )}
              </div>
            )}
            {mode !== 'idle' && (
              <p className="muted">Confirm with a current code from your app, or with your password.</p>
            )}
            {s.required && <p className="muted">Your organisation requires it of administrators, so it stays on.</p>}
          </div>
        )}
      </Card>
    </AccountPage>
  );
}
