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

/** Six significant digits, plain decimal text (same as the result view). */
export function fmt(x, digits = 6) {
  if (typeof x !== 'number') return String(x ?? '');
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}
