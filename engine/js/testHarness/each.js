// test.each / describe.each / test.for: table rows to cases and their titles,
// with Vitest's placeholders: printf-style %s %d %i %f %j %o %O %c %%, %# (row
// index), %$ (row number), and $name / $0 / $a.b for object rows.
import { format, inspect } from '@vitest/utils/display';
import { isNegativeNaN, isObject, objectAttr } from '@vitest/utils/helpers';

/** True for the strings array of a tagged template literal (test.each`...`). */
export function isTemplateStrings(value) {
  return Array.isArray(value) && Array.isArray(value.raw);
}

/**
 * Rows of a template table: the first line names the columns ("a | b |
 * expected"), the interpolated values fill them row by row; each row becomes
 * an object { a, b, expected }.
 */
export function parseTemplateTable(strings, values) {
  const header = strings
    .join('')
    .trim()
    .replace(/ /g, '')
    .split('\n')
    .map((line) => line.split('|'))[0]
    .filter((name) => name !== '');
  const rows = [];
  if (header.length === 0) return rows;
  for (let i = 0; i < Math.floor(values.length / header.length); i++) {
    const row = {};
    for (let j = 0; j < header.length; j++) row[header[j]] = values[i * header.length + j];
    rows.push(row);
  }
  return rows;
}

/** Normalizes .each/.for arguments (array table or template literal) to rows. */
export function tableRows(table, templateValues) {
  if (isTemplateStrings(table)) return parseTemplateTable(table, templateValues);
  if (!Array.isArray(table)) {
    throw new TypeError(`.each() expects an array or a template literal as its table, got ${typeof table}`);
  }
  return table;
}

/**
 * The title of row `index` whose values are `items`: %# and %$ first, then
 * printf-style placeholders consume items in order, then $key paths read the
 * first item when it is an object ($0, $1 index the items otherwise). Values
 * substituted for $key are shown as Vitest shows them (strings quoted).
 */
export function formatTitle(template, items, index) {
  if (template.includes('%#') || template.includes('%$')) {
    template = template
      .replace(/%%/g, '__vitest_escaped_%__')
      .replace(/%#/g, `${index}`)
      .replace(/%\$/g, `${index + 1}`)
      .replace(/__vitest_escaped_%__/g, '%%');
  }
  const count = template.split('%').length - 1;
  if (template.includes('%f')) {
    let occurrence = 0;
    template = template.replace(/%f/g, (match) => {
      const value = items[occurrence++];
      return isNegativeNaN(value) || Object.is(value, -0) ? '-%f' : match;
    });
  }
  let formatted = format(template, ...items.slice(0, count));
  const objectItem = isObject(items[0]);
  formatted = formatted.replace(/\$([$\w.]+)/g, (whole, key) => {
    const isIndex = /^\d+$/.test(key);
    if (!objectItem && !isIndex) return whole;
    const element = isIndex ? objectAttr(items, key) : undefined;
    const value = objectItem ? objectAttr(items[0], key, element) : element;
    return inspect(value, { truncate: 40 });
  });
  return formatted;
}

/**
 * Expands a table into cases: [{ title, args }]. As in Vitest, when every row
 * is an array its elements are spread as arguments (`spread` false: test.for
 * passes each row whole).
 */
export function expandTable(rows, titleTemplate, spread = true) {
  const allArrays = rows.every(Array.isArray);
  return rows.map((row, index) => {
    const items = Array.isArray(row) ? row : [row];
    const args = spread && allArrays ? items : [row];
    return { title: formatTitle(titleTemplate, items, index), args };
  });
}
