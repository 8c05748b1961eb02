// History: every run, newest first, with the API's filters (connection, status, trigger, since) and its paging; the
// filters and the page are in the URL.

import * as api from '../api.js';
import { h, fill, num, time, duration, statusBadge, notice, table, row } from '../dom.js';

const STATUSES = ['queued', 'running', 'waiting', 'cancelling', 'cancelled', 'succeeded', 'failed', 'interrupted'];
const TRIGGERS = ['manual', 'schedule', 'startup', 'resume'];
const COLUMNS = ['Run', 'Connection', 'Status', 'Trigger', 'Mode', 'Created', 'Duration', 'Inserted', 'Updated', 'Unchanged', 'Failed', 'Deleted', 'Requested by'];

function select(id, label, options, value, names = {}) {
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, name: id },
      h('option', { value: '' }, 'any'),
      options.map((o) => h('option', { value: String(o), selected: String(o) === value }, names[o] || String(o)))));
}

/** An ISO instant as the value of a datetime-local input (local time), and back. */
function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

export default async function history(ctx) {
  const p = ctx.params;
  const filters = {
    connection: p.get('connection') || '',
    status: p.get('status') || '',
    trigger: p.get('trigger') || '',
    since: p.get('since') || '',
    limit: p.get('limit') || '50',
  };
  const cursor = p.get('cursor') || '';
  const [page, connections] = await Promise.all([
    api.get(`/imports${api.query({ ...filters, cursor })}`),
    api.get('/connections'),
  ]);
  if (!ctx.alive()) return;
  const names = Object.fromEntries(connections.map((c) => [c.id, c.name]));

  const since = h('input', { id: 'since', name: 'since', type: 'datetime-local', value: toLocalInput(filters.since) });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter runs', onsubmit: (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const sinceValue = data.get('since');
    ctx.setParams({
      connection: data.get('connection'),
      status: data.get('status'),
      trigger: data.get('trigger'),
      since: sinceValue ? new Date(sinceValue).toISOString() : '',
      limit: data.get('limit'),
    });
  } },
  select('connection', 'Connection', connections.map((c) => c.id), filters.connection, names),
  select('status', 'Status', STATUSES, filters.status),
  select('trigger', 'Trigger', TRIGGERS, filters.trigger),
  h('div', { class: 'field' }, h('label', { for: 'since' }, 'Created since'), since),
  h('div', { class: 'field' }, h('label', { for: 'limit' }, 'Per page'),
    h('select', { id: 'limit', name: 'limit' }, ['20', '50', '100', '200'].map((n) => h('option', { value: n, selected: n === filters.limit }, n)))),
  h('button', { type: 'submit', class: 'primary' }, 'Show'),
  h('a', { href: '#/history', class: 'button' }, 'Clear'));

  const rows = page.runs.map((r) => row(COLUMNS, [
    h('a', { href: `#/runs/${r.id}` }, `Run ${r.id}`),
    h('a', { href: `#/history${api.query({ ...filters, connection: r.connection })}` }, names[r.connection] || `#${r.connection}`),
    statusBadge(r.status), r.trigger, r.mode, time(r.createdAt), duration(r.durationSeconds),
    num(r.counts.inserted), num(r.counts.updated), num(r.counts.unchanged), num(r.counts.failed), num(r.counts.deleted),
    r.requestedBy || '–'], { dataset: { run: String(r.id) } }));

  fill(ctx.main,
    h('h1', {}, 'History'),
    form,
    rows.length ? table(null, COLUMNS, rows, { id: 'history' }) : notice('info', 'No run matches these filters.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages of runs' },
      cursor ? h('a', { href: `#/history${api.query(filters)}` }, '« Newest') : null,
      page.nextCursor ? h('a', { href: `#/history${api.query({ ...filters, cursor: page.nextCursor })}`, id: 'older' }, 'Older runs »') : null));
}
