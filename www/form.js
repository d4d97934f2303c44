// Guided forms generated from a template's JSON Schema (templates(name) / schema()) and its
// bilingual labels (labels(name)). Every input carries the JSON path of its value
// (data-path, same spelling as the engine's error paths), so an error is shown beside the
// field it names. Arrays of activity lines get a table editor (add, remove, reorder, kind of
// line, factor search); other arrays of objects get cards. No innerHTML anywhere.
import { t, getLang } from './i18n.js';
import './i18n-tools.js'; // the form's own strings, added to the English table
import { h, fmt } from './dom.js';

// Re-exported: the page's modules have always imported them from here too.
export { h, fmt };

/** `$.a.b[0].c` from ['a', 'b', 0, 'c']. */
export function jsonPath(parts) {
  return '$' + parts.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

const KINDS = ['factor', 'factor_select', 'inline_factor', 'input'];

const GROUP_SPACES = /[ \u00a0\u2009\u202f']/;
/**
 * A number as people type it: full-width digits and signs (a Chinese input method: `２４００`),
 * grouping by commas, spaces or apostrophes (`2,400`, `2 400`, `1'234`), grouping by dots with a
 * decimal comma (`2.400,5`), a decimal comma where it cannot be grouping (`2,5`, `0,400`).
 * Returns `{value, readAs}`: `readAs` is the plain decimal when the text was not written as one
 * (the page shows how it read it), `null` when it was; `value` is `undefined` when the text is
 * no number. `2,400` reads as 2400 (grouping), as in Chinese and English usage; say `2.4` or
 * `2,40` for two point four.
 */
export function readNumber(text) {
  const raw = String(text ?? '').normalize('NFKC').trim().replace(/^\u2212/, '-');
  if (raw === '') return { value: undefined, readAs: null };
  const plain = Number(raw);
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) && Number.isFinite(plain)) {
    // Typed in full-width digits: say how it was read.
    return { value: plain, readAs: raw === String(text).trim() ? null : String(plain) };
  }
  let t = raw;
  const m = /^([+-]?)(.*)$/.exec(t);
  const sign = m[1];
  t = m[2];
  const groups3 = (s, sep) => s.split(sep).every((g, i) => (i === 0 ? /^[1-9]\d{0,2}$/.test(g) : /^\d{3}$/.test(g)));
  let digits = null;
  if (GROUP_SPACES.test(t)) {
    // Spaces or apostrophes group; the decimal mark is then a dot or a comma.
    const [int, frac, extra] = t.split(/[.,]/);
    const sep = new RegExp(GROUP_SPACES.source, 'g');
    if (extra === undefined && groups3(int.replace(sep, ' '), ' ') && (frac === undefined || /^\d+$/.test(frac))) {
      digits = int.replace(sep, '') + (frac !== undefined ? `.${frac}` : '');
    }
  } else if (t.includes(',') && t.includes('.')) {
    // Both: the last one is the decimal mark, the other groups.
    const dec = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    const grp = dec === ',' ? '.' : ',';
    const i = t.lastIndexOf(dec);
    const int = t.slice(0, i);
    const frac = t.slice(i + 1);
    if (groups3(int, grp) && /^\d+$/.test(frac)) digits = `${int.split(grp).join('')}.${frac}`;
  } else if (t.includes(',')) {
    const parts = t.split(',');
    if (groups3(t, ',')) digits = parts.join(''); // 2,400 and 1,234,567: grouping
    else if (parts.length === 2 && /^\d+$/.test(parts[0]) && /^\d+$/.test(parts[1])) digits = `${parts[0]}.${parts[1]}`; // 2,5 and 0,400
  } else if ((t.match(/\./g) ?? []).length > 1 && groups3(t, '.')) {
    digits = t.split('.').join(''); // 2.400.000
  }
  const value = digits === null ? NaN : Number(`${sign}${digits}`);
  return Number.isFinite(value) ? { value, readAs: String(value) } : { value: undefined, readAs: null };
}
const MAX_ROWS = 200;

