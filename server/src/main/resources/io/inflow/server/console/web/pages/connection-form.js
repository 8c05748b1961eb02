// Create or edit a connection: a form generated from its plugin's configuration schema (GET /plugins). Secret fields
// are password inputs; when editing they show ******** and sending that back keeps the stored secret.

import * as api from '../api.js';
import { h, fill, notice } from '../dom.js';

const MASK = '********';
/** Settings the host reads from every connection's config, besides the plugin's own fields. */
const HOST_FIELDS = [
  { name: 'requestsPerSecond', type: 'number', description: "Calls per second to the upstream (the plugin's limit by default)." },
  { name: 'dailyQuota', type: 'integer', description: 'Calls per day (the plugin\'s quota by default).' },
  { name: 'allowOverage', type: 'boolean', description: 'Go on calling past the daily quota (billed by some upstreams).' },
  { name: 'costPerCallBeyondQuota', type: 'number', description: 'What a call past the quota costs, for the stats.' },
  { name: 'expectedFigures', type: 'object', description: 'Figures the stats check, e.g. {"Conversations": 20077}.' },
];

function inputFor(field, value, editing) {
  const id = `field-${field.name}`;
  const described = field.description ? `${id}-help` : null;
  const common = { id, name: field.name, 'aria-describedby': described, required: field.required && !(editing && field.secret) };
  let input;
  switch (field.type) {
    case 'boolean':
      input = h('input', { ...common, type: 'checkbox', checked: value === true || (value === undefined && field.defaultValue === true), required: false });
      break;
    case 'integer':
    case 'number':
      input = h('input', { ...common, type: 'number', step: field.type === 'integer' ? '1' : 'any',
        value: value ?? '', placeholder: field.defaultValue ?? '' });
      break;
    case 'string_list':
      input = h('textarea', { ...common, rows: 3 }, Array.isArray(value) ? value.join('\n') : '');
      break;
    case 'object':
      input = h('textarea', { ...common, rows: 3 }, value === undefined || value === null ? '' : JSON.stringify(value, null, 2));
      break;
    default:
      input = h('input', { ...common, type: field.secret ? 'password' : 'text', autocomplete: field.secret ? 'new-password' : 'off',
        value: value ?? '', placeholder: field.defaultValue ?? '', spellcheck: false });
  }
  input.dataset.type = field.type;
  const label = h('label', { for: id }, field.name, field.required ? ' (required)' : '', field.secret ? ' — secret' : '');
  const help = field.description || field.type === 'string_list'
    ? h('p', { class: 'help', id: described || `${id}-help` },
      [field.description ? field.description.replace(/([^.])$/, '$1.') : '', field.type === 'string_list' ? 'One per line.' : '']
        .filter(Boolean).join(' '))
    : null;
  if (help && !described) input.setAttribute('aria-describedby', `${id}-help`);
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
  return field.type === 'boolean'
    ? h('div', { class: 'field check', dataset: { field: field.name } }, input, label, help, error)
    : h('div', { class: 'field', dataset: { field: field.name } }, label, input, help, error);
}

/** A field's value from its input, or undefined when it is left empty. Throws for JSON that does not parse. */
function valueOf(input) {
  const type = input.dataset.type;
  if (type === 'boolean') return input.checked;
  const text = input.value.trim();
  if (text === '') return undefined;
  if (type === 'integer' || type === 'number') return Number(text);
  if (type === 'string_list') return text.split(/\n|,/).map((s) => s.trim()).filter(Boolean);
  if (type === 'object') return JSON.parse(text);
  return input.value;
}

