// The page at /: the catalog, a form to run any flow on an image with the result beside it, and the inboxes.
// Plain DOM and fetch(); text from the server (file names, sentences) is only ever set as text, never as HTML.
'use strict';

const KEY = 'darkroom.apiKey';
const $ = (id) => document.getElementById(id);
let flows = [];
let inputUrl = null;
let resultUrl = null;

function notice(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

/** fetch() with the API key, when one is kept for this tab; a 401 asks for one. */
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers);
  const key = sessionStorage.getItem(KEY);
  if (key) {
    headers.Authorization = 'Bearer ' + key;
  }
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    notice(key ? 'The API key was refused: enter a valid one above and choose "Use key".'
      : 'This Darkroom needs an API key: enter it above and choose "Use key".');
  }
  return response;
}

/** The stable code and sentence of a problem answer, or what little a non-problem error says. */
async function problemText(response) {
  try {
    const problem = await response.json();
    return `${response.status} ${problem.code || ''}: ${problem.detail || problem.title || ''}`;
  } catch (e) {
    return `${response.status} ${response.statusText}`;
  }
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text === undefined || text === null ? '' : String(text);
  if (className) {
    td.className = className;
  }
  return td;
}

async function loadCatalog() {
  const response = await api('/v1/flows');
  if (!response.ok) {
    if (response.status !== 401) {
      notice('The catalog could not be read: ' + await problemText(response));
    }
    return;
  }
  flows = (await response.json()).flows;
  const body = $('catalog').tBodies[0];
  body.replaceChildren();
  const select = $('flow');
  const chosen = select.value;
  select.replaceChildren();
  for (const flow of flows) {
    const row = body.insertRow();
    cell(row, flow.name);
    cell(row, flow.output);
    cell(row, flow.summary);
    select.add(new Option(flow.name, flow.name));
  }
  if (flows.some((flow) => flow.name === chosen)) {
    select.value = chosen;
  }
  showParameters();
}

/** One field per parameter, from the flow's JSON Schema; an empty field is not sent, so the default applies. */
function showParameters() {
  const fieldset = $('params');
  fieldset.replaceChildren(fieldset.querySelector('legend') || document.createElement('legend'));
  const flow = flows.find((candidate) => candidate.name === $('flow').value);
  if (!flow) {
    return;
  }
  const schema = flow.parameters || {};
  const required = schema.required || [];
  for (const [name, property] of Object.entries(schema.properties || {})) {
    const label = document.createElement('label');
    label.append(name + (required.includes(name) ? ' (required)' : ''));
    const field = parameterField(property);
    field.name = name;
    field.required = required.includes(name);
    label.append(field);
    if (property.description) {
      const help = document.createElement('small');
      help.textContent = property.description;
      label.append(help);
    }
    fieldset.append(label);
  }
}

function parameterField(property) {
  const shown = property.default === undefined ? '' : String(property.default);
  if (property.enum || property.type === 'boolean') {
    const select = document.createElement('select');
    select.add(new Option(shown ? `default (${shown})` : 'default', ''));
    for (const value of property.enum || [true, false]) {
      select.add(new Option(String(value), String(value)));
    }
    return select;
  }
  const input = document.createElement('input');
  if (property.type === 'integer' || property.type === 'number') {
    input.type = 'number';
    input.step = property.type === 'integer' ? '1' : 'any';
    if (property.minimum !== undefined) {
      input.min = property.minimum;
    }
    if (property.maximum !== undefined) {
      input.max = property.maximum;
    }
  } else {
    input.type = 'text';
    if (property.maxLength !== undefined) {
      input.maxLength = property.maxLength;
    }
  }
  input.placeholder = shown;
  return input;
}

function replaceUrl(old, blob) {
  if (old) {
    URL.revokeObjectURL(old);
  }
  return blob ? URL.createObjectURL(blob) : null;
}

/** Sends the file as the raw body with the parameters in the query, and shows what came back beside the input. */
async function runFlow(event) {
  event.preventDefault();
  const file = $('file').files[0];
  const flow = $('flow').value;
  if (!file || !flow) {
    return;
  }
  const query = new URLSearchParams();
  for (const field of $('params').querySelectorAll('input, select')) {
    if (field.value !== '') {
      query.set(field.name, field.value);
    }
  }
  inputUrl = replaceUrl(inputUrl, file);
  $('input-image').src = inputUrl;
  for (const id of ['result-image', 'result-json', 'problem', 'record-details']) {
    $(id).hidden = true;
  }
  $('run').disabled = true;
  try {
    const response = await api(`/v1/flows/${encodeURIComponent(flow)}?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
    });
    if (!response.ok) {
      $('problem').textContent = await problemText(response);
      $('problem').hidden = false;
      return;
    }
    const type = response.headers.get('Content-Type') || '';
    if (type.startsWith('image/')) {
      resultUrl = replaceUrl(resultUrl, await response.blob());
      $('result-image').src = resultUrl;
      $('result-image').hidden = false;
      const record = response.headers.get('X-Darkroom-Result');
      if (record) {
        $('record').textContent = JSON.stringify(JSON.parse(record), null, 2);
        $('record-details').hidden = false;
      }
    } else {
      $('result-json').textContent = JSON.stringify(await response.json(), null, 2);
      $('result-json').hidden = false;
    }
  } catch (e) {
    $('problem').textContent = 'The request did not complete: ' + e.message;
    $('problem').hidden = false;
  } finally {
    $('run').disabled = false;
  }
}

function count(inbox, name) {
  return inbox[name] + (inbox.capped.includes(name) ? '+' : '');
}

async function loadInboxes() {
  const response = await api('/v1/inboxes');
  if (!response.ok) {
    if (response.status !== 401) {
      $('inboxes-note').textContent = 'The inboxes could not be read: ' + await problemText(response);
    }
    return;
  }
  const document_ = await response.json();
  const rows = $('inboxes').tBodies[0];
  const failures = $('failures').tBodies[0];
  rows.replaceChildren();
  failures.replaceChildren();
  for (const inbox of document_.inboxes) {
    const row = rows.insertRow();
    cell(row, inbox.inbox);
    cell(row, inbox.flow);
    cell(row, count(inbox, 'waiting'), 'count');
    cell(row, count(inbox, 'done'), 'count');
    cell(row, count(inbox, 'failed'), 'count');
    for (const failure of inbox.failures) {
      const line = failures.insertRow();
      cell(line, inbox.inbox);
      cell(line, failure.name);
      cell(line, failure.code);
      cell(line, failure.message);
      cell(line, new Date(failure.when).toLocaleString());
    }
  }
  $('inboxes-note').textContent = document_.inboxes.length === 0
    ? 'This Darkroom watches no drop folders.'
    : `Counts stop at ${document_.count_limit} (shown as ${document_.count_limit}+); the latest`
      + ` ${document_.failure_limit} failures of each inbox are listed.`;
}

function loadAll() {
  notice('');
  loadCatalog();
  loadInboxes();
}

document.addEventListener('DOMContentLoaded', () => {
  $('key').value = sessionStorage.getItem(KEY) || '';
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY, $('key').value.trim());
    loadAll();
  });
  $('flow').addEventListener('change', showParameters);
  $('try-form').addEventListener('submit', runFlow);
  $('refresh').addEventListener('click', loadInboxes);
  loadAll();
});
