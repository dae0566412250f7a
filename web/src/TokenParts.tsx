// The two halves of a page of bearer tokens (a person's API tokens, the organisation's SCIM
// tokens): the form that names and makes one, and a token's row with its revocation behind a
// confirmation. Each page says what its tokens are for; the behaviour is the same.
import { useState, type ReactNode } from 'react';
import { Button, Card, FieldError, FormError, SubmitRow, TextField, errorFor, useAction, useTextForm, useToast } from './ui';

/** A card with one name field; `make` sends it and returns the new token, whose secret the page
 *  then shows once. Errors naming `field` show at the field, others under the form. */
export function MakeTokenForm<T>({
  title,
  formLabel,
  field,
  label,
  hint,
  placeholder,
  submitLabel,
  warning,
  make,
  onMade,
}: {
  title: string;
  formLabel: string;
  /** The request body's name for the field, as an API error names it. */
  field: string;
  label: string;
  hint: string;
  placeholder: string;
  submitLabel: string;
  warning?: ReactNode;
  make: (name: string) => Promise<T>;
  onMade: (token: T) => Promise<void>;
}) {
  const { text: name, setText: setName, action, submit } = useTextForm('', (text) => make(text.trim()), async (token) => {
    setName('');
    await onMade(token);
  });
  return (
    <Card title={title}>
      <form className="stack" onSubmit={submit} noValidate aria-label={formLabel}>
        <TextField
          label={label}
          hint={hint}
          placeholder={placeholder}
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errorFor(action.error, field)}
        />
        {warning}
        {action.error && action.error.field !== field && <FormError error={action.error} />}
        <SubmitRow className="form-actions" busy={action.busy} submit={submitLabel} />
      </form>
    </Card>
  );
}

/** One token in a list: its name and tags, a details line, and "Revoke…" that asks first. */
export function TokenRow({
  kind,
  name,
  revokeWhat = name,
  tags,
  details,
  question,
  revocable,
  revoke,
  revokedToast,
  onRevoked,
}: {
  /** "API token", "SCIM token": the row's accessible name starts with it. */
  kind: string;
  name: string;
  /** The words after "Revoke" on its button and question ("the token for Entra ID"). */
  revokeWhat?: string;
  tags?: ReactNode;
  details: ReactNode;
  /** What revoking does, asked before it is done. */
  question: ReactNode;
  revocable: boolean;
  revoke: () => Promise<unknown>;
  revokedToast: string;
  onRevoked: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const toast = useToast();

  async function confirm() {
    const done = await action.run(async () => {
      await revoke();
      return true;
    });
    if (done) {
      toast(revokedToast);
      setConfirming(false);
      await onRevoked();
    }
  }

  return (
    <li className="list__item token" aria-label={`${kind}: ${name}`}>
      <div className="list__main stack-sm">
        <div>
          <strong>{name}</strong> {tags}
        </div>
        <div className="muted small">{details}</div>
        {confirming && (
          <div className="confirm" role="group" aria-label={`Revoke ${revokeWhat}?`}>
            <p>{question}</p>
            <div className="row">
              <Button variant="danger" busy={action.busy} onClick={confirm}>
                Revoke token
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Keep it
              </Button>
            </div>
          </div>
        )}
        <FieldError message={action.error && <>Not revoked: {action.error.message}</>} />
      </div>
      {revocable && !confirming && (
        <Button variant="secondary" aria-label={`Revoke ${revokeWhat}`} onClick={() => setConfirming(true)}>
          Revoke…
        </Button>
      )}
    </li>
  );
}
