// A secret the server shows once and keeps only a hash of (a personal API token, a SCIM token):
// selected for copying, with a copy button and what to do if it is lost. `note` is the status
// line's text until the person copies it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { copyText } from './clipboard';
import { Button, Hint } from './ui';

export function OneTimeSecret({
  id,
  title,
  warning,
  label,
  secret,
  note,
  onDone,
}: {
  id: string;
  title: string;
  warning: ReactNode;
  label: string;
  secret: string;
  note: string;
  onDone: () => void;
}) {
  return (
    <section className="card card--attention new-token" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {title}
      </h2>
      <Hint tone="warn">{warning}</Hint>
      <CopyField id={`${id}-value`} label={label} value={secret} what="the token" note={note} statusClass="token-status" selectAtOnce />
      <div className="row">
        <Button variant="secondary" onClick={onDone}>
          I have saved it
        </Button>
      </div>
    </section>
  );
}

/** A value to copy in a read-only field with a Copy button; the status line says whether it was
 *  copied, what to do when the browser refused (`what` names the value), else `note`. With
 *  `selectAtOnce`, the value is focused and selected as it appears. */
export function CopyField({
  id,
  label,
  value,
  what,
  note,
  statusClass,
  selectAtOnce = false,
}: {
  id: string;
  label: string;
  value: string;
  what: string;
  note: string;
  statusClass?: string;
  selectAtOnce?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    if (!selectAtOnce) return;
    input.current?.focus();
    input.current?.select();
  }, [value, selectAtOnce]);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="row token-copy">
        <input
          id={id}
          ref={input}
          className="mono"
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.target.select()}
        />
        <Button type="button" onClick={async () => setCopied((await copyText(value, input.current)) ? 'yes' : 'failed')}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className={'field__hint' + (statusClass ? ' ' + statusClass : '')} role="status" aria-live="polite">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? `Your browser did not allow copying: ${what} is selected, press Ctrl+C (⌘C on a Mac).`
            : note}
      </p>
    </div>
  );
}
