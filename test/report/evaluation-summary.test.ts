// The department summary (部门汇总) says what it could not score: per report and in total how many
// indicators have no score and why (a person's score still to give, no actual, an actual the rule cannot
// compare), that those projects have no total and are left out of the grades and the average — in the
// printable HTML (a notice under the title, a column per unit and per project, 三、未能评分的指标 with the
// rule's words), in the XLSX (a column on both sheets and a sheet 未评分指标) and in the engine's summary.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { departmentSummary, type SummaryProject } from '../../src/report/evaluation-summary.js';
import { renderEvaluationSummaryHtml } from '../../src/report/evaluation-summary-html.js';
import { evaluationSummaryXlsx } from '../../src/report/evaluation-summary-xlsx.js';
import { DEFAULT_SCORE_CONFIG, evaluateProject, evaluationInput, summarizeEvaluations, unscoredIndicators } from '../../src/score/index.js';

const form = (project: string, actuals: readonly (string | null)[], score: number | null = null) => evaluateProject(evaluationInput.parse({
  year: 2024,
  projects: [{
    project, budget: { annual: 100, executed: 90 },
    indicators: [
      { level1: '产出指标', name: '培训人次', target: '≥1200人次', actual: actuals[0] },
      { level1: '产出指标', name: '培训合格率', target: '≥90%', actual: actuals[1] },
      { level1: '产出指标', name: '培训完成时间', target: '2024年11月前', actual: actuals[2] },
      { level1: '效益指标', name: '社会影响', target: '有效提升', actual: actuals[3], score },
      { level1: '满意度指标', name: '学员满意度', target: '≥90%', actual: actuals[4] },
    ],
  }],
}).projects[0]!, 2024, DEFAULT_SCORE_CONFIG);

const row = (unit: string, evaluation: ReturnType<typeof form>): SummaryProject => ({ unit, stateLabel: '草稿', demo: false, evaluation, monitoring: null });
// 技师学院: scored whole; 培训中心: 部分达成 in a count (unreadable), no 合格率, and 社会影响 awaiting the person's score
const whole = row('技师学院', form('职业技能培训补贴项目', ['1250人次', '92%', '2024年10月', '达成', '95%'], 27));
const partial = row('培训中心', form('创业培训项目', ['部分达成', null, '2024年10月', '部分达成', '91%']));
const summary = departmentSummary({ department: '人社局', year: 2024, demo: false, projects: [whole, partial] });

describe('what the department summary could not score', () => {
  it('counts the unscored indicators per report, per unit and in total, by kind of reason', () => {
    expect(unscoredIndicators(partial.evaluation).map((u) => [u.name, u.reason])).toEqual([
      ['培训人次', 'unreadable'], ['培训合格率', 'no-actual'], ['社会影响', 'pending'],
    ]);
    expect(unscoredIndicators(partial.evaluation)[0]!.message).toBe('指标值是数值，实际完成值应填写数值，不能只填“部分达成”');
    expect(summary.total).toMatchObject({ projects: 2, scored: 1, averageScore: whole.evaluation.total });
    expect(summary.total.indicators).toEqual({
      total: 10, scored: 7,
      unscored: [
        { reason: 'pending', label: '定性指标待评价人打分', count: 1 },
        { reason: 'no-actual', label: '未填写实际完成值', count: 1 },
        { reason: 'unreadable', label: '实际完成值无法按指标值计分', count: 1 },
      ],
    });
    expect(summary.units.map((u) => [u.name, u.indicators.total - u.indicators.scored])).toEqual([['技师学院', 0], ['培训中心', 3]]);
    expect(summary.unscored.map((r) => [r.project, r.indicators.length])).toEqual([['创业培训项目', 3]]);
    // the engine's own summary (jixiao evaluate, the forms' summary page) says the same
    expect(summarizeEvaluations([whole.evaluation, partial.evaluation]).indicators).toEqual(summary.total.indicators);
  });

  it('the printed summary says it under the title, in a column per unit and per project, and lists each with its reason', () => {
    const html = renderEvaluationSummaryHtml(summary);
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toContain('项目 2 个，已得出总分 1 个；指标 10 项，已评分 7 项');
    expect(text).toContain('注意：指标 10 项中 3 项未能评分（定性指标待评价人打分 1 项、未填写实际完成值 1 项、实际完成值无法按指标值计分 1 项），1 个项目因此未得出总分：这些项目不计入等级统计和平均分，平均分只反映已得出总分的 1 个项目。');
    expect(text).toContain('三、未能评分的指标（1 个项目）');
    for (const why of ['不能只填“部分达成”', '没有填写实际完成值', '得分应在 [18, 24)（60%–80% × 30） 之间，由评价人在此范围内打分']) expect(text).toContain(why);
    expect(text).toContain('（未填）');
    // the project without a total says 待定 and how many of its indicators are unscored
    expect(html).toMatch(/创业培训项目<\/td>(<td[^>]*>[^<]*<\/td>){3}<td class="n"><span class="err">待定<\/span><\/td><td class="c grade">待定<\/td><td class="n err">3<\/td>/);
  });

  it('a summary whose every indicator is scored has no notice and no list', () => {
    const html = renderEvaluationSummaryHtml(departmentSummary({ department: '人社局', year: 2024, demo: false, projects: [whole] }));
    expect(html).not.toContain('class="notice"');
    expect(html).not.toContain('三、未能评分的指标');
    expect(html.replace(/<[^>]+>/g, '')).toContain('指标 5 项，已评分 5 项');
  });

  it('the XLSX: a 未评分指标 column on both sheets, the note, and a sheet listing each with its reason', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await evaluationSummaryXlsx(summary)) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按单位汇总', '项目明细', '未评分指标']);
    const a = wb.getWorksheet('按单位汇总')!;
    expect([a.getCell('D3').value, a.getCell('D5').value, a.getCell('D6').value, a.getCell('D7').value]).toEqual(['未评分指标', 3, 0, 3]);
    expect(String(a.getCell('A9').value)).toContain('注意：指标 10 项中 3 项未能评分');
    const b = wb.getWorksheet('项目明细')!;
    expect([b.getCell('G5').value, b.getCell('I5').value]).toEqual(['待定', 3]);
    const c = wb.getWorksheet('未评分指标')!;
    const rows = [4, 5, 6].map((r) => [c.getCell(r, 3).value, c.getCell(r, 4).value, c.getCell(r, 6).value]);
    expect(rows).toEqual([['创业培训项目', '培训人次', '部分达成'], ['创业培训项目', '培训合格率', '（未填）'], ['创业培训项目', '社会影响', '部分达成']]);
    expect(String(c.getCell('G4').value)).toContain('不能只填“部分达成”');
  });
});
