// The administrator's video rooms (GET/PUT /admin/video): none, a Jitsi Meet server, or a
// BigBlueButton server. Meetings, circle sessions and flash sessions held by video then show their
// participants a "Join video call" button, and the link is in their calendar files and meeting
// mail. The BigBlueButton secret is write-only: the API says whether one is set, never what it is.
import { SettingsPage, useSettingsForm } from './SettingsTabs';
import { api, ok } from '../api';
import type { VideoSettings, VideoSettingsInput } from '../types';
import { Card, ErrorState, FormError, Hint, Loading, SelectField, SubmitRow, TextField, textFields, useApi } from '../ui';

type Provider = VideoSettings['provider'];
type Checksum = VideoSettings['bbb_checksum'];

interface Draft {
  provider: Provider;
  jitsi_url: string;
  bbb_url: string;
  bbb_secret: string;
  bbb_checksum: Checksum;
}

function draftOf(s: VideoSettings): Draft {
  return {
    provider: s.provider,
    jitsi_url: s.jitsi_url ?? '',
    bbb_url: s.bbb_url ?? '',
    bbb_secret: '',
    bbb_checksum: s.bbb_checksum,
  };
}

function bodyOf(d: Draft): VideoSettingsInput {
  if (d.provider === 'jitsi') return { provider: 'jitsi', jitsi_url: d.jitsi_url.trim() };
  if (d.provider === 'bigbluebutton') {
    const body: VideoSettingsInput = { provider: 'bigbluebutton', bbb_url: d.bbb_url.trim(), bbb_checksum: d.bbb_checksum };
    if (d.bbb_secret) body.bbb_secret = d.bbb_secret;
    return body;
  }
  return { provider: 'none' };
}

export function AdminVideo() {
  const loaded = useApi('video-settings', () => ok(api.GET('/api/v1/admin/video')));
  const { draft, set, action, save } = useSettingsForm(
    loaded,
    draftOf,
    (d) => ok(api.PUT('/api/v1/admin/video', { body: bodyOf(d) })),
    (saved) => (saved.provider === 'none' ? 'Video rooms turned off' : 'Video rooms saved'),
  );
  const { error } = action;

  if (loaded.error) return <ErrorState error={loaded.error} retry={loaded.reload} />;
  if (!loaded.data || !draft) return <Loading />;
  const settings = loaded.data;
  const field = textFields(draft, set, error);

  return (
    <SettingsPage
      title="Video rooms"
      subtitle="Give every meeting, circle session and flash session held by video its own room. Face to face stays a choice: each pair's logistics say how they meet."
    >
      <Card title="Video service">
        <form onSubmit={save} noValidate className="stack">
          <SelectField label="Service" {...field('provider')}>
            <option value="none">None: people add their own link</option>
            <option value="jitsi">Jitsi Meet</option>
            <option value="bigbluebutton">BigBlueButton</option>
          </SelectField>
          {draft.provider === 'jitsi' && (
            <>
              <TextField
                label="Jitsi address"
                hint="The https address of your Jitsi Meet server, e.g. https://meet.example.org. Each room gets a long random name under it."
                inputMode="url"
                {...field('jitsi_url')}
              />
              <Hint>Anyone with a room's link can join it, so the link goes only to the people in the meeting.</Hint>
            </>
          )}
          {draft.provider === 'bigbluebutton' && (
            <>
              <TextField
                label="BigBlueButton API address"
                hint="e.g. https://bbb.example.org/bigbluebutton/api (bbb-conf --secret prints it)."
                inputMode="url"
                {...field('bbb_url')}
              />
              <TextField
                label="Shared secret"
                type="password"
                autoComplete="off"
                hint={
                  settings.provider === 'bigbluebutton' && settings.bbb_secret_set
                    ? 'A secret is set; leave empty to keep it.'
                    : 'Signs every call to the server; it is never shown again.'
                }
                {...field('bbb_secret')}
              />
              <SelectField label="Checksum" {...field('bbb_checksum')}>
                <option value="sha1">SHA-1 (every BigBlueButton)</option>
                <option value="sha256">SHA-256 (when the server is set to it)</option>
              </SelectField>
              <Hint>Mentorhub opens a room on the server when the first person joins; the mentor or host joins as moderator.</Hint>
            </>
          )}
          <FormError error={error && !error.field ? error : null} />
          <SubmitRow busy={action.busy} submit="Save" />
        </form>
      </Card>
    </SettingsPage>
  );
}
