// Chromium (Skia) writes a ToUnicode map that sends some glyphs to the CJK radical code points the font
// also covers (⽬ U+2F6C for 目, ⻔ U+2ED4 for 门): the glyph printed is the ideograph, so the text is
// read as the ideograph. Kangxi radicals fold by NFKC, except where the simplified form differs; the
// supplement block has no NFKC mapping, so its simplified radicals are listed (after Unicode's
// EquivalentUnifiedIdeograph.txt).
const SIMPLIFIED: Readonly<Record<string, string>> = {
  '\u2F3E': '户', '\u2FAD': '青',
  '⺁': '厂', '⺇': '几', '⺟': '母', '⺠': '民', '⺮': '竹', '⺯': '糸', '⺰': '纟', '⺶': '羊', '⻁': '虎', '⻄': '西',
  '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝', '⻊': '足', '⻋': '车', '⻐': '钅', '⻓': '长', '⻔': '门', '⻖': '阝',
  '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻠': '饣', '⻢': '马', '⻣': '骨',
  '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟',
};
const RADICAL = /[\u2E80-\u2EF3\u2F00-\u2FD5]/;
const RADICALS = new RegExp(RADICAL.source, 'g');

export function foldRadicals(s: string): string {
  return RADICAL.test(s) ? s.replace(RADICALS, (ch) => SIMPLIFIED[ch] ?? ch.normalize('NFKC')) : s;
}
