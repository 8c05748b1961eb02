// Dead letters: records that could not be mapped or stored, with the reason and the raw payload; an admin key can
// replay one, or every open letter of a run.

import * as api from '../api.js';
import { h, fill, time, notice, table, row } from '../dom.js';

const COLUMNS = ['Letter', 'Connection', 'Run', 'Stream', 'Record', 'Reason', 'Created', 'Replays', 'Actions'];

function pretty(payload) {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

export default async function deadLetters(ctx) {
  const p = ctx.params;
  const filters = { connection: p.get('connection') || '', run: p.get('run') || '', all: p.get('all') || '', limit: p.get('limit') || '50' };
  const cursor = p.get('cursor') || '';
  const [page, connections] = await Promise.all([
    api.get(`/dead-letters${api.query({ ...filters, cursor })}`), api.get('/connections')]);
  if (!ctx.alive()) return;
  const names = Object.fromEntries(connections.map((c) => [c.id, c.name]));
  const messages = h('div', { 'aria-live': 'polite' });

  async function replay(button, path, describe) {
    button.disabled = true;
    try {
      const result = await api.post(path);
      fill(messages, describe(result));
    } catch (e) {
      fill(messages, notice('error', api.errorText(e)));
    } finally {
      button.disabled = false;
    }
  }

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter dead letters', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    ctx.setParams({ connection: data.get('connection'), run: data.get('run'), all: data.get('all') ? 'true' : '', limit: filters.limit });
  } },
  h('div', { class: 'field' }, h('label', { for: 'connection' }, 'Connection'),
    h('select', { id: 'connection', name: 'connection' }, h('option', { value: '' }, 'any'),
      connections.map((c) => h('option', { value: String(c.id), selected: String(c.id) === filters.connection }, c.name)))),
  h('div', { class: 'field' }, h('label', { for: 'run' }, 'Run'),
    h('input', { id: 'run', name: 'run', type: 'number', min: '1', value: filters.run })),
  h('div', { class: 'field check' }, h('input', { id: 'all', name: 'all', type: 'checkbox', checked: filters.all === 'true' }),
    h('label', { for: 'all' }, 'Also those replayed')),
  h('button', { type: 'submit', class: 'primary' }, 'Show'),
  h('a', { class: 'button', href: '#/dead-letters' }, 'Clear'));

  const rows = page.deadLetters.map((d) => row(COLUMNS, [
    `#${d.id}`,
    names[d.connection] || `#${d.connection}`,
    h('a', { href: `#/runs/${d.run}` }, `Run ${d.run}`),
    d.stream,
    d.externalId || '–',
    h('div', {}, h('span', { class: 'reason' }, d.reason),
      h('details', {}, h('summary', {}, 'Raw payload'), h('pre', {}, pretty(d.payload)))),
    time(d.createdAt),
    h('div', { class: 'small' }, String(d.replayAttempts), d.replayedAt ? h('div', {}, 'stored ', time(d.replayedAt)) : null,
      d.lastReplayError ? h('div', { class: 'failure' }, d.lastReplayError) : null),
    ctx.admin && !d.replayedAt ? h('button', { type: 'button', dataset: { action: 'replay' }, onclick: (e) => replay(e.currentTarget,
      `/dead-letters/${d.id}/replay`, (r) => notice(r.stored ? 'ok' : 'error',
        r.stored ? `Letter ${d.id} is stored now${r.reread ? ' (read again from the upstream)' : ''}.` : `Letter ${d.id} could not be stored: ${r.error}`)) },
    'Replay') : ''], { dataset: { letter: String(d.id) } }));

  const replayRun = ctx.admin && filters.run ? h('button', { type: 'button', id: 'replay-run', onclick: (e) => replay(e.currentTarget,
    `/dead-letters/replay?run=${encodeURIComponent(filters.run)}`,
    (r) => notice(r.failed ? 'warn' : 'ok', `Replayed the letters of run ${filters.run}: ${r.stored} stored, ${r.failed} failed.`)) },
  `Replay every open letter of run ${filters.run}`) : null;

  fill(ctx.main, h('div', { class: 'toolbar' }, h('h1', {}, 'Dead letters'), replayRun), form, messages,
    rows.length ? table(null, COLUMNS, rows, { id: 'dead-letters' }) : notice('info', 'No dead letter matches these filters.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages of dead letters' },
      cursor ? h('a', { href: `#/dead-letters${api.query(filters)}` }, '« Newest') : null,
      page.nextCursor ? h('a', { href: `#/dead-letters${api.query({ ...filters, cursor: page.nextCursor })}` }, 'Older »') : null));
}
