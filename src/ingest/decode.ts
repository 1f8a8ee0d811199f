// Bytes → text. Published tables come as UTF-8 (with or without BOM) or, from older Windows tools,
// GB18030/GBK; anything else is reported rather than guessed at.
import type { Diagnostic } from '../model/index.js';
import { acceptedSentence } from './accepted.js';
import { diag } from './diagnostics.js';

export interface Decoded {
  readonly text: string;
  readonly encoding: 'utf-8' | 'gb18030';
  readonly diagnostics: readonly Diagnostic[];
  /** true when the bytes are not text at all; the readers then have nothing to read */
  readonly binary: boolean;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return n > 0 && control / n > 0.1;
}

export function decode(bytes: Uint8Array): Decoded {
  if (looksBinary(bytes)) {
    return { text: '', encoding: 'utf-8', binary: true, diagnostics: [diag('input-binary', `文件不是文本（含有二进制字节），无法读取。${acceptedSentence()}`, { line: 1 })] };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8', binary: false, diagnostics: [] };
  } catch {
    // not valid UTF-8: try GB18030, the superset of GBK that Chinese office software writes
  }
  // A UTF-8 file cut inside its last character is still UTF-8: GB18030 accepts almost any bytes, so
  // it must not win on a technicality.
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes.subarray(0, bytes.length - cut));
      const tail = [...bytes.subarray(bytes.length - cut)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
      return { text, encoding: 'utf-8', binary: false, diagnostics: [diag('input-invalid-bytes', `文件末尾的最后一个字符不完整（字节 ${tail}，文件可能被截断），这 ${cut} 个字节无法读取。`, { line: Math.max(1, text.split('\n').length) })] };
    } catch {
      // not a truncated UTF-8 file
    }
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return { text, encoding: 'gb18030', binary: false, diagnostics: [diag('input-encoding', '文件不是 UTF-8 编码，已按 GB18030（GBK）解码。', { line: 1 })] };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = (text.match(/\uFFFD/g) ?? []).length;
    return {
      text, encoding: 'utf-8', binary: false,
      diagnostics: [diag('input-invalid-bytes', `文件含有 ${bad} 处无法解码的字节，已替换为 “\uFFFD”；其余内容照常读取。`, { line: 1 })],
    };
  }
}
