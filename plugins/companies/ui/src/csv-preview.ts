// The first lines of a CSV file, read from its first bytes only (never the
// whole file), for the import's preview: the header's columns matched by
// name to those the import takes, and what would make the API refuse the
// whole file (an unknown column, one named twice, no name or domain).

/** The columns the import takes and the export writes (CompanyFields.hpp), in the export's order. */
export const IMPORT_COLUMNS = [
  'name',
  'domain',
  'status',
  'logo_url',
  'description',
  'industry',
  'website',
  'support_email',
  'support_phone',
  'support_hours',
  'street',
  'city',
  'region',
  'postal_code',
  'country',
  'size',
  'call_tree',
  'call_tree_verified',
] as const;

const REQUIRED = ['name', 'domain'];
/** Enough for a header and a few rows of any sensible catalog. */
const HEAD_BYTES = 64 * 1024;

export interface Preview {
  header: string[];
  /** The first rows after the header (a row cut off by HEAD_BYTES is left out). */
  rows: string[][];
  /** Why the API would refuse the file as a whole, before a row is read. */
  problems: string[];
}

/**
 * Records of `text` (RFC 4180: quoted fields, "" inside quotes, CRLF or LF),
 * at most `max`; `complete` false drops a last record the text may cut off.
 */
function records(text: string, max: number, complete: boolean): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  for (; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (complete && out.length < max && (cell || row.length)) out.push([...row, cell]);
  return out;
}

/** The export guards cells against spreadsheet formulas with an apostrophe, which the import takes off. */
function unguarded(name: string): string {
  return name.startsWith("'") ? name.slice(1) : name;
}

export function columnProblems(header: readonly string[]): string[] {
  const problems: string[] = [];
  const known = new Set<string>(IMPORT_COLUMNS);
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (!known.has(name)) problems.push(`Column ${i + 1}, “${name}”, is not one the import takes.`);
    else if (seen.has(name)) problems.push(`Column ${i + 1}, “${name}”, appears twice.`);
    seen.add(name);
  });
  for (const name of REQUIRED) if (!seen.has(name)) problems.push(`There is no “${name}” column; every row needs one.`);
  return problems;
}

export async function previewOf(file: File, rows = 5): Promise<Preview> {
  const head = file.slice(0, HEAD_BYTES);
  const text = (await head.text()).replace(/^\uFEFF/, '');
  const all = records(text, rows + 1, file.size <= HEAD_BYTES);
  const header = (all[0] ?? []).map(unguarded);
  const problems = header.length ? columnProblems(header) : ['The file is empty: it needs a header row (name,domain,...).'];
  return { header, rows: all.slice(1), problems };
}
