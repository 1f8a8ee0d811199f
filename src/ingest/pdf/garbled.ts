// A text layer that decodes to replacement characters, private-use code points, `(cid:N)` or control
// characters is a font without a usable Unicode map: whatever it spells is not the printed text, so
// such a page is reported and never read as data.
const BAD_CHAR = /[\uFFFD\uE000-\uF8FF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\u{F0000}-\u{10FFFF}]/gu;
const CID = /\(cid:\d+\)/g;

/** Above this share of bad characters a page's text is garbled. */
export const GARBLED_SHARE = 0.05;

export interface TextQuality {
  readonly chars: number;
  readonly bad: number;
  readonly sample: string;
}

export function textQuality(strings: readonly string[]): TextQuality {
  let chars = 0;
  let bad = 0;
  let sample = '';
  for (const s of strings) {
    const visible = s.replace(/\s+/g, '');
    chars += [...visible].length;
    const cids = visible.match(CID);
    if (cids) bad += cids.reduce((n, c) => n + c.length, 0);
    const m = visible.replace(CID, '').match(BAD_CHAR);
    if (m) bad += m.length;
    if ((cids || m) && sample.length < 20) sample += visible.slice(0, 20 - sample.length);
  }
  return { chars, bad, sample };
}

export const isGarbled = (q: TextQuality): boolean => q.chars > 0 && q.bad / q.chars > GARBLED_SHARE;
