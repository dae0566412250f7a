// Circles: small groups that learn a topic together with a host. My circles (with my status or
// waitlist position, and the state of the ones that are ending), the open circles to join, and
// the create form for people who offer circles.
import { useState } from 'react';
import { api, ok } from '../api';
import { MEDIUM_LABELS, plural } from '../format';
import { Link, navigate } from '../router';
import { useSession } from '../session';
import type { CircleCard } from '../types';
import { Button, Card, Empty, Fetched, PageHeader, useApi } from '../ui';
import { CircleForm } from './CircleForm';
import { CircleStateBadge, MembershipTag, SizeFacts, StatusTag } from './common';
import { JoinControl } from './Join';

const PAGE = 20;

export function Circles() {
  const { me } = useSession();
  const [extra, setExtra] = useState<{ items: CircleCard[]; next: string | null } | null>(null);
  const open = useApi(`/circles?open=true&state=active&limit=${PAGE}`, () => ok(api.GET('/api/v1/circles', { params: { query: { open: 'true', state: 'active', limit: PAGE } } })));
  const mine = useApi('/circles?mine=true&limit=100', () => ok(api.GET('/api/v1/circles', { params: { query: { mine: 'true', limit: 100 } } })));
  const [creating, setCreating] = useState(false);
  const [more, setMore] = useState(false);
  const hosts = me.formats_offered.includes('circle');
  const reload = async () => {
    setExtra(null);
    await Promise.all([open.reload(), mine.reload()]);
  };
  const openItems = [...(open.data?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : open.data?.next_cursor ?? null;

  async function showMore() {
    if (!next) return;
    setMore(true);
    try {
      const page = await ok(api.GET('/api/v1/circles', { params: { query: { open: 'true', state: 'active', limit: PAGE, cursor: next } } }));
      setExtra((e) => ({ items: [...(e?.items ?? []), ...page.items], next: page.next_cursor }));
    } finally {
      setMore(false);
    }
  }

  // Ongoing first, then those ending, then the concluded ones.
  const order = { active: 0, concluding: 1, concluded: 2 };
  const myCircles = [...(mine.data?.items ?? [])].sort((a, b) => order[a.state] - order[b.state]);

  return (
    <div className="stack-lg">
      <PageHeader
        title="Circles"
        subtitle="Small groups that learn a topic together with a host: join one, or host your own."
        actions={hosts && !creating ? <Button onClick={() => setCreating(true)}>Create a circle</Button> : undefined}
      />
      {creating && (
        <Card title="Create a circle">
          <CircleForm onSaved={(c) => navigate(`/circles/${c.id}`)} onCancel={() => setCreating(false)} />
        </Card>
      )}

      <Card title="My circles">
        <Fetched loaded={mine} label="Loading your circles…" rows={2}>
          {() =>
            myCircles.length === 0 ? (
              <Empty title="You are in no circle yet" icon="people">
                Join an open circle below{hosts ? ', or create one to host' : ''}.
              </Empty>
            ) : (
              <ul className="list" aria-label="My circles">
                {myCircles.map((c) => (
                  <li key={c.id} className="list__item">
                    <div className="list__main">
                      <Link to={`/circles/${c.id}`}>
                        <strong>{c.topic}</strong>
                      </Link>
                      <div className="muted small">
                        Hosted by {c.host.id === me.id ? 'you' : c.host.name} · <SizeFacts c={c} />
                      </div>
                    </div>
                    <div className="row">
                      {c.state !== 'active' && <CircleStateBadge state={c.state} />}
                      <StatusTag c={c} />
                    </div>
                  </li>
                ))}
              </ul>
            )
          }
        </Fetched>
      </Card>

      <Card title="Open circles">
        <Fetched loaded={open} label="Loading open circles…">
          {() =>
            openItems.length === 0 ? (
              <Empty title="No circle is open right now" icon="compass">
                Circles appear here when a host opens one to new members.
                {hosts ? ' You offer circles: create one and people can join it here.' : ''}
              </Empty>
            ) : (
              <>
                <ul className="list" aria-label="Open circles">
                  {openItems.map((c) => (
                    <CircleRow key={c.id} c={c} onChanged={reload} />
                  ))}
                </ul>
                {next && (
                  <div className="center">
                    <Button variant="secondary" busy={more} onClick={showMore}>
                      Show more
                    </Button>
                  </div>
                )}
              </>
            )
          }
        </Fetched>
      </Card>
    </div>
  );
}

function CircleRow({ c, onChanged }: { c: CircleCard; onChanged: () => Promise<unknown> }) {
  return (
    <li className="list__item circle-row" aria-label={`Circle: ${c.topic}`}>
      <div className="list__main stack-sm">
        <div>
          <Link to={`/circles/${c.id}`}>
            <strong>{c.topic}</strong>
          </Link>{' '}
          <MembershipTag c={c} /> <span className="tag">{MEDIUM_LABELS[c.medium]}</span>
        </div>
        <div className="muted small">
          Hosted by {c.host.name}
          {c.host.title ? `, ${c.host.title}` : ''} · every {plural(c.cadence_days, 'day')}
        </div>
        {c.description && <p className="small">{c.description}</p>}
        <SizeFacts c={c} />
      </div>
      <div className="row circle-row__side">
        <StatusTag c={c} />
        <JoinControl c={c} onJoined={onChanged} />
      </div>
    </li>
  );
}
