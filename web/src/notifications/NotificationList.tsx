// One person's notifications as a list: each says what happened, when, and opens the page where
// they act (reading it on the way); unread ones can be marked read, any can be dismissed. Used by
// the bell's panel, the notifications page and the home page.
import { api, countsChanged, ok } from '../api';
import { localizeText, relativeTime } from '../format';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { Notification } from '../types';
import { useAction, useToast } from '../ui';

export function NotificationList({
  items,
  changed,
  onFollow,
  compact = false,
}: {
  items: Notification[];
  /** Called after a notification was read or dismissed, to load the list again. */
  changed: () => void | Promise<void>;
  /** Called when a notification's link is followed (the bell closes its panel). */
  onFollow?: () => void;
  compact?: boolean;
}) {
  const { me } = useSession();
  const action = useAction();
  const toast = useToast();

  async function act(id: string, what: 'read' | 'dismiss', done: string) {
    const succeeded = await action.run(async () => {
      if (what === 'read') await ok(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id } } }));
      else await ok(api.POST('/api/v1/me/notifications/{id}/dismiss', { params: { path: { id } } }));
      return true;
    });
    if (succeeded) {
      countsChanged();
      await changed();
      toast(done);
    }
  }

  async function follow(n: Notification) {
    onFollow?.();
    if (!n.read) {
      // Reading it is part of following it; the page opens even if that fails.
      await ok(api.POST('/api/v1/me/notifications/{id}/read', { params: { path: { id: n.id } } })).catch(() => undefined);
      countsChanged();
    }
    navigate(n.link);
  }

  return (
    <>
      <ul className={'list list--stacked notifications' + (compact ? ' notifications--compact' : '')}>
        {items.map((n) => (
          <li key={n.id} className={'notification' + (n.read ? ' notification--read' : '')}>
            <Link
              to={n.link}
              className="notification__message"
              onClick={(e) => {
                e.preventDefault();
                void follow(n);
              }}
            >
              {!n.read && <span className="sr-only">Unread: </span>}
              {localizeText(n.message, me.timezone)}
            </Link>
            <div className="notification__meta">
              <span className="muted small">{relativeTime(n.created_at)}</span>
              {!n.read && (
                <button
                  className="link-button small"
                  disabled={action.busy}
                  onClick={() => act(n.id, 'read', 'Marked as read')}
                >
                  Mark read<span className="sr-only">: {n.message}</span>
                </button>
              )}
              <button
                className="link-button small"
                disabled={action.busy}
                onClick={() => act(n.id, 'dismiss', 'Dismissed')}
              >
                Dismiss<span className="sr-only">: {n.message}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {action.error && <p className="field__error">{action.error.message}</p>}
    </>
  );
}

/** Marks every notification of the signed-in person read; returns how many were unread. */
export async function markAllRead(): Promise<number> {
  const { marked } = await ok(api.POST('/api/v1/me/notifications/read-all'));
  countsChanged();
  return marked;
}
