// A real OpenID Connect provider on loopback for Mentorhub's single sign-on tests: the npm
// package oidc-provider, with its own minimal sign-in form and a few controls only a test needs.
//
//   node provider.mjs --port N --keys FILE [--publish rsa-1,ec-1]
//
// Prints one JSON line {"issuer": ...} on stdout when it listens. The signing keys live in FILE
// (made on first use), so a restart with another --publish list is a real key rotation: the
// first published key of each algorithm signs, and only published keys are in the JWKS.
//
// Test controls (this provider only, never part of Mentorhub):
//   POST /__test/accounts {"<login>": {claims}}   the people who can sign in, by login
//   POST /__test/next-id-token {"tamper": KIND}   spoils the next ID token the token endpoint
//     returns: "signature" (a byte of the signature), "audience" (another client), "expired",
//     "issuer" (another issuer), "nonce" (another nonce), "future" (issued an hour ahead),
//     "unpublished_key" (signed by a key the JWKS never had)
//   GET  /__test/token-requests                    how many code exchanges the token endpoint saw
import { createPrivateKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { CompactSign, importJWK } from 'jose';
import Provider from 'oidc-provider';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg('port', '0'));
const keysFile = arg('keys');
const publish = arg('publish', 'rsa-1,ec-1').split(',');
if (!port || !keysFile) {
  console.error('usage: node provider.mjs --port N --keys FILE [--publish rsa-1,ec-1]');
  process.exit(2);
}

// Every key a test may publish or spoil a token with, made once per keys file.
function loadKeys() {
  if (existsSync(keysFile)) return JSON.parse(readFileSync(keysFile, 'utf8'));
  // Generated as PEM and parsed again before the JWK export: exporting the generated key object
  // itself can deadlock Node 20 when a garbage collection frees the generating job meanwhile
  // (both lock the same key), which hangs the provider before it listens.
  const jwkOf = (type, options, alg, kid) => {
    const { privateKey } = generateKeyPairSync(type, {
      ...options,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    return { ...createPrivateKey(privateKey).export({ format: 'jwk' }), kid, alg, use: 'sig' };
  };
  const rsa = (kid) => jwkOf('rsa', { modulusLength: 2048 }, 'RS256', kid);
  const ec = (kid) => jwkOf('ec', { namedCurve: 'P-256' }, 'ES256', kid);
  const keys = { 'rsa-1': rsa('rsa-1'), 'rsa-2': rsa('rsa-2'), 'ec-1': ec('ec-1'), 'rsa-unpublished': rsa('rsa-unpublished') };
  writeFileSync(keysFile, JSON.stringify(keys));
  return keys;
}
const keys = loadKeys();
const issuer = `http://127.0.0.1:${port}`;

const accounts = {};
let tamperNext = null;
let tokenRequests = 0;

const provider = new Provider(issuer, {
  clients: [
    { client_id: 'mentorhub', client_secret: 'mentorhub-test-secret', redirect_uris: ['http://127.0.0.1:1/api/v1/auth/sso/callback'], grant_types: ['authorization_code'], response_types: ['code'] },
    { client_id: 'mentorhub-es', client_secret: 'mentorhub-test-secret', redirect_uris: ['http://127.0.0.1:1/api/v1/auth/sso/callback'], grant_types: ['authorization_code'], response_types: ['code'], id_token_signed_response_alg: 'ES256' },
  ],
  jwks: { keys: publish.map((kid) => keys[kid]) },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'department', 'title', 'preferred_username'],
  },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    if (!accounts[id]) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...accounts[id] }; } };
  },
  cookies: { keys: ['mentorhub-test-cookie-key'] },
  ttl: { IdToken: 3600, AccessToken: 3600, Session: 3600, Interaction: 3600, Grant: 3600 },
});

// Redirect URIs are whatever the test server's port is: registered on the fly.
provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(uri) {
  return uri.startsWith('http://127.0.0.1:') && uri.endsWith('/api/v1/auth/sso/callback');
};

function b64json(part) {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

async function resign(token, change, kid) {
  const [header, payload] = token.split('.');
  const claims = { ...b64json(payload), ...change };
  const key = keys[kid ?? b64json(header).kid];
  const signed = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .sign(await importJWK(key, key.alg));
  return signed;
}

async function spoil(token, kind) {
  const now = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'signature': {
      const [h, p, s] = token.split('.');
      const bytes = Buffer.from(s, 'base64url');
      bytes[bytes.length >> 1] ^= 0x5a;
      return `${h}.${p}.${bytes.toString('base64url')}`;
    }
    case 'audience': return resign(token, { aud: 'another-client' });
    case 'expired': return resign(token, { iat: now - 7200, exp: now - 3600 });
    case 'issuer': return resign(token, { iss: 'http://127.0.0.1:1/elsewhere' });
    case 'nonce': return resign(token, { nonce: 'not-the-nonce-that-was-sent' });
    case 'future': return resign(token, { iat: now + 3600, exp: now + 7200 });
    case 'unpublished_key': return resign(token, {}, 'rsa-unpublished');
    default: throw new Error(`unknown tamper kind ${kind}`);
  }
}

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.method === 'POST') {
    tokenRequests += 1;
    if (tamperNext && ctx.status === 200 && ctx.body && ctx.body.id_token) {
      const kind = tamperNext;
      tamperNext = null;
      ctx.body = { ...ctx.body, id_token: await spoil(ctx.body.id_token, kind) };
    }
  }
});

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function interaction(req, res, url) {
  const [, , uid, action] = url.pathname.split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return send(res, 400, 'text/plain', 'interaction mismatch');
  if (req.method === 'GET') {
    return send(res, 200, 'text/html; charset=utf-8', `<!doctype html><html lang="en"><head><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1><p>Signing in to ${escapeHtml(details.params.client_id)}</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Account <input name="login" autocomplete="username" autofocus></label>
<button type="submit">Sign in to the identity provider</button></form></main></body></html>`);
  }
  if (req.method === 'POST' && action === 'login') {
    const login = new URLSearchParams(await readBody(req)).get('login') ?? '';
    if (!accounts[login]) return send(res, 403, 'text/plain', `no test account ${login}`);
    const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { login: { accountId: login }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }
  return send(res, 405, 'text/plain', 'method not allowed');
}

async function control(req, res, url) {
  if (req.method === 'POST' && url.pathname === '/__test/accounts') {
    Object.assign(accounts, JSON.parse(await readBody(req)));
    return send(res, 204, 'text/plain', '');
  }
  if (req.method === 'POST' && url.pathname === '/__test/next-id-token') {
    tamperNext = JSON.parse(await readBody(req)).tamper ?? null;
    return send(res, 204, 'text/plain', '');
  }
  if (req.method === 'GET' && url.pathname === '/__test/token-requests') {
    return send(res, 200, 'application/json', JSON.stringify({ count: tokenRequests }));
  }
  return send(res, 404, 'text/plain', 'unknown control');
}

const callback = provider.callback();
const server = createServer((req, res) => {
  const url = new URL(req.url, issuer);
  const route = url.pathname.startsWith('/interaction/') ? interaction : url.pathname.startsWith('/__test/') ? control : null;
  if (!route) return callback(req, res);
  route(req, res, url).catch((e) => send(res, 500, 'text/plain', `test provider: ${e.message} ${randomUUID()}`));
});
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ issuer }) + '\n');
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
