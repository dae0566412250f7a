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
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [secret]);

  return (
    <section className="card card--attention new-token" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {title}
      </h2>
      <Hint tone="warn">{warning}</Hint>
      <div className="field">
        <label htmlFor={`${id}-value`}>{label}</label>
        <div className="row token-copy">
          <input
            id={`${id}-value`}
            ref={input}
            className="mono"
            readOnly
            value={secret}
            spellCheck={false}
            autoComplete="off"
            onFocus={(e) => e.target.select()}
          />
          <Button type="button" onClick={async () => setCopied((await copyText(secret, input.current)) ? 'yes' : 'failed')}>
            {copied === 'yes' ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <p className="field__hint token-status" role="status" aria-live="polite">
          {copied === 'yes'
            ? 'Copied to the clipboard.'
            : copied === 'failed'
              ? 'Your browser did not allow copying: the token is selected, press Ctrl+C (⌘C on a Mac).'
              : note}
        </p>
      </div>
      <div className="row">
        <Button variant="secondary" onClick={onDone}>
          I have saved it
        </Button>
      </div>
    </section>
  );
}