const oneLine = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
// The field help in Chinese (i18n-help-zh.js: schema description → translation), loaded the
// first time a form is shown in Chinese, as i18n.js loads i18n-zh.js; keyed by the description
// on one line, as help() gives it. A failed load is tried again at the next render.
let helpZh = null;
let helpZhLoading = null;
function loadHelpZh() {
  helpZhLoading ??= import('./i18n-help-zh.js').then(({ HELP_ZH }) => {
    helpZh = new Map(Object.entries(HELP_ZH).map(([en, zh]) => [oneLine(en), oneLine(zh)]));
  }, () => { helpZhLoading = null; });
  return helpZhLoading;
}

export class SchemaForm {
  /**
   * @param root element to render into
   * @param opts {schema, labels: Map field→{en,zh}, onChange(doc, structural), onPickFactor(cb),
   *              factorInfo(id) → row|undefined, lineResult(path) → result line|undefined,
   *              idPrefix: the inputs' id prefix (default `f`; another form on the page takes its own)}
   */
  constructor(root, opts) {
    this.root = root;
    this.o = opts;
    this.fields = new Map(); // json path → element to mark
    this.open = new Set(); // json paths of expanded line details
    this.showAll = new Set(); // json paths of line tables shown in full
    this.unitFromFactor = new Set(); // json paths of lines whose unit a picked factor gave
  }

  // --- schema helpers -------------------------------------------------------------------
  deref(node) {
    let n = node ?? {};
    for (let i = 0; i < 20 && n.$ref; i++) {
      const name = n.$ref.split('/').pop();
      n = { ...this.o.schema.$defs?.[name], ...n, $ref: undefined, def: name };
    }
    return n;
  }
  /** {type, nullable, node}: a node with anyOf [X, null] or type [X, "null"] unwrapped. */
  shape(node) {
    let n = this.deref(node);
    let nullable = false;
    if (Array.isArray(n.anyOf)) {
      const other = n.anyOf.find((x) => x.type !== 'null');
      nullable = n.anyOf.some((x) => x.type === 'null');
      n = { ...this.deref(other), description: n.description ?? this.deref(other).description };
    }
    let type = n.type;
    if (Array.isArray(type)) {
      nullable = nullable || type.includes('null');
      type = type.find((x) => x !== 'null');
    }
    if (!type && n.properties) type = 'object';
    return { type, nullable, node: n };
  }
  isLineArray(node) {
    const s = this.shape(node);
    return s.type === 'array' && this.deref(s.node.items).def === 'Activity';
  }
  /** A value with the required fields of a node, for "add". */
  skeleton(node, key) {
    const { type, node: n } = this.shape(node);
    if (n.default !== undefined && type !== 'object') return structuredClone(n.default);
    switch (type) {
      case 'object': {
        const o = {};
        for (const k of n.required ?? []) o[k] = this.skeleton(n.properties?.[k], k);
        return o;
      }
      case 'array': return [];
      case 'number': case 'integer': return key === 'amount' ? 1 : 0;
      case 'boolean': return false;
      default: return key === 'gwp_set' ? 'AR6' : '';
    }
  }

