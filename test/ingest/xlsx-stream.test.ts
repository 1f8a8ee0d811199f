// A sheet is streamed: its merged ranges are found in a first pass over the inflated bytes (they follow
// the rows), then its rows are read one by one with the ranges' values copied down. These tests build
// sheets whose ranges fall across the inflater's megabyte chunks, carry a namespace prefix, or hide
// the word mergeCell in a cell's text, and check the ranges and the filled rows cell by cell.
import { describe, expect, it } from 'vitest';
import { openZip, type ZipEntry } from '../../src/ingest/xlsx/zip.js';
import { readMerges, streamSheet, type GridRow, type Merge } from '../../src/ingest/xlsx/workbook.js';
import { zip } from '../helpers/zip.js';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function sheetEntry(xml: string): { bytes: Uint8Array; entry: ZipEntry } {
  const bytes = new Uint8Array(zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xml) }]));
  const opened = openZip(bytes);
  if (!opened.ok) throw new Error(opened.why);
  return { bytes, entry: opened.entries.get('xl/worksheets/sheet1.xml')! };
}

const mergesOf = async (xml: string): Promise<Merge[]> => {
  const { bytes, entry } = sheetEntry(xml);
  const m = await readMerges(bytes, entry);
  return Array.from({ length: m.length }, (_, i) => m.at(i));
};

describe('merged ranges, read before the rows', () => {
  it('finds every range of a sheet of several megabytes, ranges cut by the chunk boundaries included, ordered by first row', async () => {
    // ~3 MB of rows, then 60,000 ranges (~1.3 MB of tags): chunk boundaries fall inside the rows and inside the tags
    const rows = Array.from({ length: 40_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>第${i + 1}行的文字，占些地方</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('');
    const expected: Merge[] = [];
    // written in reverse row order: the reader orders them
    for (let k = 59_999; k >= 0; k--) expected.push({ r0: k + 1, c0: k % 7, r1: k + 1 + (k % 5), c1: k % 7 + (k % 3) });
    const tags = expected.map((m) => `<mergeCell ref="${String.fromCharCode(65 + m.c0)}${m.r0}:${String.fromCharCode(65 + m.c1)}${m.r1}"/>`).join('');
    const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${rows}</sheetData><mergeCells count="${expected.length}">${tags}</mergeCells></worksheet>`;
    expect(xml.length).toBeGreaterThan(3 * 1024 * 1024);
    const got = await mergesOf(xml);
    expect(got).toHaveLength(60_000);
    expect(got).toEqual([...expected].reverse());
  });

  it('reads prefixed tags (x:mergeCell) and single-quoted refs; the word mergeCell in a cell, or an escaped tag, is text', async () => {
    const xml = `<x:worksheet xmlns:x="${NS}"><x:sheetData>`
      + '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>mergeCell ref="A1:Z9" &lt;mergeCell ref="B1:B9"/&gt; x:mergeCell</x:t></x:is></x:c></x:row>'
      + `</x:sheetData><x:mergeCells count="2"><x:mergeCell ref='C3:D4'/><x:mergeCell ref="A2:A5"/></x:mergeCells></x:worksheet>`;
    expect(await mergesOf(xml)).toEqual([{ r0: 2, c0: 0, r1: 5, c1: 0 }, { r0: 3, c0: 2, r1: 4, c1: 3 }]);
  });

  it('a sheet without ranges, or without rows, has none', async () => {
    expect(await mergesOf(`<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`)).toEqual([]);
    expect(await mergesOf(`<worksheet xmlns="${NS}"><sheetData/><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>`)).toEqual([{ r0: 1, c0: 0, r1: 1, c1: 1 }]);
  });
});

describe('rows streamed with their merged values', () => {
  it('copies a range\'s first value into its other cells of the rows that hold values, marked as filled', async () => {
    const cell = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
    const xml = `<worksheet xmlns="${NS}"><sheetData>`
      + `<row r="1">${cell('A1', '标题')}</row>`
      + `<row r="2">${cell('A2', '项目甲')}${cell('C2', '指标1')}</row>`
      + `<row r="3">${cell('C3', '指标2')}</row>`
      + '<row r="4"/>'
      + `<row r="5">${cell('C5', '指标3')}</row>`
      + `<row r="6">${cell('C6', '之后')}</row>`
      + `<row r="7">${cell('C7', '空起点的范围不复制')}</row>`
      + '</sheetData><mergeCells><mergeCell ref="A1:D1"/><mergeCell ref="A2:B5"/><mergeCell ref="E6:E7"/></mergeCells></worksheet>';
    const { bytes, entry } = sheetEntry(xml);
    const rows: GridRow[] = [];
    const stats = await streamSheet(bytes, entry, [], await readMerges(bytes, entry), (row) => rows.push(row));
    expect(stats.emptyRows).toBe(1);
    const shown = rows.map((r) => [r.r, [...r.cells].map((v, c) => (v === undefined ? '' : `${String(v)}${r.filled?.[c] ? '*' : ''}`))]);
    expect(shown).toEqual([
      [1, ['标题', '标题*', '标题*', '标题*']],
      [2, ['项目甲', '项目甲*', '指标1']],
      [3, ['项目甲*', '项目甲*', '指标2']],
      [5, ['项目甲*', '项目甲*', '指标3']],
      [6, ['', '', '之后']],
      [7, ['', '', '空起点的范围不复制']],
    ]);
  });
});
