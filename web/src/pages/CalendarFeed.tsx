// The person's calendar feed (GET/POST/DELETE /me/calendar-feed): one address that Outlook,
// Google or Apple calendar subscribes to, with every meeting, circle session and flash session of
// theirs. The address holds a long secret and needs no sign-in, so it is shown with a warning,
// can be replaced (the old one stops at once) and turned off.
import { useState } from 'react';
import { api, ok } from '../api';
import { Button, Card, Fetched, FormError, Hint, useAction, useApi, useToast } from '../ui';
import { AccountPage } from './Profile';
import { CopyField } from '../OneTimeSecret';

interface CalendarFeed {
  path: string | null;
  url: string | null;
}

/** The address to subscribe to: the server's, or this page's origin with the feed's path. */
function addressOf(feed: CalendarFeed): string | null {
  if (!feed.path) return null;
  return feed.url ?? window.location.origin + feed.path;
}

export function CalendarFeedPage() {
  const feed = useApi('/me/calendar-feed', () => ok(api.GET('/api/v1/me/calendar-feed')));
  const action = useAction();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const address = feed.data ? addressOf(feed.data) : null;

  async function renew() {
    const made = await action.run(() => ok(api.POST('/api/v1/me/calendar-feed')));
    if (made) {
      feed.setData(made);
      setConfirming(false);
      toast(address ? 'A new address: the old one no longer works' : 'Your calendar address is ready');
    }
  }

  async function turnOff() {
    const done = await action.run(async () => {
      await ok(api.DELETE('/api/v1/me/calendar-feed'));
      return true;
    });
    if (done) {
      feed.setData({ path: null, url: null });
      toast('Your calendar address no longer works');
    }
  }

  return (
    <AccountPage
      title="Calendar"
      subtitle="Your meetings, circle sessions and flash sessions in the calendar you already use."
      aside={
        <Card title="One meeting at a time">
          <p className="muted">
            Each meeting, circle session and flash session also has an <strong>Add to calendar</strong> button that
            downloads it as an invitation; when it moves or is cancelled, download it again to update your calendar.
          </p>
        </Card>
      }
    >
      <Card title="Subscribe from your calendar">
        <Fetched loaded={feed} rows={2}>
          {() =>
            address ? (
              <>
                <FeedAddress address={address} />
                <Hint tone="warn">
                  Anyone with this address can read when and with whom you meet (never what you discuss). Keep it to
                  yourself; if it gets out, get a new one.
                </Hint>
                <div className="row">
                  {confirming ? (
                    <>
                      <Button busy={action.busy} onClick={renew}>
                        Yes, get a new address
                      </Button>
                      <Button variant="ghost" disabled={action.busy} onClick={() => setConfirming(false)}>
                        Keep this one
                      </Button>
                    </>
                  ) : (
                    <>
                      <Button variant="secondary" onClick={() => setConfirming(true)}>
                        Get a new address
                      </Button>
                      <Button variant="ghost" disabled={action.busy} onClick={turnOff}>
                        Turn off
                      </Button>
                    </>
                  )}
                </div>
                {confirming && (
                  <p className="muted small">Calendars subscribed to the current address will stop updating.</p>
                )}
              </>
            ) : (
              <>
                <p>
                  Get a private address and add it to Outlook (Add calendar, From internet), Google Calendar (Other
                  calendars, From URL) or Apple Calendar (New calendar subscription). Changes appear there within the
                  hours your calendar takes to refresh.
                </p>
                <Button busy={action.busy} onClick={renew}>
                  Get my calendar address
                </Button>
              </>
            )
          }
        </Fetched>
        <FormError error={action.error} />
      </Card>
    </AccountPage>
  );
}

function FeedAddress({ address }: { address: string }) {
  return (
    <CopyField
      id="calendar-feed-address"
      label="Your calendar address"
      value={address}
      what="the address"
      note="Paste it where your calendar asks for a calendar URL."
    />
  );
}
