// Health: the database, the plugins, each connection's circuit breaker and daily quota (used / limit, when it
// resets), stored records and open dead letters.

import * as api from '../api.js';
import { h, fill, num, time, relative, notice, table, row } from '../dom.js';

export default async function health(ctx) {
  // 503 (the database does not answer) still says what is wrong
  const [report, connections] = await Promise.all([api.get('/health', { accept: [503] }), api.get('/connections').catch(() => [])]);
  if (!ctx.alive()) return;
  const names = Object.fromEntries(connections.map((c) => [c.id, c.name]));
  const name = (id) => names[id] || `#${id}`;
  const body = [h('h1', {}, 'Health'),
    h('p', {}, 'Overall: ', h('span', { class: `badge state-${report.status}`, id: 'health-status' }, report.status))];

  const db = report.database;
  body.push(h('h2', {}, 'Database'), h('div', { class: 'panel' }, h('dl', { class: 'facts' },
    h('dt', {}, 'Answers'), h('dd', {}, h('span', { class: `badge state-${db.ok ? 'ok' : 'down'}` }, db.ok ? 'yes' : 'no')),
    h('dt', {}, 'Kind'), h('dd', {}, db.mode),
    h('dt', {}, 'Latency'), h('dd', {}, db.latencyMs === null ? '–' : `${db.latencyMs} ms`),
    db.error ? [h('dt', {}, 'Error'), h('dd', {}, db.error)] : null)));

  const plugins = report.plugins;
  body.push(h('h2', {}, 'Plugins'), h('p', {}, `${plugins.loaded} loaded, ${plugins.failed} failed. `, h('a', { href: '#/plugins' }, 'Plugins page')));
  if (plugins.failures.length) {
    const cols = ['Plugin', 'Why it failed'];
    body.push(table(null, cols, plugins.failures.map((f) => row(cols, [f.id, f.reason]))));
  }

  const breakerCols = ['Connection', 'Circuit breaker'];
  body.push(h('h2', {}, 'Circuit breakers'), report.upstreams.length
    ? table(null, breakerCols, report.upstreams.map((u) => row(breakerCols, [name(u.connection),
      h('span', { class: `badge state-${u.circuitBreaker}` }, u.circuitBreaker)])), { id: 'breakers' })
    : notice('info', 'No connection has called its upstream since the server started.'));

  const quotaCols = ['Connection', 'Used', 'Limit', 'Left', 'Resets at'];
  const quotas = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  body.push(h('h2', {}, 'Daily quotas'), quotas);

  if (report.records) {
    const cols = ['Connection', 'Stream', 'Records'];
    body.push(h('h2', {}, 'Records'), h('p', {}, `${num(report.records.total)} in all.`),
      report.records.streams.length
        ? table(null, cols, report.records.streams.map((s) => row(cols, [name(s.connection), s.stream, num(s.records)])))
        : null);
  }
  body.push(h('h2', {}, 'Dead letters'), h('p', {}, h('a', { href: '#/dead-letters' }, `${num(report.openDeadLetters)} open`)));
  fill(ctx.main, body);

  const stats = await Promise.all(connections.map((c) => api.get(`/connections/${c.id}/stats`).catch(() => null)));
  if (!ctx.alive()) return;
  const withQuota = connections.map((c, i) => [c, stats[i]?.quota]).filter(([, q]) => q);
  fill(quotas, withQuota.length
    ? table(null, quotaCols, withQuota.map(([c, q]) => row(quotaCols, [c.name, num(q.used), num(q.dailyQuota), num(q.remaining),
      h('span', {}, time(q.windowEnd), ' ', h('span', { class: 'muted small' }, relative(q.windowEnd)))])), { id: 'quotas' })
    : notice('info', 'No connection has a daily quota.'));
}
