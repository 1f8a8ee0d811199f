// The printed forms' style sheet (绩效自评表, 运行监控表, 汇总): A4, one project a page, ruled like the
// paper forms, in the fonts a Chinese office prints with. Lights and grades always carry their word;
// colour only repeats it. Labels never wrap inside themselves (below).
export const FORM_STYLE = `
@page { size: A4 portrait; margin: 12mm 11mm; }
@page landscape { size: A4 landscape; margin: 10mm 10mm; }
* { box-sizing: border-box; }
body { margin: 0; background: #eef0f3; color: #111; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.45; }
.page { background: #fff; width: 210mm; min-height: 297mm; margin: 8mm auto; padding: 12mm 11mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.page.wide { width: 297mm; min-height: 210mm; page: landscape; padding: 10mm; }
h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 16pt; text-align: center; margin: 0 0 2mm; font-weight: 700; letter-spacing: .08em; }
.sub { text-align: center; margin: 0 0 3mm; }
.meta { display: flex; justify-content: space-between; font-size: 9.5pt; margin-bottom: 1.5mm; }
table.form { width: 100%; border-collapse: collapse; table-layout: fixed; }
.form th, .form td { border: .6pt solid #000; padding: 1mm 1.2mm; vertical-align: middle; overflow-wrap: anywhere; }
.form th { font-weight: 700; text-align: center; background: #f2f2f2; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 9.5pt; }
.form td.c { text-align: center; }
.form td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.form td.label { text-align: center; font-weight: 700; background: #f7f7f7; font-size: 10pt; }
/* A label is never broken inside itself (预算执 / 行率): labels and headers keep to one line — a long one is
   broken on purpose between its words with <br> (偏差原因分析 / 及改进措施) — and each form's columns are
   sized so they fit (test/report/forms.test.ts measures every one in print). A 一级/二级指标 name is kept
   whole and breaks only after its code (31- / 服务对象满意度); only a name wider than its whole cell is cut. */
.form th, .form td.label, .form .nowrap { white-space: nowrap; }
.form td.cat { text-align: center; font-size: 9pt; line-height: 1.3; word-break: keep-all; overflow-wrap: anywhere; }
.form td.small, .small { font-size: 8pt; line-height: 1.35; }
.form tr.total td { font-weight: 700; }
.err { color: #b42318; }
.light { display: inline-flex; align-items: center; gap: 1mm; white-space: nowrap; font-weight: 700; }
.light::before { content: ""; width: 3.2mm; height: 3.2mm; border-radius: 50%; border: .4pt solid #333; background: #ccc; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.light.red::before { background: #d92d20; } .light.yellow::before { background: #f5b800; } .light.green::before { background: #12b76a; } .light.blue::before { background: #2e90fa; }
.grade { font-weight: 700; }
.notes { margin-top: 2.5mm; font-size: 8pt; line-height: 1.4; }
.notes h2 { font-size: 10pt; margin: 2mm 0 1mm; font-family: "SimHei", "Noto Sans CJK SC", sans-serif; }
.notes ol, .notes ul { margin: 0; padding-left: 6mm; }
.warn-red { color: #b42318; font-weight: 700; } .warn-yellow { color: #93370d; font-weight: 700; }
.sign { display: flex; justify-content: space-between; margin-top: 5mm; font-size: 9.5pt; }
@media print {
  body { background: #fff; }
  .page, .page.wide { margin: 0; box-shadow: none; width: auto; min-height: 0; padding: 0; break-after: page; }
  .page:last-child { break-after: auto; }
  tr { break-inside: avoid; }
}
`;
