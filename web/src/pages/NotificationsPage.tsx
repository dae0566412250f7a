// All of one's notifications, newest first, a page at a time: follow one to the page where you
// act, mark it read or dismiss it, or mark them all read.
import { useEffect, useState } from 'react';
import { api, ok } from '../api';
import type { Notification } from '../types';
import { Button, Card, Empty, ErrorState, Loading, Page, asApiError, useToast } from '../ui';
import type { ApiError } from '../api';
import { NotificationList, markAllRead } from '../notifications/NotificationList';
import { plural } from '../format';

const PAGE = 30;

export function NotificationsPage() {
  const [items, setItems] = useState<Notification[] | undefined>(undefined);
  const [unread, setUnread] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  // Loads as many as are shown (at least one page) again, so reading or dismissing keeps one's place.
  async function load(count = PAGE) {
    try {
      const limit = Math.min(Math.max(count, PAGE), 100);
      const page = await ok(api.GET('/api/v1/me/notifications', { params: { query: { limit } } }));
      setItems(page.items);
      setUnread(page.unread);
      setNext(page.next_cursor);
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  async function older() {
    if (!next) return;
    setBusy(true);
    try {
      const page = await ok(api.GET('/api/v1/me/notifications', { params: { query: { limit: PAGE, cursor: next } } }));
      setItems((shown) => [...(shown ?? []), ...page.items]);
      setNext(page.next_cursor);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  async function readAll() {
    setBusy(true);
    try {
      const marked = await markAllRead();
      await load(items?.length);
      toast(`Marked ${plural(marked, 'notification')} as read`);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page
      title="Notifications"
      subtitle="What waits for you, newest first. Each one opens the page where you act."
      actions={
        unread > 0 ? (
          <Button variant="secondary" busy={busy} onClick={readAll}>
            Mark all read
          </Button>
        ) : undefined
      }
    >
      <Card title={unread > 0 ? `${plural(unread, 'unread notification')}` : 'All read'}>
        {error ? (
          <ErrorState error={error} retry={() => load(items?.length)} />
        ) : !items ? (
          <Loading label="Loading notifications…" />
        ) : items.length === 0 ? (
          <Empty title="No notifications" icon="bell">
            Mentorhub tells you when a request arrives, a meeting is near, a task is overdue, or a relationship starts to
            fade.
          </Empty>
        ) : (
          <NotificationList items={items} changed={() => load(items.length)} />
        )}
        {next && (
          <Button variant="ghost" className="btn btn--ghost btn--small notifications__more" busy={busy} onClick={older}>
            Show older
          </Button>
        )}
      </Card>
    </Page>
  );
}
