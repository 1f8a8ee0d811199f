// HTML built only through the `html` tag: every interpolated value is escaped unless it is itself the
// result of `html` (or `raw`, for the few constant strings such as the style sheet). Text from a
// document is untrusted, so no string reaches the output any other way.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Part = Html | string | number | null | undefined | false | readonly Part[];

const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the five characters that matter in text and in quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

function part(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (p instanceof Html) return p.value;
  if (Array.isArray(p)) return (p as readonly Part[]).map(part).join('');
  return esc(String(p));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** A constant written in this program, never input. */
export const raw = (s: string): Html => new Html(s);

export const join = (parts: readonly Part[], sep: Part = ''): Html => new Html(parts.map(part).join(part(sep)));
