// The report's one style sheet: screen first (sticky headers, a scrolling box for the wide table,
// a narrow-window layout), then print (A4, the table on landscape pages, a page per document).
// Severity and grade always have a text label; colour only repeats it.
export const STYLE = `
:root {
  --ink: #1d2633; --ink-2: #475467; --muted: #667085; --line: #d9dee6; --line-2: #eaedf2;
  --bg: #f4f5f7; --surface: #fff; --head: #edf1f6; --accent: #1f3f73; --accent-2: #2e5aa8;
  --err: #b42318; --err-bg: #fef3f2; --err-bd: #f4b4ad;
  --warn: #93370d; --warn-bg: #fffaeb; --warn-bd: #f5cf7a;
  --info: #1849a9; --info-bg: #eff6ff; --info-bd: #a9cdfb;
  --ga: #067647; --ga-bg: #ecfdf3; --gb: #175cd3; --gb-bg: #eff8ff; --gc: #b54708; --gc-bg: #fffaeb; --gd: #b42318; --gd-bg: #fef3f2;
  --nav-h: 44px;
}
* { box-sizing: border-box; }
html { scroll-padding-top: calc(var(--nav-h) + 8px); -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-size: 14px; line-height: 1.55; font-variant-numeric: tabular-nums;
}
a { color: var(--accent-2); text-decoration: none; }
a:hover { text-decoration: underline; }
a:focus-visible, .tbl-wrap:focus-visible { outline: 2px solid var(--accent-2); outline-offset: 2px; }
h1, h2, h3 { font-weight: 600; margin: 0; }
.mono { font-family: "SFMono-Regular", Consolas, "Liberation Mono", monospace; font-size: .92em; }
.muted { color: var(--muted); }
.nowrap { white-space: nowrap; }
.num { text-align: right; white-space: nowrap; }
.h-sub { font-size: 13px; font-weight: 400; color: var(--muted); margin-left: .5em; }
.kind { display: inline-block; font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; margin-right: 6px; line-height: 16px; vertical-align: 1px; font-weight: 400; }
.ln { display: block; font-size: 11px; color: var(--muted); font-weight: 400; }

.report-bar { background: var(--accent); color: #fff; }
.report-bar .in { max-width: 1320px; margin: 0 auto; padding: 10px 20px; display: flex; flex-wrap: wrap; gap: 4px 24px; align-items: baseline; }
.report-bar .brand { font-size: 16px; font-weight: 600; letter-spacing: .04em; }
.report-bar .meta-line { font-size: 12.5px; opacity: .85; }
main { max-width: 1320px; margin: 0 auto; padding: 0 20px 24px; }

.contents { background: var(--surface); border: 1px solid var(--line); border-radius: 6px; margin: 20px 0; padding: 14px 18px; }
.contents h2 { font-size: 16px; margin-bottom: 8px; }

.doc { margin-top: 20px; }
.doc-nav { position: sticky; top: 0; z-index: 20; height: var(--nav-h); display: flex; align-items: center; gap: 6px 18px; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0 14px; box-shadow: 0 1px 3px rgba(16,24,40,.06); overflow-x: auto; white-space: nowrap; scrollbar-width: none; }
.doc-nav .nav-file { flex: 0 1 auto; font-weight: 600; color: var(--ink); overflow: hidden; text-overflow: ellipsis; max-width: 38ch; }
.doc-nav .nav-links { display: flex; gap: 16px; margin-left: auto; font-size: 13px; }

.doc-head { display: flex; flex-wrap: wrap; gap: 20px; align-items: stretch; background: var(--surface); border: 1px solid var(--line); border-radius: 6px; margin-top: 12px; padding: 18px 20px; }
.doc-id { flex: 1 1 560px; min-width: 0; }
.eyebrow { margin: 0 0 4px; font-size: 12px; color: var(--muted); letter-spacing: .06em; }
.doc-head h1 { font-size: 21px; line-height: 1.4; }
.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 6px 24px; margin: 14px 0 0; }
.meta div { display: flex; gap: 10px; min-width: 0; }
.meta dt { flex: 0 0 4.5em; color: var(--muted); font-size: 13px; }
.meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; font-size: 13.5px; }

.scorecard { flex: 0 0 232px; border-radius: 6px; padding: 14px 18px; border: 1px solid; display: flex; flex-direction: column; justify-content: center; }
.sc-label { font-size: 13px; color: var(--ink-2); }
.sc-main { display: flex; align-items: baseline; gap: 6px; }
.sc-score { font-size: 46px; font-weight: 700; line-height: 1.1; letter-spacing: -.02em; }
.sc-max { color: var(--muted); font-size: 15px; }
.sc-grade { font-size: 15px; margin-top: 2px; }
.sc-grade b { display: inline-block; min-width: 1.8em; text-align: center; font-size: 18px; border: 1.5px solid currentColor; border-radius: 4px; margin-left: 4px; padding: 0 4px; }
.sc-note { font-size: 11.5px; color: var(--muted); margin-top: 8px; }
.sc-dims { margin-top: 8px; border-collapse: collapse; font-size: 12.5px; }
.sc-dims th { text-align: left; font-weight: 500; padding: 1px 10px 1px 0; }
.sc-dims td { padding: 1px 0 1px 6px; }
.sc-gate, .gate { color: var(--gd); font-size: 12px; font-weight: 600; }
.sc-gate { margin-top: 6px; max-width: 220px; }
.g-dims { margin: -4px 0 8px; font-size: 12.5px; color: var(--ink-2); display: flex; flex-wrap: wrap; gap: 4px 14px; }
.lowest .gate { margin-left: 6px; }
.sev-index td:first-child { white-space: nowrap; }
.scorecard.g-a { color: var(--ga); background: var(--ga-bg); border-color: #a6e3c2; }
.scorecard.g-b { color: var(--gb); background: var(--gb-bg); border-color: #b2d4fb; }
.scorecard.g-c { color: var(--gc); background: var(--gc-bg); border-color: #f5cf7a; }
.scorecard.g-d { color: var(--gd); background: var(--gd-bg); border-color: #f4b4ad; }
.scorecard .sc-label, .scorecard .sc-note { color: var(--ink-2); }

.overview { display: grid; grid-template-columns: minmax(250px, 1.1fr) minmax(230px, 1fr) minmax(260px, 1.3fr); gap: 14px; margin-top: 14px; }
.overview > div { background: var(--surface); border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; min-width: 0; }
.overview h3 { font-size: 13px; color: var(--ink-2); margin-bottom: 8px; }
.sev-counts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.sev-counts > div { border-radius: 5px; padding: 8px 12px; display: flex; flex-direction: column; border: 1px solid var(--line); border-left-width: 4px; }
.sev-counts .n { font-size: 24px; font-weight: 700; line-height: 1.2; }
.sev-counts .l { font-size: 12.5px; color: var(--ink-2); }
.sev-total { border-left-color: var(--accent) !important; }
.sev-box.sev-error { border-left-color: var(--err); } .sev-box.sev-error .n { color: var(--err); }
.sev-box.sev-warning { border-left-color: #dc6803; } .sev-box.sev-warning .n { color: var(--warn); }
.sev-box.sev-info { border-left-color: var(--info); } .sev-box.sev-info .n { color: var(--info); }
.sev-box.zero { border-left-color: var(--line) !important; } .sev-box.zero .n { color: var(--muted) !important; }
table.bars { width: 100%; border-collapse: collapse; font-size: 13px; }
table.bars th { text-align: left; font-weight: 400; width: 4.5em; padding: 2px 0; }
table.bars td.num { width: 3em; padding: 2px 8px 2px 0; font-weight: 600; }
table.bars td.bar span { display: block; height: 8px; border-radius: 4px; background: #8aa4cf; min-width: 0; }
table.bars tr.zero { color: var(--muted); } table.bars tr.zero td.num { font-weight: 400; }
.lowest ol { list-style: none; margin: 0; padding: 0; font-size: 13px; }
.lowest li + li { margin-top: 5px; }
.lowest a { display: flex; gap: 8px; align-items: baseline; color: var(--ink); }
.lowest .pname { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }

.pill { display: inline-flex; align-items: baseline; gap: 2px; border-radius: 10px; padding: 0 7px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid; line-height: 18px; }
.pill small { font-size: 11px; font-weight: 600; }
.pill.g-a { color: var(--ga); background: var(--ga-bg); border-color: #a6e3c2; }
.pill.g-b { color: var(--gb); background: var(--gb-bg); border-color: #b2d4fb; }
.pill.g-c { color: var(--gc); background: var(--gc-bg); border-color: #f5cf7a; }
.pill.g-d { color: var(--gd); background: var(--gd-bg); border-color: #f4b4ad; }

.badge { display: inline-block; border-radius: 3px; padding: 0 6px; font-size: 12px; font-weight: 600; line-height: 19px; border: 1px solid; white-space: nowrap; }
.badge + .badge { margin-left: 4px; }
.badge.sev-error { color: var(--err); background: var(--err-bg); border-color: var(--err-bd); }
.badge.sev-warning { color: var(--warn); background: var(--warn-bg); border-color: var(--warn-bd); }
.badge.sev-info { color: var(--info); background: var(--info-bg); border-color: var(--info-bd); }

.sec { margin-top: 22px; }
.sec > h2 { font-size: 17px; padding-bottom: 8px; margin-bottom: 10px; border-bottom: 2px solid var(--accent); }
.empty, .note { color: var(--ink-2); background: var(--surface); border: 1px dashed var(--line); border-radius: 6px; padding: 12px 16px; margin: 0 0 10px; }
.legend { font-size: 12px; color: var(--ink-2); margin: 8px 2px 0; }
.scroll-x { overflow-x: auto; }

table.grid { border-collapse: separate; border-spacing: 0; width: 100%; background: var(--surface); font-size: 13px; }
table.grid th, table.grid td { border-bottom: 1px solid var(--line-2); padding: 5px 8px; vertical-align: top; text-align: left; }
table.grid thead th { background: var(--head); color: var(--ink-2); font-weight: 600; font-size: 12.5px; border-bottom: 1px solid var(--line); white-space: nowrap; }
table.grid thead th.num { text-align: right; }
table.rules { border: 1px solid var(--line); border-radius: 6px; min-width: 760px; }
table.rules col.c-rid { width: 12.5em; } table.rules col.c-cat { width: 5em; } table.rules col.c-sev { width: 8em; } table.rules col.c-n { width: 4em; } table.rules col.c-first { width: 6.5em; }
.rule-id { color: var(--ink-2); }
.rule-title { font-weight: 600; }
.rule-why { font-size: 12px; color: var(--muted); }

.tbl-wrap { overflow: auto; max-height: calc(100vh - var(--nav-h) - 16px); border: 1px solid var(--line); border-radius: 6px; background: var(--surface); }
table.main { table-layout: fixed; min-width: 1180px; font-size: 12.5px; line-height: 1.5; }
table.main thead th { position: sticky; top: 0; z-index: 3; white-space: normal; word-break: keep-all; vertical-align: bottom; }
table.main th, table.main td { padding: 5px 6px; }
table.main col.c-amt { width: 6.5em; } table.main col.c-seq { width: 3em; } table.main col.c-l1 { width: 6.3em; } table.main col.c-l2 { width: 7em; }
table.main col.c-tv { width: 8.4em; } table.main col.c-score { width: 4.4em; } table.main col.c-mk { width: 5.4em; }
table.main col.c-name { width: 13.5em; }
table.main td, table.main th { overflow-wrap: anywhere; }
table.main tbody tr { scroll-margin-top: 62px; }
table.main .name { font-weight: 500; }
table.main .name .kind { display: table; margin-bottom: 2px; }
table.main td.num { font-size: 12px; padding-left: 5px; padding-right: 6px; }
table.main td.unplaced span { display: block; color: var(--ink-2); }
table.main td.missing { text-align: left; color: var(--muted); font-size: 12px; white-space: normal; }
table.main tr.r-total > * { background: #e6ecf5; font-weight: 700; border-bottom: 1px solid #c5d0e0; }
table.main tr.r-unit > * { background: #f0f3f8; border-top: 2px solid #c5d0e0; border-bottom: 1px solid #c5d0e0; }
table.main tr.r-unit .name { font-weight: 700; }
table.main tr.r-unit .span-ind { color: var(--ink-2); }
table.main tr.r-proj > * { border-top: 1px solid #cdd4de; }
table.main tr.r-proj .name { font-weight: 600; }
table.main tr.r-proj .goal { color: var(--ink-2); font-size: 12px; }
table.main tr.r-ind > *, table.main tr.r-prose > * { color: var(--ink); }
table.main td.pad { background: #fafbfc; border-right: 1px solid var(--line-2); }
table.main td.seq { color: var(--muted); text-align: right; padding-right: 6px; }
table.main td.lvl { color: var(--ink-2); font-size: 12px; }
table.main tr.r-prose td:not(.pad) { color: var(--ink-2); font-size: 12px; }
table.main tr.r-section th { background: #fff7ed; color: var(--warn); font-weight: 600; border-top: 2px solid #f5cf7a; }
table.main tr.r-orphan > * { background: #fffcf5; }
td.score-cell { text-align: center; }
td.mk-cell { text-align: left; white-space: nowrap; }
a.mk { display: inline-flex; align-items: baseline; gap: 3px; font-size: 11.5px; font-weight: 600; border: 1px solid; border-radius: 3px; padding: 0 4px; line-height: 17px; max-width: 100%; overflow: hidden; text-overflow: ellipsis; }
a.mk .mk-s { font-size: 11px; }
a.mk.sev-error { color: var(--err); background: var(--err-bg); border-color: var(--err-bd); }
a.mk.sev-warning { color: var(--warn); background: var(--warn-bg); border-color: var(--warn-bd); }
a.mk.sev-info { color: var(--info); background: var(--info-bg); border-color: var(--info-bd); }
table.main tr:target > * { background: #fff1c2 !important; }
table.main tr:target > :first-child { box-shadow: inset 4px 0 0 #f79009; }

.group { background: var(--surface); border: 1px solid var(--line); border-radius: 6px; margin-bottom: 12px; }
.group > h3 { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; font-size: 14px; padding: 9px 14px; background: #f7f8fa; border-bottom: 1px solid var(--line); border-radius: 6px 6px 0 0; }
.group .g-unit { flex-basis: 100%; font-size: 12px; font-weight: 400; color: var(--muted); }
.group .g-kind { font-size: 12px; font-weight: 400; color: var(--muted); }
.group .g-name { font-weight: 600; }
.group .g-amt { font-size: 12.5px; font-weight: 400; color: var(--ink-2); }
.group .to-row { margin-left: auto; font-size: 12.5px; font-weight: 400; }
ol.findings { list-style: none; margin: 0; padding: 0; }
li.finding { padding: 7px 14px 8px 12px; border-left: 4px solid transparent; }
li.finding + li.finding { border-top: 1px solid var(--line-2); }
li.finding.sev-error { border-left-color: var(--err); }
li.finding.sev-warning { border-left-color: #f0a030; }
li.finding.sev-info { border-left-color: #74a9f0; }
li.finding:target { background: #fff8e1; box-shadow: inset 0 0 0 2px #f5b342; }
.f-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
.f-no { font-size: 12px; color: var(--muted); min-width: 2.2em; }
.f-no::before { content: "#"; }
.f-rule { font-weight: 600; font-size: 13px; }
.f-rule .mono { font-weight: 400; color: var(--ink-2); margin-right: 4px; }
.f-cat { font-size: 12px; color: var(--muted); }
.f-cat::before { content: "类别："; }
.f-msg { margin: 3px 0 0; }
.f-sug { margin: 3px 0 0; color: var(--ink-2); font-size: 13px; }
.f-loc { margin-left: auto; font-size: 12.5px; display: flex; flex-wrap: wrap; gap: 2px 12px; align-items: baseline; }
.f-loc .ln { display: inline; }

footer.report-foot { max-width: 1320px; margin: 10px auto 0; padding: 16px 20px 28px; color: var(--ink-2); font-size: 12.5px; border-top: 1px solid var(--line); }
footer.report-foot h2 { font-size: 13px; color: var(--ink); margin: 0 0 4px; }
footer.report-foot p { margin: 0 0 8px; max-width: 960px; }

@media screen and (max-width: 1100px) {
  table.main col.c-name { width: 10.5em; }
  table.main .name, table.main .pad-name, table.main thead th:first-child { position: sticky; left: 0; z-index: 1; box-shadow: inset -1px 0 0 var(--line); }
  table.main thead th:first-child { z-index: 4; }
  table.main tr.r-proj .name { background: var(--surface); }
  table.main tr.r-ind .pad-name, table.main tr.r-prose .pad-name { background: #fafbfc; }
}
@media screen and (max-width: 900px) {
  .overview { grid-template-columns: 1fr; }
  .scorecard { flex: 1 1 100%; }
  main { padding: 0 10px 20px; }
  .report-bar .in { padding: 10px; }
  .doc-nav .nav-file { display: none; }
  .doc-nav .nav-links { margin-left: 0; }
  .group .to-row { margin-left: 0; }
}

@page { size: A4; margin: 13mm 12mm 14mm; }
@page wide { size: A4 landscape; margin: 9mm 9mm 11mm; }
@media print {
  :root { --nav-h: 0px; }
  body { background: #fff; font-size: 9.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
  .report-bar { background: none; color: var(--ink); border-bottom: 2px solid var(--ink); }
  .report-bar .in, main, footer.report-foot { max-width: none; padding-left: 0; padding-right: 0; }
  .doc-nav { display: none; }
  .doc { margin-top: 0; }
  .doc + .doc { break-before: page; }
  .doc-head, .overview > div, .group, .contents { border-color: #bbb; }
  .overview { grid-template-columns: 1.1fr 1fr 1.3fr; break-inside: avoid; }
  .doc-head { flex-wrap: nowrap; padding: 12px 14px; }
  .doc-id { flex: 1 1 0; }
  .scorecard { flex: 0 0 180px; padding: 10px 12px; }
  .sc-score { font-size: 30pt; }
  .meta { grid-template-columns: 1fr 1fr; gap: 4px 16px; }
  .meta dt { flex-basis: 4.2em; font-size: 8pt; }
  .meta dd { font-size: 8.5pt; }
  .doc-head h1 { font-size: 15pt; }
  .sev-counts .n { font-size: 16pt; }
  .sev-counts .l { font-size: 8pt; }
  table.rules { font-size: 8.5pt; }
  table.rules col.c-rid { width: 10.5em; }
  .sec { margin-top: 14px; }
  .sec > h2 { break-after: avoid; }
  table.rules { min-width: 0; }
  table.rules thead th, table.main thead th { position: static; }
  .scroll-x { overflow: visible; }
  table.grid tr { break-inside: avoid; }
  .sec-table { page: wide; break-before: page; }
  .tbl-wrap { overflow: visible; max-height: none; border: 0; border-radius: 0; }
  table.main { min-width: 0; font-size: 7.5pt; }
  table.main td.num { font-size: 7.5pt; }
  table.main td.lvl, table.main tr.r-proj .goal, table.main tr.r-prose td:not(.pad) { font-size: 7pt; }
  table.main thead th { font-size: 7pt; }
  table.main .pill { font-size: 6.5pt; padding: 0 3px; line-height: 1.4; }
  table.main .pill small { font-size: 6.5pt; }
  table.main .kind, table.main .ln { font-size: 6.5pt; }
  table.main tr:target > *, li.finding:target { background: none !important; box-shadow: none; }
  a.mk { font-size: 7pt; line-height: 1.4; }
  .sec-findings { break-before: page; }
  .group { break-inside: auto; }
  .group > h3 { break-after: avoid; background: #f2f2f2; }
  li.finding { break-inside: avoid; }
  footer.report-foot { break-inside: avoid; }
}
`;
