// Stats: per connection, the records per stream, the plugin's own figures, the quota, and each expected figure
// against what was found (matches in green, differs in red, and said in words).

import * as api from '../api.js';
import { h, fill, num, time, notice, table, row } from '../dom.js';

function cell(value) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return num(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function section(connection, stats) {
  const streams = Object.keys(stats.records);
  const parts = [h('h2', { id: `stats-${connection.id}` }, connection.name, h('span', { class: 'muted small' }, ` ${connection.plugin} #${connection.id}`))];
  if (stats.expected.length) {
    const cols = ['Figure', 'Expected', 'Found', 'Result'];
    parts.push(table('Expected figures', cols, stats.expected.map((e) => row(cols, [e.figure, cell(e.expected), cell(e.actual),
      h('span', { class: `badge match-${e.matches ? 'yes' : 'no'}` }, e.matches ? 'matches' : 'differs')],
    { dataset: { figure: e.figure, matches: String(e.matches) } })), { class: 'cards expected' }));
  }
  const cols = ['Stream', 'Records', 'Deleted'];
  parts.push(streams.length ? table('Records', cols, streams.map((s) => row(cols, [s, num(stats.records[s]), num(stats.deleted[s] ?? 0)])))
    : notice('info', 'No record imported yet.'));
  const facts = [h('dt', {}, 'Open dead letters'), h('dd', {},
    h('a', { href: `#/dead-letters?connection=${connection.id}` }, num(stats.openDeadLetters)))];
  if (stats.quota) {
    const q = stats.quota;
    facts.push(h('dt', {}, 'Daily quota'), h('dd', {}, `${num(q.used)} / ${num(q.dailyQuota)} used, ${num(q.remaining)} left; resets `, time(q.windowEnd)));
    if (q.overageCalls) facts.push(h('dt', {}, 'Beyond the quota'), h('dd', {}, `${num(q.overageCalls)} calls, ${q.overageCost}`));
  }
  parts.push(h('div', { class: 'panel' }, h('dl', { class: 'facts' }, facts)));
  for (const [name, stat] of Object.entries(stats.stats)) {
    if (stat.error) {
      parts.push(notice('error', `${name}: ${stat.error}`));
      continue;
    }
    const columns = stat.rows.length ? Object.keys(stat.rows[0]) : [];
    parts.push(stat.rows.length
      ? table(`${name}: ${stat.description}`, columns, stat.rows.map((r) => row(columns, columns.map((c) => cell(r[c])))))
      : notice('info', `${name}: ${stat.description} — no rows.`));
  }
  return parts;
}

export default async function stats(ctx) {
  const chosen = ctx.params.get('connection') || '';
  const connections = await api.get('/connections');
  if (!ctx.alive()) return;
  const shown = chosen ? connections.filter((c) => String(c.id) === chosen) : connections;
  const picker = h('select', { id: 'connection', onchange: () => ctx.setParams({ connection: picker.value }) },
    h('option', { value: '' }, 'every connection'),
    connections.map((c) => h('option', { value: String(c.id), selected: String(c.id) === chosen }, c.name)));
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  fill(ctx.main, h('h1', {}, 'Stats'),
    h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'connection' }, 'Connection'), picker)), body);
  const results = await Promise.all(shown.map((c) => api.get(`/connections/${c.id}/stats`).catch((e) => e)));
  if (!ctx.alive()) return;
  fill(body, shown.length ? shown.map((c, i) => (results[i] instanceof Error
    ? [h('h2', {}, c.name), notice('error', api.errorText(results[i]))]
    : section(c, results[i]))) : notice('info', 'No connection yet.'));
}