export default async function connectionForm(ctx) {
  const editing = ctx.parts[1] !== 'new';
  const id = editing ? Number(ctx.parts[1]) : null;
  if (!ctx.admin) {
    fill(ctx.main, h('h1', {}, editing ? 'Edit connection' : 'New connection'),
      notice('error', 'Changing connections needs an admin key.'));
    return;
  }
  const [plugins, existing, schedule] = await Promise.all([
    api.get('/plugins'),
    editing ? api.get(`/connections/${id}`) : null,
    editing ? api.get(`/connections/${id}/schedule`) : null,
  ]);
  if (!ctx.alive()) return;
  const usable = plugins.filter((p) => p.state === 'STARTED' && p.config.length);
  let pluginId = existing?.plugin || ctx.params.get('plugin') || usable[0]?.id;
  const messages = h('div', { 'aria-live': 'polite' });
  const fields = h('div', { class: 'form' });

  function renderFields() {
    const plugin = plugins.find((p) => p.id === pluginId);
    if (!plugin) {
      fill(fields, notice('error', `The plugin ${pluginId} is not loaded: its fields are unknown.`));
      return;
    }
    const config = existing?.config || {};
    fill(fields,
      h('fieldset', {}, h('legend', {}, `${plugin.title || plugin.id} settings`),
        plugin.config.map((f) => inputFor(f, config[f.name] ?? (editing && f.secret ? MASK : undefined), editing))),
      h('details', {}, h('summary', {}, 'Limits and expected figures'),
        h('fieldset', {}, h('legend', {}, 'Host settings'),
          HOST_FIELDS.map((f) => inputFor({ ...f, required: false, secret: false, defaultValue: null }, config[f.name], editing)))));
  }

  const name = h('input', { id: 'name', name: 'name', type: 'text', required: true, value: existing?.name || '', autocomplete: 'off' });
  const pluginSelect = h('select', { id: 'plugin', name: 'plugin', disabled: editing, onchange: () => {
    pluginId = pluginSelect.value;
    renderFields();
  } }, (editing ? plugins.filter((p) => p.id === pluginId) : usable).map((p) =>
    h('option', { value: p.id, selected: p.id === pluginId }, `${p.title || p.id} (${p.id} ${p.version || ''})`)));
  const deletes = h('select', { id: 'deletes', name: 'deletes' },
    ['soft', 'hard'].map((d) => h('option', { value: d, selected: d === (existing?.deletes || 'soft') }, d)));
  const checkBox = h('input', { id: 'check', name: 'check', type: 'checkbox', checked: true });
  const cron = h('input', { id: 'cron', name: 'cron', type: 'text', value: schedule?.cron || '', placeholder: '0 3 * * *', autocomplete: 'off' });
  const timezone = h('input', { id: 'timezone', name: 'timezone', type: 'text', value: schedule?.timezone || 'UTC', autocomplete: 'off' });
  const scheduleEnabled = h('input', { id: 'schedule-enabled', type: 'checkbox', checked: schedule ? schedule.enabled : false });

  async function save(event) {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach((p) => fill(p));
    fill(messages);
    const config = {};
    try {
      for (const input of fields.querySelectorAll('[data-type]')) {
        const value = valueOf(input);
        if (value !== undefined) config[input.name] = value;
      }
    } catch (e) {
      fill(messages, notice('error', `A JSON field does not parse: ${e.message}`));
      return;
    }
    const body = { name: name.value.trim(), config, deletes: deletes.value };
    const check = checkBox.checked ? '' : '?check=false';
    submit.disabled = true;
    try {
      let saved;
      if (editing) {
        saved = await api.put(`/connections/${id}${check}`, body);
        if (cron.value.trim() !== (schedule?.cron || '') || scheduleEnabled.checked !== schedule?.enabled
          || timezone.value.trim() !== schedule?.timezone) {
          await api.put(`/connections/${id}/schedule`, {
            cron: cron.value.trim() || null, timezone: timezone.value.trim() || 'UTC',
            enabled: scheduleEnabled.checked && cron.value.trim() !== '',
            importOnStartup: schedule?.importOnStartup ?? false, cooldownSeconds: schedule?.cooldownSeconds ?? 0,
          });
        }
      } else {
        saved = await api.post(`/connections${check}`, { plugin: pluginId, ...body });
      }
      ctx.go(`#/connections?saved=${saved.id}`);
    } catch (e) {
      const errors = e instanceof api.ApiError ? e.details?.errors || [] : [];
      for (const err of errors) {
        const key = String(err.field || '').replace(/^config\./, '');
        const slot = form.querySelector(`#field-${CSS.escape(key)}-error`) || form.querySelector(`#${CSS.escape(key)}-error`);
        if (slot) fill(slot, err.message);
      }
      fill(messages, notice('error', api.errorText(e)));
    } finally {
      submit.disabled = false;
    }
  }

  const submit = h('button', { type: 'submit', class: 'primary' }, editing ? 'Save' : 'Create');
  const form = h('form', { class: 'form', onsubmit: save, novalidate: false },
    h('div', { class: 'field' }, h('label', { for: 'name' }, 'Name (required)'), name, h('p', { class: 'field-error', id: 'name-error' })),
    h('div', { class: 'field' }, h('label', { for: 'plugin' }, 'Plugin'), pluginSelect),
    fields,
    h('div', { class: 'field' }, h('label', { for: 'deletes' }, 'Records deleted upstream'), deletes,
      h('p', { class: 'help' }, 'soft keeps them marked deleted; hard removes their rows.')),
    editing ? h('fieldset', {}, h('legend', {}, 'Schedule'),
      h('div', { class: 'field' }, h('label', { for: 'cron' }, 'Cron (five fields, empty for none)'), cron,
        h('p', { class: 'field-error', id: 'cron-error' })),
      h('div', { class: 'field' }, h('label', { for: 'timezone' }, 'Time zone'), timezone,
        h('p', { class: 'field-error', id: 'timezone-error' })),
      h('div', { class: 'field check' }, scheduleEnabled, h('label', { for: 'schedule-enabled' }, 'Scheduled imports on'))) : null,
    h('div', { class: 'field check' }, checkBox, h('label', { for: 'check' }, 'Check against the upstream before saving'),
      h('p', { class: 'help' }, 'Unchecked, the configuration is saved even when the upstream cannot be reached now.')),
    messages,
    h('div', { class: 'actions' }, submit, h('a', { class: 'button', href: '#/connections' }, 'Cancel')));

  fill(ctx.main, h('h1', {}, editing ? `Edit ${existing.name}` : 'New connection'),
    usable.length || editing ? form : notice('error', 'No plugin is usable: see the Plugins page.'));
  renderFields();
}
