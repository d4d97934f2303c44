// The two DOM helpers the result view needs (the first result does not wait for the form
// module, form.js, which app.js loads after it). No innerHTML: text goes in as textContent.

/** An element with properties (`class`, `text`, `on…` listeners, attributes) and children. */
export const h = (tag, props = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false || k === 'value') continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = String(v);
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined && kid !== false) e.append(kid);
  if (props.value !== undefined && props.value !== null) {
    if (tag === 'input' || tag === 'option') e.setAttribute('value', String(props.value));
    e.value = String(props.value);
  }
  return e;
};

const formats = new Map();
/** A number for people, in the page's language (Intl.NumberFormat: grouped thousands): every
 * digit before the decimal point, then up to `digits` significant digits in all; no float
 * noise. The exact figures are in the downloads and the receipt. */
export function fmt(x, digits = 6) {
  if (typeof x !== 'number') return String(x ?? '');
  if (!Number.isFinite(x)) return String(x);
  const int = Math.abs(x) >= 1 ? Math.floor(Math.log10(Math.abs(x))) + 1 : 0;
  const key = `${document.documentElement.lang}${int}/${digits}`;
  if (!formats.has(key)) {
    formats.set(key, new Intl.NumberFormat(document.documentElement.lang || 'en',
      int ? { maximumFractionDigits: Math.max(0, digits - int) } : { maximumSignificantDigits: digits }));
  }
  return formats.get(key).format(x);
}
