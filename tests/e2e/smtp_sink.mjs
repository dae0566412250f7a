// A mail server on 127.0.0.1 for the browser tests that follow a mailed link (a password reset):
// it takes every message the server sends over plain SMTP (RFC 5321: EHLO, MAIL, RCPT, DATA,
// QUIT) and keeps it, so a test can wait for a person's mail and read its text. It delivers
// nothing anywhere.
import { createServer } from 'node:net';

/** The text of a message with quoted-printable soft breaks and escapes undone (the server writes
 *  its text parts that way), so a link broken across lines reads whole again. */
function readable(raw) {
  return raw
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtpSink() {
  const messages = [];
  const server = createServer((socket) => {
    socket.setEncoding('latin1');
    let buffered = '';
    let inData = false;
    let data = '';
    let recipients = [];
    const say = (line) => socket.write(line + '\r\n');
    say('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffered += chunk;
      for (;;) {
        if (inData) {
          const end = buffered.indexOf('\r\n.\r\n');
          if (end < 0) return;
          data += buffered.slice(0, end);
          buffered = buffered.slice(end + 5);
          inData = false;
          const raw = data.replace(/^\.\./gm, '.');
          const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '';
          messages.push({ to: recipients, subject, raw, text: readable(raw) });
          data = '';
          recipients = [];
          say('250 kept');
          continue;
        }
        const eol = buffered.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffered.slice(0, eol);
        buffered = buffered.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 sink');
        else if (verb === 'RCPT') {
          recipients.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          say('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
          return;
        } else say('250 OK');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: server.address().port,
    messages,
    /** The messages to `address` whose subject starts with `subject`. */
    to(address, subject = '') {
      return messages.filter((m) => m.to.includes(address) && m.subject.startsWith(subject));
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
