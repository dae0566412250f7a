// The two optional dates of a program or a cohort, side by side: each input bounds the other, and
// each shows the API's message for its field (`starts_on`, `ends_on`).
import type { ApiError } from './api';
import { TextField, errorFor } from './ui';

export function DateRangeFields({
  startsOn,
  endsOn,
  onStartsOn,
  onEndsOn,
  error,
  endHint,
}: {
  startsOn: string;
  endsOn: string;
  onStartsOn: (day: string) => void;
  onEndsOn: (day: string) => void;
  error: ApiError | null;
  endHint?: string;
}) {
  return (
    <div className="grid-2">
      <TextField
        label="Starts on (optional)"
        type="date"
        value={startsOn}
        max={endsOn || undefined}
        onChange={(e) => onStartsOn(e.target.value)}
        error={errorFor(error, 'starts_on')}
      />
      <TextField
        label="Ends on (optional)"
        hint={endHint}
        type="date"
        value={endsOn}
        min={startsOn || undefined}
        onChange={(e) => onEndsOn(e.target.value)}
        error={errorFor(error, 'ends_on')}
      />
    </div>
  );
}
