#include "api/fallback_page.hpp"

namespace mh::api {

const std::string& fallback_page() {
  static const std::string page = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mentorhub</title>
<link rel="stylesheet" href="/fallback.css"></head><body>
<h1>Mentorhub</h1>
<p>Find a mentor or become one. The full web app is built with <code>make web</code>; this page signs you in.</p>
<form id="login"><label for="email">E-mail</label><input id="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button><p class="error" id="error" role="alert"></p></form>
<section id="me" hidden><h2 id="hello"></h2><pre id="profile"></pre><button id="logout">Sign out</button></section>
<script src="/fallback.js"></script></body></html>
)HTML";
  return page;
}

// The page's style and script are files of their own, so the Content-Security-Policy can refuse
// every inline script and style.
const std::string& fallback_style() {
  static const std::string css = R"CSS(body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
h1{color:#0b6e4f}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem}
button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem;background:#0b6e4f;color:#fff;border:0;border-radius:4px}
.error{color:#b00020}pre{background:#f4f5f7;padding:1rem;overflow:auto}
)CSS";
  return css;
}

const std::string& fallback_script() {
  static const std::string js = R"JS(const $ = (id) => document.getElementById(id);
async function show() {
  const r = await fetch('/api/v1/me');
  if (!r.ok) return;
  const me = await r.json();
  $('login').hidden = true; $('me').hidden = false;
  $('hello').textContent = 'Signed in as ' + me.name;
  $('profile').textContent = JSON.stringify(me, null, 2);
}
$('login').addEventListener('submit', async (e) => {
  e.preventDefault(); $('error').textContent = '';
  const r = await fetch('/api/v1/auth/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({email: $('email').value, password: $('password').value})});
  if (r.ok) return show();
  const body = await r.json().catch(() => ({}));
  $('error').textContent = (body.error && body.error.message) || ('sign-in failed: ' + r.status);
});
$('logout').addEventListener('click', async () => {
  const csrf = (document.cookie.match(/mh_csrf=([^;]+)/) || [])[1] || '';
  await fetch('/api/v1/auth/logout', {method: 'POST', headers: {'X-CSRF-Token': csrf}});
  location.reload();
});
show();
)JS";
  return js;
}

}  // namespace mh::api
