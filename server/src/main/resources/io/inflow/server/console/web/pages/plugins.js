// Plugins: every jar of the plugins folder with its state, version and the reason it failed; an admin key can
// rescan the folder and disable or enable a plugin. Changes arrive live (plugin.changed).

import * as api from '../api.js';
import { h, fill, notice, table, row } from '../dom.js';

const COLUMNS = ['Plugin', 'Version', 'State', 'Streams', 'Limits', 'Jar', 'Failure', 'Actions'];

export default async function plugins(ctx) {
  const messages = h('div', { 'aria-live': 'polite' });
  const body = h('div');
  let list = await api.get('/plugins');
  if (!ctx.alive()) return;

  async function act(button, action) {
    button.disabled = true;
    fill(messages);
    try {
      await action();
    } catch (e) {
      fill(messages, notice('error', api.errorText(e)));
    } finally {
      button.disabled = false;
    }
  }

  function actions(p) {
    if (!ctx.admin) return '';
    if (p.state === 'STARTED') {
      return h('button', { type: 'button', class: 'danger', dataset: { action: 'disable' }, onclick: (e) => act(e.currentTarget, async () => {
        await api.post(`/plugins/${encodeURIComponent(p.id)}/disable`);
        fill(messages, notice('ok', `${p.id} is disabled.`));
        await reload();
      }) }, 'Disable');
    }
    if (p.state === 'DISABLED' || p.state === 'STOPPED') {
      return h('button', { type: 'button', dataset: { action: 'enable' }, onclick: (e) => act(e.currentTarget, async () => {
        await api.post(`/plugins/${encodeURIComponent(p.id)}/enable`);
        fill(messages, notice('ok', `${p.id} is enabled.`));
        await reload();
      }) }, 'Enable');
    }
    return '';
  }

  function render() {
    fill(body, table(null, COLUMNS, list.map((p) => row(COLUMNS, [
      h('div', {}, h('strong', {}, p.title || p.id), p.title ? h('div', { class: 'muted small' }, p.id) : null),
      p.version || '–',
      h('span', { class: `badge state-${p.state}` }, p.state),
      p.streams.length ? p.streams.join(', ') : h('span', { class: 'muted' }, p.state === 'STARTED' ? 'per connection' : '–'),
      p.limits ? h('span', { class: 'small' }, `${p.limits.requestsPerSecond}/s`,
        p.limits.dailyQuota ? `, ${p.limits.dailyQuota} a day` : '', `, pages of ${p.limits.pageSize}`) : '–',
      p.jar || '–',
      p.failure ? h('span', { class: 'failure' }, p.failure) : '–',
      actions(p)], { dataset: { plugin: p.id } })), { id: 'plugins' }));
  }

  async function reload() {
    list = await api.get('/plugins');
    if (ctx.alive()) render();
  }

  const rescan = ctx.admin ? h('button', { type: 'button', class: 'primary', id: 'rescan', onclick: (e) => act(e.currentTarget, async () => {
    const result = await api.post('/plugins/rescan');
    const said = (what, ids) => (ids.length ? `${what}: ${ids.join(', ')}. ` : '');
    fill(messages, notice(result.failed.length ? 'warn' : 'ok', 'Rescanned the plugins folder. ',
      said('Loaded', result.loaded), said('Unloaded', result.unloaded), said('Failed', result.failed),
      result.loaded.length + result.unloaded.length + result.failed.length ? '' : 'Nothing changed.'));
    await reload();
  }) }, 'Rescan the folder') : null;

  fill(ctx.main, h('div', { class: 'toolbar' }, h('h1', {}, 'Plugins'), rescan), messages, body);
  render();
  ctx.stream('/events', (type, payload) => {
    if (type === 'plugin.changed' && payload?.plugin) {
      const i = list.findIndex((p) => p.id === payload.plugin.id);
      if (i >= 0) list[i] = payload.plugin;
      else list.push(payload.plugin);
      render();
    } else if (type === 'reset') {
      reload();
    }
  });
}
