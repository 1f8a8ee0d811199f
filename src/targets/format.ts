// A target written back in one canonical form: operators as symbols (≥ ≤ > < 约), units as read,
// compound parts joined by ；or 或. Reading the result again gives the same target (raw aside).
import type { Target, TargetOp } from '../model/index.js';

const OP_TEXT: Record<TargetOp, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '', '≈': '约' };

const num = (x: number): string => String(x);

export function formatTarget(t: Target): string {
  switch (t.kind ?? 'unparsed') {
    case 'empty':
    case 'qualitative':
    case 'unparsed':
      return t.kind === 'empty' ? '' : t.raw;
    case 'numeric': {
      const subject = t.subject ?? '';
      let op = OP_TEXT[t.op ?? '='];
      // an implicit = after a subject ending in a digit would glue two numbers together
      if (op === '' && /[\dA-Za-z.]$/.test(subject)) op = '=';
      return `${subject}${t.per ? `每${t.per}` : ''}${op}${num(t.value ?? 0)}${t.unit ?? ''}${t.note ?? ''}`;
    }
    case 'range':
      return `${t.subject ?? ''}${num(t.min ?? 0)}-${num(t.max ?? 0)}${t.unit ?? ''}${t.note ?? ''}`;
    case 'deadline':
      return `${t.subject ?? ''}${t.year ? `${t.year}年` : t.per === '年' ? '每年' : ''}${t.month ? `${t.month}月` : ''}${t.day ? `${t.day}日` : ''}${t.op === '<' ? '前' : '以前'}${t.note ?? ''}`;
    case 'compound':
      return (t.parts ?? []).map(formatTarget).join(t.joiner === 'or' ? '或' : '；');
  }
}
