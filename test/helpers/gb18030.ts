// A GB18030 encoder for test inputs, built by inverting Node's own GB18030 decoder over the two-byte
// (GBK) and four-byte BMP code ranges: no dependency, and round-trips by construction.
let table: Map<string, Buffer> | undefined;

function buildTable(): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  const decoder = new TextDecoder('gb18030');
  const add = (codes: Buffer[]): void => {
    // decode code by code in one call: separate each by a newline so a bad code cannot eat its neighbour
    const joined = Buffer.concat(codes.flatMap((c) => [c, Buffer.of(0x0a)]));
    const chars = decoder.decode(joined).split('\n');
    codes.forEach((code, i) => {
      const ch = chars[i];
      if (ch !== undefined && ch.length >= 1 && ch !== '\uFFFD' && !map.has(ch)) map.set(ch, code);
    });
  };
  const two: Buffer[] = [];
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) if (b2 !== 0x7f) two.push(Buffer.of(b1, b2));
  }
  add(two);
  const four: Buffer[] = [];
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) four.push(Buffer.of(b1, b2, b3, b4));
      }
    }
  }
  add(four);
  return map;
}

/** Encodes text as GB18030; throws on a character outside the BMP ranges covered here. */
export function encodeGb18030(text: string): Buffer {
  table ??= buildTable();
  const parts: Buffer[] = [];
  let ascii = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      ascii += ch;
      continue;
    }
    if (ascii) {
      parts.push(Buffer.from(ascii, 'latin1'));
      ascii = '';
    }
    const code = table.get(ch);
    if (!code) throw new Error(`no GB18030 code for U+${ch.codePointAt(0)!.toString(16).toUpperCase()}`);
    parts.push(code);
  }
  if (ascii) parts.push(Buffer.from(ascii, 'latin1'));
  return Buffer.concat(parts);
}
