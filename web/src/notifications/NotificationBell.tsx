// The bell on every page: the unread count, and a panel with the newest notifications (mark
// read, dismiss, mark all read, follow the link) and a way to all of them. It counts again when
// the page changes and whenever something says the counts changed.
import { useEffect, useRef, useState } from 'react';
import { api, ok } from '../api';
import { Icon } from '../icons';
import { Link } from '../router';
import type { NotificationPage } from '../types';
import { Empty, ErrorState, Loading, asApiError, useToast } from '../ui';
import type { ApiError } from '../api';
import { NotificationList, markAllRead } from './NotificationList';

const SHOWN = 8;

export function NotificationBell({ unread }: { unread: number }) {
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState<NotificationPage | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const toast = useToast();

  async function load() {
    try {
      setPage(await ok(api.GET('/api/v1/me/notifications', { params: { query: { limit: SHOWN } } })));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  }

  useEffect(() => {
    if (!open) return;
    void load();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  async function readAll() {
    try {
      const marked = await markAllRead();
      await load();
      toast(marked === 1 ? 'Marked 1 notification as read' : `Marked ${marked} notifications as read`);
    } catch (e) {
      setError(asApiError(e));
    }
  }

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';
  return (
    <div className="bell" ref={box}>
      <button
        ref={button}
        className={'bell__button' + (open ? ' bell__button--open' : '')}
        aria-label={label}
        aria-expanded={open}
        aria-controls="bell-panel"
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="bell" size={22} />
        {unread > 0 && (
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div id="bell-panel" className="bell__panel" role="region" aria-label="Your notifications">
          <div className="bell__head">
            <h2 className="bell__title">Notifications</h2>
            {(page?.unread ?? 0) > 0 && (
              <button className="link-button small" onClick={readAll}>
                Mark all read
              </button>
            )}
          </div>
          {error ? (
            <ErrorState error={error} retry={load} />
          ) : !page ? (
            <Loading label="Loading notifications…" rows={2} />
          ) : page.items.length === 0 ? (
            <Empty title="Nothing new" icon="bell">
              You are told here when something waits for you.
            </Empty>
          ) : (
            <NotificationList items={page.items} changed={load} onFollow={() => setOpen(false)} compact />
          )}
          <Link to="/notifications" className="bell__all small" onClick={() => setOpen(false)}>
            See all notifications
          </Link>
        </div>
      )}
    </div>
  );
}
