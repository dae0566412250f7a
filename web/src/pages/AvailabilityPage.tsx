// One's own availability (GET/PUT /me/availability): weekly hours per day in one's own time zone,
// days off (one date or a range) and extra hours on a date. Partners see meeting times suggested
// inside a mentor's hours, and a mentor can offer flash slots from them. The hours are wall-clock
// times: 09:00 stays 09:00 when the clocks change.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ok } from '../api';
import {
  DAYS,
  DAY_LABELS,
  bodyOf,
  fieldLabels,
  newKey,
  nextWindow,
  rowsOf,
  weeklyTotal,
  type Day,
  type ExceptionRow,
  type WindowRow,
} from '../availability';
import { dateInDays } from '../format';
import { TimeZoneField } from '../pickers';
import { useSession } from '../session';
import { Button, Card, ErrorState, FieldError, FormError, Hint, Loading, Page, SelectField, TextField, errorFor, useAction, useApi, useToast } from '../ui';
import { AccountTabs } from './Profile';

export function AvailabilityPage() {
  const { me } = useSession();
  const saved = useApi('/me/availability', () => ok(api.GET('/api/v1/me/availability')));
  const save = useAction();
  const toast = useToast();
  const [timezone, setTimezone] = useState(me.timezone || 'UTC');
  const [windows, setWindows] = useState<WindowRow[]>([]);
  const [exceptions, setExceptions] = useState<ExceptionRow[]>([]);

  useEffect(() => {
    if (!saved.data) return;
    const rows = rowsOf(saved.data);
    setTimezone(saved.data.timezone);
    setWindows(rows.windows);
    setExceptions(rows.exceptions);
  }, [saved.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const done = await save.run(() => ok(api.PUT('/api/v1/me/availability', { body: bodyOf(timezone, windows, exceptions) })));
    if (done) {
      saved.setData(done);
      toast('Availability saved');
    }
  }

  const err = (name: string) => errorFor(save.error, name);
  const setWindow = (key: number, patch: Partial<WindowRow>) =>
    setWindows((ws) => ws.map((w) => (w.key === key ? { ...w, ...patch } : w)));
  const setException = (key: number, patch: Partial<ExceptionRow>) =>
    setExceptions((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const addWindow = (day: Day) => setWindows((ws) => [...ws, { key: newKey(), day, ...nextWindow(day, ws) }]);
  const addException = (kind: 'off' | 'extra') => {
    const date = dateInDays(7, timezone);
    setExceptions((xs) => [...xs, { key: newKey(), kind, from: date, to: date, start: kind === 'extra' ? '09:00' : '', end: kind === 'extra' ? '10:00' : '', note: '' }]);
  };

  return (
    <Page
      title="Availability"
      subtitle="Your usual hours for mentoring, in your own time zone. Your partners are offered meeting times inside a mentor's hours, and flash slots can be made from them."
    >
      <AccountTabs />
      {saved.error ? (
        <ErrorState error={saved.error} retry={saved.reload} />
      ) : !saved.data ? (
        <Loading />
      ) : (
        <form className="profile-layout" onSubmit={submit} noValidate aria-label="Availability">
          <div className="stack-lg">
            <Card title="Weekly hours">
              <p className="muted small">
                Wall-clock times in {timezone}: 09:00 stays 09:00 when the clocks change. {weeklyTotal(windows)} a week.
              </p>
              <FieldError message={err('windows')} />
              <ul className="availability-days">
                {DAYS.map((day) => {
                  const rows = windows.map((w, i) => ({ w, i })).filter(({ w }) => w.day === day);
                  return (
                    <li key={day} className="availability-day">
                      <span className="availability-day__name">{DAY_LABELS[day]}</span>
                      <div className="availability-day__windows">
                        {rows.length === 0 && <span className="muted small">Not available</span>}
                        {rows.map(({ w, i }) => (
                          <div className="availability-window" key={w.key} aria-label={`${DAY_LABELS[day]} hours`} role="group">
                            <TextField
                              label={<span className="sr-only">{DAY_LABELS[day]} from</span>}
                              type="time"
                              value={w.start}
                              onChange={(e) => setWindow(w.key, { start: e.target.value })}
                              error={err(`windows[${i}].start`) ?? err(`windows[${i}]`)}
                            />
                            <span aria-hidden="true">–</span>
                            <TextField
                              label={<span className="sr-only">{DAY_LABELS[day]} until</span>}
                              type="time"
                              value={w.end === '24:00' ? '23:59' : w.end}
                              onChange={(e) => setWindow(w.key, { end: e.target.value === '23:59' ? '24:00' : e.target.value })}
                              error={err(`windows[${i}].end`)}
                            />
                            <Button
                              type="button"
                              variant="ghost"
                              aria-label={`Remove ${DAY_LABELS[day]} ${w.start}–${w.end}`}
                              onClick={() => setWindows((ws) => ws.filter((x) => x.key !== w.key))}
                            >
                              Remove
                            </Button>
                          </div>
                        ))}
                      </div>
                      <Button type="button" variant="secondary" onClick={() => addWindow(day)} aria-label={`Add hours on ${DAY_LABELS[day]}`}>
                        + Add hours
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </Card>
            <Card title="Days off and extra hours">
              <FieldError message={err('exceptions')} />
              {exceptions.length === 0 ? (
                <p className="muted">None. Add a day off or a holiday, or extra hours on a date.</p>
              ) : (
                <ul className="availability-exceptions">
                  {exceptions.map((x, i) => (
                    <li key={x.key}>
                      <div className="availability-exception" role="group" aria-label={x.kind === 'off' ? 'Day off' : 'Extra hours'}>
                      <SelectField
                        label="Kind"
                        value={x.kind}
                        onChange={(e) => setException(x.key, { kind: e.target.value as 'off' | 'extra', start: x.start || '09:00', end: x.end || '10:00' })}
                        error={err(`exceptions[${i}].kind`)}
                      >
                        <option value="off">Day off</option>
                        <option value="extra">Extra hours</option>
                      </SelectField>
                      <TextField
                        label={x.kind === 'off' ? 'From' : 'Date'}
                        type="date"
                        value={x.from}
                        onChange={(e) => setException(x.key, { from: e.target.value, to: x.to < e.target.value ? e.target.value : x.to })}
                        error={err(`exceptions[${i}].from`)}
                      />
                      {x.kind === 'off' ? (
                        <TextField label="Until" type="date" value={x.to} onChange={(e) => setException(x.key, { to: e.target.value })} error={err(`exceptions[${i}].to`)} />
                      ) : (
                        <div className="availability-window">
                          <TextField label="From" type="time" value={x.start} onChange={(e) => setException(x.key, { start: e.target.value })} error={err(`exceptions[${i}].start`) ?? err(`exceptions[${i}].to`)} />
                          <TextField label="Until" type="time" value={x.end} onChange={(e) => setException(x.key, { end: e.target.value })} error={err(`exceptions[${i}].end`)} />
                        </div>
                      )}
                      <TextField label="Note" value={x.note} placeholder={x.kind === 'off' ? 'e.g. Holidays' : ''} onChange={(e) => setException(x.key, { note: e.target.value })} error={err(`exceptions[${i}].note`)} />
                      <Button type="button" variant="ghost" onClick={() => setExceptions((xs) => xs.filter((y) => y.key !== x.key))} aria-label={`Remove ${x.kind === 'off' ? 'day off' : 'extra hours'} on ${x.from}`}>
                        Remove
                      </Button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              <div className="row">
                <Button type="button" variant="secondary" onClick={() => addException('off')}>
                  + Day off
                </Button>
                <Button type="button" variant="secondary" onClick={() => addException('extra')}>
                  + Extra hours
                </Button>
              </div>
            </Card>
            <div className="form-actions">
              <FormError error={save.error} fieldLabels={fieldLabels(windows, exceptions)} />
              <Button type="submit" busy={save.busy}>
                Save availability
              </Button>
            </div>
          </div>
          <aside className="stack-lg">
            <Card title="Your time zone">
              <TimeZoneField value={timezone} onChange={setTimezone} error={err('timezone')} hint="The hours are read in this zone." />
            </Card>
            <Hint>
              {saved.data.updated_at
                ? 'Suggested meeting times follow these hours, minus your meetings and booked flash sessions.'
                : 'You have not set any hours yet: nobody is suggested times with you as mentor.'}
            </Hint>
          </aside>
        </form>
      )}
    </Page>
  );
}
