// The console's shell: sign-in, the navigation, and a router that keeps the page and its filters in the URL's hash
// (#/history?status=failed), so a reload or a shared link shows the same page.

import * as api from './api.js';
import { h, fill, notice } from './dom.js';
import { openStream, liveState } from './events.js';
import connections from './pages/connections.js';
import connectionForm from './pages/connection-form.js';
import run from './pages/run.js';
import history from './pages/history.js';
import plugins from './pages/plugins.js';
import scheduler from './pages/scheduler.js';
import deadLetters from './pages/dead-letters.js';
import stats from './pages/stats.js';
import health from './pages/health.js';

const PAGES = [
  { path: 'connections', title: 'Connections', render: connections },
  { path: 'history', title: 'History', render: history },
  { path: 'plugins', title: 'Plugins', render: plugins },
  { path: 'scheduler', title: 'Scheduler', render: scheduler },
  { path: 'dead-letters', title: 'Dead letters', render: deadLetters },
  { path: 'stats', title: 'Stats', render: stats },
  { path: 'health', title: 'Health', render: health },
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const live = document.getElementById('live');
let session = null;
let current = null; // the page shown: its cleanups, and whether it is still shown

function route() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : 'connections';
  const [path, search = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts: parts.length ? parts : ['connections'], params: new URLSearchParams(search) };
}

/** The page for a route: connections/new and connections/7/edit are the form, runs/12 a run. */
function pageOf(parts) {
  if (parts[0] === 'connections' && (parts[1] === 'new' || parts[2] === 'edit')) {
    return { title: parts[1] === 'new' ? 'New connection' : 'Edit connection', render: connectionForm, section: 'connections' };
  }
  if (parts[0] === 'runs' && parts[1]) return { title: `Run ${parts[1]}`, render: run, section: 'history' };
  const page = PAGES.find((p) => p.path === parts[0]);
  return page ? { ...page, section: page.path } : null;
}

async function show() {
  if (current) current.leave();
  if (!session) return;
  const { parts, params } = route();
  const page = pageOf(parts);
  const cleanups = [];
  const shown = { alive: true, leave() { this.alive = false; cleanups.forEach((f) => f()); } };
  current = shown;
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.section === page?.section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  fill(live, '');
  live.removeAttribute('data-state');
  if (!page) {
    document.title = 'Not found · Inflow';
    fill(main, h('h1', {}, 'Not found'), notice('error', `There is no page “${parts.join('/')}”.`));
    return;
  }
  document.title = `${page.title} · Inflow`;
  const ctx = {
    main,
    parts,
    params,
    session,
    admin: session.role === 'admin',
    alive: () => shown.alive,
    onLeave: (f) => cleanups.push(f),
    go: (hash) => { location.hash = hash; },
    /** Replaces the page's query in the URL (dropping empty values) and shows the page again. */
    setParams: (values) => {
      const search = api.query(values);
      location.hash = `#/${parts.map(encodeURIComponent).join('/')}${search}`;
    },
    /** An event stream for as long as the page is shown; its state shows in the header. */
    stream: (path, onEvent) => {
      const stream = openStream(path, { onEvent, onState: liveState(live), onUnauthorized: signOut });
      cleanups.push(() => stream.close());
      return stream;
    },
  };
  fill(main, h('p', { class: 'loading' }, 'Loading…'));
  try {
    await page.render(ctx);
  } catch (e) {
    if (!shown.alive) return;
    if (e instanceof api.ApiError && e.status === 401) return;
    fill(main, h('h1', {}, page.title), notice('error', api.errorText(e)));
  }
}

function signInForm(message) {
  session = null;
  document.body.classList.add('signed-out');
  fill(who, '');
  fill(live, '');
  document.title = 'Sign in · Inflow';
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true,
    spellcheck: false, 'aria-describedby': 'api-key-help' });
  const form = h('form', { class: 'sign-in', onsubmit: async (event) => {
    event.preventDefault();
    api.keepKey(input.value.trim());
    await start();
  } },
  h('h1', {}, 'Sign in to Inflow'),
  message ? notice('error', message) : null,
  h('label', { for: 'api-key' }, 'API key'),
  input,
  h('p', { id: 'api-key-help', class: 'help' },
    'A viewer or admin key (inflow_…). It is kept in this tab only and sent to this server with each call.'),
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  fill(main, form);
  input.focus();
}

function signOut(error) {
  if (current) current.leave();
  current = null;
  api.forgetKey();
  signInForm(error ? 'The server no longer accepts this key: sign in again.' : null);
}

async function start() {
  if (!api.apiKey()) {
    signInForm();
    return;
  }
  try {
    session = await api.get('/session');
  } catch (e) {
    api.forgetKey();
    signInForm(e instanceof api.ApiError && e.status === 401 ? 'This key is not valid.' : api.errorText(e));
    return;
  }
  document.body.classList.remove('signed-out');
  fill(who, h('span', { class: 'key-name' }, session.name), ' ',
    h('span', { class: `badge role-${session.role}`, id: 'role' }, session.role));
  await show();
}

function buildNav() {
  fill(nav, h('ul', {}, PAGES.map((p) => h('li', {},
    h('a', { href: `#/${p.path}`, dataset: { section: p.path } }, p.title)))));
}

api.whenUnauthorized((error) => signOut(error));
document.getElementById('sign-out').addEventListener('click', () => signOut());
document.getElementById('skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => {
  show().then(() => {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  });
});
buildNav();
start();