  // --- labels ---------------------------------------------------------------------------
  label(parts) {
    const keys = parts.filter((p) => typeof p === 'string');
    const lang = getLang();
    const L = this.o.labels;
    for (let i = 0; i < keys.length; i++) {
      const hit = L.get(keys.slice(i).join('.'));
      if (hit) return hit[lang] || hit.en;
    }
    const last = keys[keys.length - 1] ?? '';
    const w = L.get(`*.${last}`);
    if (w) return w[lang] || w.en;
    const own = t(`f_${last}`);
    return own !== `f_${last}` ? own : last.replace(/_/g, ' ');
  }
  help(node) {
    return oneLine(node?.description);
  }
  /** A help text in the page's language: in Chinese, its translation once loaded, else itself. */
  helpIn(help) {
    return (getLang() === 'zh' && helpZh?.get(help)) || help;
  }
  /** The schema's description as a field's help. In Chinese (the schemas are English only) its
   * translation (i18n-help-zh.js), with the English as the paragraph's title; until that module
   * has loaded the paragraph is hidden, then filled in place (helpZhShown). */
  addHelp(box, n) {
    const help = this.help(n);
    if (!help) return;
    const zh = getLang() === 'zh';
    box.append(h('p', { class: 'help', text: this.helpIn(help), title: zh ? help : undefined, hidden: zh && !helpZh }));
  }
  /** The help of this form (paragraphs, `+` chips' titles) in Chinese, once i18n-help-zh.js has loaded. */
  helpZhShown() {
    if (getLang() !== 'zh' || !helpZh) return;
    for (const p of this.root.querySelectorAll('p.help[title]')) {
      p.textContent = this.helpIn(p.title);
      p.hidden = false;
    }
    for (const b of this.root.querySelectorAll('button.chip[title]')) b.title = this.helpIn(b.title);
  }
  /** Values named in backticks in a description ("`LFP`, `NMC811` or `other`"), as hints. */
  choices(node) {
    const d = node?.description ?? '';
    const m = [...d.matchAll(/`([^`\s]{1,40})`/g)].map((x) => x[1]);
    return m.length >= 2 && /,|\bor\b/.test(d) ? [...new Set(m)] : [];
  }

  // --- rendering ------------------------------------------------------------------------
  render(doc) {
    this.doc = doc;
    this.fields.clear();
    const y = window.scrollY;
    this.root.replaceChildren(this.objectBody(this.o.schema, [], doc, true));
    window.scrollTo(0, y);
    if (getLang() === 'zh' && !helpZh) loadHelpZh().then(() => this.helpZhShown());
  }

  changed(structural) {
    this.o.onChange(this.doc, structural);
    if (structural) this.render(this.doc);
  }

  get(parts) {
    let v = this.doc;
    for (const p of parts) v = v?.[p];
    return v;
  }
  set(parts, value) {
    let v = this.doc;
    for (const p of parts.slice(0, -1)) v = v[p];
    const k = parts[parts.length - 1];
    if (value === undefined) delete v[k];
    else v[k] = value;
  }

  objectBody(node, parts, value, top = false) {
    const n = this.shape(node).node;
    const props = Object.entries(n.properties ?? {});
    const req = new Set(n.required ?? []);
    const rank = ([k, p]) => {
      const s = this.shape(p);
      const present = value?.[k] !== undefined && value?.[k] !== null;
      if (k === 'schema') return 0;
      if (this.isLineArray(p)) return 4;
      if (!present && !req.has(k)) return 9;
      if (s.type === 'object') return req.has(k) ? 2 : 5;
      if (s.type === 'array') return 6;
      return req.has(k) ? 1 : 3;
    };
    const first = ['id', 'name', 'name_zh', 'start', 'end', 'amount', 'unit'];
    // The template's label order is its natural order (stages in life-cycle order).
    const dotted = parts.filter((x) => typeof x === 'string').join('.');
    const order = this.o.order ?? new Map();
    const pos = ([k], i) => {
      const o = order.get(dotted ? `${dotted}.${k}` : k);
      if (o !== undefined) return o;
      return first.includes(k) ? first.indexOf(k) - first.length : 1000 + i;
    };
    const sorted = props.map((e, i) => [e, pos(e, i)]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map((x) => x[0]);
    const box = h('div', { class: top ? 'form-top' : 'form-obj' });
    const adders = h('div', { class: 'adders' });
    for (const [k, p] of sorted) {
      const path = [...parts, k];
      const present = value?.[k] !== undefined && value?.[k] !== null;
      if (!present && !req.has(k) && !this.isLineArray(p)) {
        adders.append(h('button', {
          type: 'button', class: 'chip', text: `+ ${this.label(path)}`, title: this.helpIn(this.help(this.shape(p).node)),
          onclick: () => { this.set(path, this.skeleton(p, k)); this.changed(true); },
        }));
        continue;
      }
      box.append(this.field(p, path, value?.[k], !req.has(k)));
    }
    if (adders.childElementCount) box.append(adders);
    return box;
  }

  removeBtn(path) {
    return h('button', {
      type: 'button', class: 'icon', title: t('unset'), 'aria-label': `${t('unset')} ${this.label(path)}`, text: '×',
      onclick: () => { this.set(path, undefined); this.changed(true); },
    });
  }

  field(node, path, value, optional) {
    const { type, node: n } = this.shape(node);
    const p = jsonPath(path);
    const labelText = this.label(path);
    if (type === 'object') {
      const fs = h('fieldset', { class: 'group', 'data-path': p },
        h('legend', {}, labelText, optional ? this.removeBtn(path) : null));
      this.addHelp(fs, n);
      fs.append(this.objectBody(node, path, value));
      this.fields.set(p, fs);
      return fs;
    }
    if (type === 'array') return this.array(node, path, value ?? [], optional);
    const id = `${this.o.idPrefix ?? 'f'}${this.fields.size}-${p.replace(/[^A-Za-z0-9]/g, '_')}`;
    const input = this.input(n, type, path, value, id, labelText);
    const wrap = h('div', { class: 'field', 'data-path': p },
      h('label', { for: id }, labelText, optional && path[path.length - 1] !== 'schema' ? this.removeBtn(path) : null),
      input);
    this.addHelp(wrap, n);
    this.fields.set(p, input.tagName === 'SPAN' ? input.firstChild : input); // the input, not its wrapper
    return wrap;
  }

  input(n, type, path, value, id, labelText) {
    const p = jsonPath(path);
    if (type === 'boolean') {
      return h('input', {
        type: 'checkbox', id, checked: value === true, 'data-path': p,
        onchange: (e) => { this.set(path, e.target.checked); this.changed(false); },
      });
    }
    const numeric = type === 'number' || type === 'integer';
    const readOnly = path.length === 1 && path[0] === 'schema';
    const attrs = {
      id, 'data-path': p, value: value === undefined || value === null ? '' : String(value),
      autocomplete: 'off', spellcheck: 'false', 'aria-label': labelText, readOnly,
    };
    if (numeric) attrs.inputmode = 'decimal';
    const choices = this.choices(n);
    const kids = [];
    if (choices.length && !numeric) {
      attrs.list = `${id}-dl`;
      kids.push(h('datalist', { id: `${id}-dl` }, choices.map((c) => h('option', { value: c }))));
    }
    // How a number typed as people type it was read (`2,400` → 2400), beside the field.
    const readAs = numeric ? h('output', { class: 'read-as', for: id, hidden: true }) : null;
    const input = h('input', {
      ...attrs, type: 'text',
      oninput: (e) => {
        const s = e.target.value;
        let v = s;
        if (numeric) {
          // A number when it reads as one; otherwise the text goes in as typed and the
          // engine's type error shows beside this field.
          const r = readNumber(s);
          if (r.value !== undefined) v = r.value;
          readAs.hidden = r.readAs === null;
          readAs.textContent = r.readAs === null ? '' : `= ${r.readAs}`;
        }
        if (s === '' && path[path.length - 1] !== 'amount' && !this.requiredAt(path)) v = undefined;
        this.set(path, v);
        this.changed(false);
      },
    });
    if (readAs) kids.push(readAs);
    return kids.length ? h('span', { class: 'with-list' }, input, ...kids) : input;
  }

  requiredAt(path) {
    // Required when the parent object's schema lists the key.
    let node = this.o.schema;
    for (const k of path.slice(0, -1)) {
      const s = this.shape(node);
      node = typeof k === 'number' ? s.node.items : s.node.properties?.[k];
    }
    return (this.shape(node).node.required ?? []).includes(path[path.length - 1]);
  }

  array(node, path, value, optional) {
    const { node: n } = this.shape(node);
    const p = jsonPath(path);
    const items = this.shape(n.items);
    const head = h('legend', {}, this.label(path), optional && value.length === 0 && this.get(path) !== undefined ? this.removeBtn(path) : null);
    const fs = h('fieldset', { class: 'group array', 'data-path': p }, head);
    this.addHelp(fs, n);
    this.fields.set(p, fs);
    if (items.type !== 'object') {
      const id = `${this.o.idPrefix ?? 'f'}${this.fields.size}-list`;
      const ta = h('textarea', {
        id, rows: Math.max(2, value.length + 1), 'data-path': p, 'aria-label': this.label(path),
        value: value.join('\n'),
        oninput: (e) => { this.set(path, e.target.value.split('\n').filter((s) => s.trim() !== '')); this.changed(false); },
      });
      this.fields.set(p, ta);
      fs.append(ta);
      return fs;
    }
    if (this.isLineArray(node)) fs.append(this.lineTable(items.node, path, value));
    else {
      value.forEach((item, i) => fs.append(this.card(n.items, [...path, i], item, value.length)));
      fs.append(h('button', {
        type: 'button', class: 'add', text: t('addItem', this.label(path)),
        onclick: () => { this.ensureArray(path).push(this.skeleton(n.items)); this.changed(true); },
      }));
    }
    return fs;
  }

  /**
   * Makes the field of a JSON path exist (a pre-check's fix link to a field the document does
   * not have yet): each missing object on the way and the field itself are added with their
   * skeletons, the form is drawn again, and the field's element returned (`null` when the path
   * is no field of the schema, or runs through a missing list item).
   */
  ensureField(jp) {
    if (this.fields.has(jp)) return this.fields.get(jp);
    const parts = [];
    for (const m of String(jp).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) parts.push(m[1] ?? Number(m[2]));
    if (!parts.length) return null;
    let node = this.o.schema;
    let value = this.doc;
    for (let i = 0; i < parts.length; i++) {
      const k = parts[i];
      const sh = this.shape(node);
      const next = typeof k === 'number' ? sh.node.items : sh.node.properties?.[k];
      if (!next || (typeof k === 'number' && !(Array.isArray(value) && k < value.length))) return null;
      if (value[k] === undefined || value[k] === null) value[k] = this.skeleton(next, k);
      node = next;
      value = value[k];
    }
    this.changed(true);
    return this.fields.get(jp) ?? null;
  }

  ensureArray(path) {
    if (!Array.isArray(this.get(path))) this.set(path, []);
    return this.get(path);
  }

  moveButtons(path, count) {
    const i = path[path.length - 1];
    const arrPath = path.slice(0, -1);
    const move = (d) => () => {
      const a = this.get(arrPath);
      const j = i + d;
      if (j < 0 || j >= a.length) return;
      [a[i], a[j]] = [a[j], a[i]];
      this.changed(true);
    };
    return [
      h('button', { type: 'button', class: 'icon', title: t('up'), 'aria-label': t('up'), text: '↑', disabled: i === 0, onclick: move(-1) }),
      h('button', { type: 'button', class: 'icon', title: t('down'), 'aria-label': t('down'), text: '↓', disabled: i === count - 1, onclick: move(1) }),
      h('button', {
        type: 'button', class: 'icon danger', title: t('remove'), 'aria-label': t('remove'), text: '✕',
        onclick: () => { this.get(arrPath).splice(i, 1); this.changed(true); },
      }),
    ];
  }

  card(itemNode, path, item, count) {
    const p = jsonPath(path);
    const name = item?.name ?? item?.id ?? item?.gas ?? item?.step ?? '';
    const d = h('details', { class: 'card', open: true, 'data-path': p },
      h('summary', {}, h('span', { text: `${path[path.length - 1] + 1}. ${name}` }), h('span', { class: 'tools' }, this.moveButtons(path, count))),
      this.objectBody(itemNode, path, item));
    this.fields.set(p, d);
    return d;
  }

  // --- the activity-line table ----------------------------------------------------------
  lineTable(itemNode, path, lines) {
    const hasStage = 'stage' in (itemNode.properties ?? {}) && (this.doc.schema === 'pcf/1' || path.includes('components'));
    const table = h('table', { class: 'lines-editor' });
    const head = [t('lineCol'), this.label([...path, 0, 'name']), this.label([...path, 0, 'amount']),
      this.label([...path, 0, 'unit']), t('kind'), '']
      .concat(hasStage ? [this.label([...path, 0, 'stage'])] : [], [t('kgco2e'), '']);
    table.append(h('thead', {}, h('tr', {}, head.map((x) => h('th', { text: x })))));
    const body = h('tbody');
    // A large model: the first MAX_ROWS lines until asked for all (the JSON tab has everything).
    const key = jsonPath(path);
    const shown = this.showAll.has(key) ? lines.length : Math.min(lines.length, MAX_ROWS);
    for (let i = 0; i < shown; i++) this.lineRows(body, itemNode, [...path, i], lines[i] ?? {}, lines.length, hasStage);
    table.append(body);
    if (shown < lines.length) {
      table.append(h('tfoot', {}, h('tr', {}, h('td', { colspan: 9 }, h('button', {
        type: 'button', class: 'link', text: t('showAll', lines.length),
        onclick: () => { this.showAll.add(key); this.render(this.doc); },
      })))));
    }
    // A new line starts valid: its factor is picked first, and the line takes the factor's name,
    // 1 of the factor's unit (shown beside the unit, editable), and the stage of the line above.
    const add = h('button', {
      type: 'button', class: 'add', text: t('addLine'),
      onclick: () => this.o.onPickFactor((row) => {
        const a = this.ensureArray(path);
        const prev = a[a.length - 1];
        const line = { name: (getLang() === 'zh' ? row.name_zh || row.name_en : row.name_en) ?? '', amount: 1, unit: row.per_unit, factor: row.id };
        if (hasStage && prev?.stage) line.stage = prev.stage;
        a.push(line);
        this.unitFromFactor.add(jsonPath([...path, a.length - 1]));
        this.changed(true);
        this.fields.get(jsonPath([...path, a.length - 1, 'amount']))?.focus();
      }, ''),
    });
    return h('div', { class: 'scroll' }, table, add);
  }

  kindOf(line) {
    return KINDS.find((k) => line[k] !== undefined && line[k] !== null) ?? 'factor';
  }

  lineRows(body, itemNode, path, line, count, hasStage) {
    const p = jsonPath(path);
    const cellInput = (key, cls) => {
      const sub = [...path, key];
      const s = this.shape(itemNode.properties[key]);
      const el = this.input(s.node, s.type, sub, line[key], `l${p.replace(/[^A-Za-z0-9]/g, '_')}_${key}`, this.label(sub));
      this.fields.set(jsonPath(sub), el.tagName === 'INPUT' ? el : el.firstChild);
      // The unit a picked factor gave the line, said until the user edits it.
      const note = key === 'unit' && this.unitFromFactor.has(p)
        ? h('output', { class: 'read-as unit-from-factor', text: t('unitFromFactor', line.unit) }) : null;
      if (note) (el.tagName === 'INPUT' ? el : el.firstChild).addEventListener('input', () => { this.unitFromFactor.delete(p); note.remove(); });
      return h('td', { class: cls, 'data-path': jsonPath(sub) }, el, note);
    };
    const kind = this.kindOf(line);
    const kindSel = h('select', {
      'aria-label': t('kind'),
      onchange: (e) => {
        for (const k of KINDS) delete line[k];
        const k = e.target.value;
        line[k] = k === 'factor' || k === 'input' ? '' : this.skeleton(itemNode.properties[k]);
        this.changed(true);
      },
    }, KINDS.map((k) => h('option', { value: k, text: t(`kind_${k}`), selected: k === kind })));
    const what = h('td', { class: 'what', 'data-path': jsonPath([...path, kind]) });
    if (kind === 'factor' || kind === 'input') {
      const sub = [...path, kind];
      const id = `l${p.replace(/[^A-Za-z0-9]/g, '_')}_${kind}`;
      const inp = h('input', {
        type: 'text', id, value: line[kind] ?? '', 'data-path': jsonPath(sub), 'aria-label': this.label(sub),
        autocomplete: 'off', spellcheck: 'false',
        list: kind === 'input' ? 'component-ids' : undefined,
        oninput: (e) => { line[kind] = e.target.value; this.changed(false); prov.textContent = this.provenance(line, p); },
      });
      this.fields.set(jsonPath(sub), inp);
      what.append(inp);
      if (kind === 'factor') {
        what.append(h('button', {
          type: 'button', class: 'icon', title: t('searchFactor'), 'aria-label': t('searchFactor'), text: '🔍',
          onclick: () => this.o.onPickFactor((row) => {
            line.factor = row.id;
            // A line without a unit takes the factor's, and says so beside it; a line with one
            // keeps it: the engine converts it (or names a mismatch at the unit).
            if (!line.unit) {
              line.unit = row.per_unit;
              this.unitFromFactor.add(p);
            }
            this.changed(true);
          }, line.name || ''),
        }));
      }
    } else {
      what.append(h('span', { class: 'muted', text: this.summary(line[kind]) }));
    }
    const prov = h('div', { class: 'prov', text: this.provenance(line, p) });
    what.append(prov);
    const res = this.o.lineResult(p);
    const more = h('button', {
      type: 'button', class: 'icon', title: t('more'), 'aria-label': t('more'), 'aria-expanded': String(this.open.has(p)), text: '⋯',
      onclick: () => { if (this.open.has(p)) this.open.delete(p); else this.open.add(p); this.render(this.doc); },
    });
    const tr = h('tr', { 'data-path': p },
      h('td', { class: 'num', text: String(path[path.length - 1] + 1) }),
      cellInput('name', 'name'), cellInput('amount', 'num'), cellInput('unit', 'unit'),
      h('td', {}, kindSel), what,
      hasStage ? cellInput('stage', 'stage') : null,
      h('td', { class: 'num kg', text: res && typeof res.kg_co2e === 'number' ? fmt(res.kg_co2e) : '' }),
      h('td', { class: 'tools' }, more, this.moveButtons(path, count)));
    this.fields.set(p, tr);
    body.append(tr);
    if (this.open.has(p)) {
      body.append(h('tr', { class: 'detail' }, h('td', { colspan: hasStage ? 9 : 8 }, this.objectBody(itemNode, path, line))));
    }
  }

  /** After a new result: each line's kg CO2e and the provenance of what the engine chose. */
  refreshResults() {
    for (const [p, el] of this.fields) {
      if (el.tagName !== 'TR') continue;
      const l = this.o.lineResult(p);
      const kg = el.querySelector('td.kg');
      if (kg) kg.textContent = l && typeof l.kg_co2e === 'number' ? fmt(l.kg_co2e) : '';
      const prov = el.querySelector('.prov');
      const parts = [];
      for (const m of p.matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) parts.push(m[1] ?? Number(m[2]));
      const line = this.get(parts);
      if (prov && line) prov.textContent = this.provenance(line, p);
    }
  }

  summary(v) {
    if (!v || typeof v !== 'object') return '';
    return Object.entries(v).filter(([, x]) => typeof x !== 'object').map(([k, x]) => `${k}: ${x}`).join(' · ');
  }

  provenance(line, p) {
    // A built-in factor by id, else what the engine chose for this line (factor_select, user tables).
    const f = (line.factor ? this.o.factorInfo(line.factor) : null) ?? (p ? this.o.lineResult(p)?.factor : null);
    if (f) {
      const name = getLang() === 'zh' ? f.name_zh || f.name_en : f.name_en;
      return `${name} — ${f.value} ${f.value_unit}/${f.per_unit} ${f.basis}, ${f.geography} ${f.year ?? ''} — ${f.source}`;
    }
    if (line.inline_factor?.source) return String(line.inline_factor.source);
    return '';
  }

  // --- errors ---------------------------------------------------------------------------
  clearMarks() {
    for (const e of this.root.querySelectorAll('.field-error, .field-warning')) e.remove();
    for (const e of this.root.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
  }

  /** Puts the message beside the field of `path` (or its nearest ancestor shown). */
  mark(path, text, warning = false) {
    let p = path;
    let el;
    while (p && !(el = this.fields.get(p))) {
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      if (cut <= 0) { p = ''; break; }
      p = p.slice(0, cut);
    }
    if (!el) el = this.root.firstElementChild;
    if (!el) return null;
    // Open the line's detail row when the error is inside a line's hidden fields.
    const msg = h('div', { class: warning ? 'field-warning' : 'field-error', role: warning ? null : 'alert', 'data-for': path, text });
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') {
      if (!warning) el.setAttribute('aria-invalid', 'true');
      const host = el.closest('td, .field') ?? el.parentElement;
      host.append(msg);
    } else if (el.tagName === 'TR') {
      el.lastElementChild.append(msg);
    } else {
      el.insertBefore(msg, el.children[1] ?? null);
    }
    return el;
  }
}
