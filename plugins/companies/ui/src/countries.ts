// Countries by ISO 3166-1 alpha-2 code (what the API stores), named in the
// user's language by the browser itself: no list of names to ship or keep.

// Codes the browser names that are no country: groupings, test and
// withdrawn codes.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'QO', 'UN', 'XA', 'XB', 'ZZ', 'AN', 'BU', 'CS', 'DD', 'FX', 'NT', 'SU', 'TP', 'YD', 'YU', 'ZR']);

let names: Intl.DisplayNames | undefined;
let list: [string, string][] | undefined;

/** The country's name, or the code itself when the browser has none. */
export function countryName(code: string): string {
  names ??= new Intl.DisplayNames(undefined, { type: 'region', fallback: 'code' });
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** [code, name] of every country, by name. */
export function countries(): readonly [string, string][] {
  if (list) return list;
  const known = new Intl.DisplayNames(undefined, { type: 'region', fallback: 'none' });
  const out: [string, string][] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = NOT_COUNTRIES.has(code) ? undefined : known.of(code);
      if (name) out.push([code, name]);
    }
  list = out.sort((x, y) => x[1].localeCompare(y[1]));
  return list;
}

/** The options of a country <select>: the list, and a stored code it lacks. */
export function countryOptions(current: string): readonly [string, string][] {
  const all = countries();
  return current && !all.some(([code]) => code === current) ? [[current, current], ...all] : all;
}
