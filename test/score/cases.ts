// Scoring cases computed by hand from the rules of issue 13 (before the code was run): target as written,
// actual as written, weight → score and rule. null: not scored (an error, or a qualitative score missing).
import type { ScoreConfigInput } from '../../src/score/index.js';

export interface Case {
  readonly target: string;
  readonly actual: string | number | readonly (string | number)[];
  readonly weight: number;
  readonly score: number | null;
  readonly rule: string | null;
  /** the person's score, for a qualitative target */
  readonly entered?: number;
  readonly config?: ScoreConfigInput;
  readonly year?: number;
  /** a word the explanation or error must hold */
  readonly says?: string;
}

export const CASES: readonly Case[] = [
  // ── positive: actual ≥ target → w; otherwise actual ÷ target × w ─────────────────────────
  { target: '≥90%', actual: '95%', weight: 10, score: 10, rule: 'positive' },
  { target: '≥90%', actual: '90%', weight: 10, score: 10, rule: 'positive' },
  { target: '≥90%', actual: '45%', weight: 10, score: 5, rule: 'positive', says: '45 ÷ 90 × 10' },
  { target: '≥90%', actual: '81%', weight: 10, score: 9, rule: 'positive' },
  { target: '＞90％', actual: '72%', weight: 10, score: 8, rule: 'positive' },
  { target: '≥90%', actual: '７２％', weight: 10, score: 8, rule: 'positive' },
  { target: '≧85%', actual: '85%', weight: 5, score: 5, rule: 'positive' },
  { target: '⩾95%', actual: '76%', weight: 20, score: 16, rule: 'positive' },
  { target: '90%或以上', actual: '60%', weight: 6, score: 4, rule: 'positive' },
  { target: '不少于2次/年', actual: '1次/年', weight: 10, score: 5, rule: 'positive' },
  { target: '不少于2次', actual: '1次', weight: 10, score: 5, rule: 'positive' },
  { target: '≥1000人', actual: '250人', weight: 8, score: 2, rule: 'positive' },
  { target: '≥1.665万人', actual: '16650人', weight: 10, score: 10, rule: 'positive' },
  { target: '≥1.665万人', actual: '0.8325万人', weight: 10, score: 5, rule: 'positive' },
  { target: '≥2万人', actual: '5000人', weight: 10, score: 2.5, rule: 'positive' },
  { target: '≥20000人', actual: '1万人', weight: 10, score: 5, rule: 'positive' },
  { target: '约14000人', actual: '7000人', weight: 10, score: 5, rule: 'positive' },
  { target: '100%', actual: '99%', weight: 10, score: 9.9, rule: 'positive' },
  { target: '=100%', actual: '50%', weight: 10, score: 5, rule: 'positive' },
  { target: '≥90%', actual: '200%', weight: 10, score: 10, rule: 'positive' },
  { target: '≥90%', actual: 45, weight: 10, score: 5, rule: 'positive', says: '按指标值的单位' },
  { target: '≥90%', actual: '0%', weight: 10, score: 0, rule: 'positive' },
  { target: '≥90%', actual: '-5%', weight: 10, score: 0, rule: 'positive', says: '-5%' },
  { target: '≤2宗', actual: '-1宗', weight: 10, score: 10, rule: 'reverse' },
  { target: '≥90%', actual: '95%', weight: 10, entered: 5, score: 10, rule: 'positive', says: '未采用' },
  { target: '≥10篇', actual: '3篇', weight: 7, score: 2.1, rule: 'positive' },
  { target: '≥3个', actual: '2个', weight: 10, score: 6.67, rule: 'positive' },
  { target: '≥3个', actual: '1个', weight: 10, score: 3.33, rule: 'positive' },
  { target: '三级', actual: '二级', weight: 10, score: 6.67, rule: 'positive' },
  { target: '≥500万元', actual: '600万元', weight: 10, score: 10, rule: 'positive' },
  { target: '≥500万元', actual: '2500000元', weight: 10, score: 5, rule: 'positive' },
  { target: '≥1亿元', actual: '5000万元', weight: 10, score: 5, rule: 'positive' },
  { target: '≥90%', actual: '900‰', weight: 10, score: 10, rule: 'positive' },
  { target: '≥90%', actual: '450‰', weight: 10, score: 5, rule: 'positive' },
  { target: '≥0人', actual: '0人', weight: 10, score: 10, rule: 'positive' },
  { target: '>5次', actual: '5次', weight: 10, score: 10, rule: 'positive' },
  { target: '达到95%', actual: '38%', weight: 10, score: 4, rule: 'positive' },
  { target: '≥8小时', actual: '240分钟', weight: 10, score: 5, rule: 'positive' },
  { target: '≥1天', actual: '12小时', weight: 10, score: 5, rule: 'positive' },
  { target: '≥90分', actual: '81分', weight: 10, score: 9, rule: 'positive' },
  { target: '百余名', actual: '50名', weight: 10, score: 5, rule: 'positive' },
  { target: '完成率100%', actual: '完成率80%', weight: 10, score: 8, rule: 'positive' },
  { target: '≥ 90 %', actual: '99 %', weight: 10, score: 10, rule: 'positive' },

  // ── reverse: actual ≤ target → w; (1 − (a − t) ÷ t) × w, 0 at twice the target ─────────────
  { target: '≤2宗', actual: '3宗', weight: 10, score: 5, rule: 'reverse', says: '(1 − (3 − 2) ÷ 2) × 10' },
  { target: '≤2宗', actual: '2宗', weight: 10, score: 10, rule: 'reverse' },
  { target: '≤2宗', actual: '1宗', weight: 10, score: 10, rule: 'reverse' },
  { target: '≤2宗', actual: '4宗', weight: 10, score: 0, rule: 'reverse' },
  { target: '≤2宗', actual: '5宗', weight: 10, score: 0, rule: 'reverse' },
  { target: '≦10万元', actual: '12万元', weight: 10, score: 8, rule: 'reverse' },
  { target: '＜3次', actual: '3次', weight: 10, score: 10, rule: 'reverse' },
  { target: '﹤3次', actual: '4.5次', weight: 6, score: 3, rule: 'reverse' },
  { target: '不超过5天', actual: '6天', weight: 10, score: 8, rule: 'reverse' },
  { target: '少于1宗', actual: '0宗', weight: 10, score: 10, rule: 'reverse' },
  { target: '≤0起', actual: '0起', weight: 10, score: 10, rule: 'reverse' },
  { target: '≤0起', actual: '1起', weight: 10, score: 0, rule: 'reverse', says: '指标值为 0' },
  { target: '零故障', actual: '0', weight: 5, score: 5, rule: 'reverse' },
  { target: '零故障', actual: '1次', weight: 5, score: 0, rule: 'reverse' },
  { target: '≤30分钟', actual: '1小时', weight: 10, score: 0, rule: 'reverse' },
  { target: '≤30分钟', actual: '0.6小时', weight: 10, score: 8, rule: 'reverse' },
  { target: '≤2小时', actual: '90分钟', weight: 10, score: 10, rule: 'reverse' },
  { target: '≤5%', actual: '6%', weight: 10, score: 8, rule: 'reverse' },
  { target: '≤1万元', actual: '15000元', weight: 10, score: 5, rule: 'reverse' },
  { target: '≤2宗', actual: '3宗', weight: 10, score: 6.67, rule: 'reverse', config: { reverseFormula: 'ratio' }, says: '2 ÷ 3 × 10' },
  { target: '≤2宗', actual: '8宗', weight: 10, score: 2.5, rule: 'reverse', config: { reverseFormula: 'ratio' } },

  // ── range: inside → w; below → positive on min; above → reverse on max ──────────────────
  { target: '4-8个团组', actual: '6个团组', weight: 10, score: 10, rule: 'range' },
  { target: '4-8个团组', actual: '4个团组', weight: 10, score: 10, rule: 'range' },
  { target: '4-8个团组', actual: '8个团组', weight: 10, score: 10, rule: 'range' },
  { target: '4-8个团组', actual: '2个团组', weight: 10, score: 5, rule: 'range', says: '下限' },
  { target: '4-8个团组', actual: '10个团组', weight: 10, score: 7.5, rule: 'range', says: '上限' },
  { target: '4-8个团组', actual: '16个团组', weight: 10, score: 0, rule: 'range' },
  { target: '90%~95%', actual: '99%', weight: 10, score: 9.58, rule: 'range' },
  { target: '90%~95%', actual: '45%', weight: 10, score: 5, rule: 'range' },
  { target: '2-24小时', actual: '1小时', weight: 10, score: 5, rule: 'range' },

  // ── deadline: on or before → w; late → 0 (or the configured share) ─────────────────────
  { target: '2024年11月前', actual: '2024年11月20日', weight: 10, score: 10, rule: 'deadline' },
  { target: '2024年11月前', actual: '2024年11月30日', weight: 10, score: 10, rule: 'deadline' },
  { target: '2024年11月前', actual: '2024年12月1日', weight: 10, score: 0, rule: 'deadline', says: '晚于期限' },
  { target: '2024年11月前', actual: '2024-11-15', weight: 10, score: 10, rule: 'deadline' },
  { target: '2024年11月前', actual: '未完成', weight: 10, score: 0, rule: 'deadline' },
  { target: '2024年底', actual: '2024年12月31日', weight: 10, score: 10, rule: 'deadline' },
  { target: '2024年底', actual: '2025年1月2日', weight: 10, score: 0, rule: 'deadline' },
  { target: '每年12月31日前', actual: '2025年12月31日', weight: 10, score: 10, rule: 'deadline', year: 2025 },
  { target: '每年12月31日前', actual: '2025年12月31日', weight: 10, score: null, rule: 'deadline', says: '没有写年份' },
  { target: '2024年11月前', actual: '2024年11月20日', weight: 10, score: 0, rule: 'deadline', config: { deadlineStrict: true } },
  { target: '2024年11月前', actual: '2024年10月31日', weight: 10, score: 10, rule: 'deadline', config: { deadlineStrict: true } },
  { target: '2024年11月前', actual: '2024年12月5日', weight: 10, score: 5, rule: 'deadline', config: { deadlineLate: 0.5 } },
  { target: '2024年6月30日前', actual: '2024年6月', weight: 10, score: 10, rule: 'deadline' },
  { target: '2024年6月15日前', actual: '2024年6月', weight: 10, score: 0, rule: 'deadline', says: '按该月最后一天' },

  // ── qualitative: the person's score within the band of the level ────────────────────────
  { target: '良好', actual: '达成', weight: 10, entered: 8, score: 8, rule: 'qualitative' },
  { target: '良好', actual: '达成', weight: 10, entered: 10, score: 10, rule: 'qualitative' },
  { target: '良好', actual: '达成', weight: 10, entered: 7.9, score: null, rule: 'qualitative', says: '[8, 10]' },
  { target: '良好', actual: '部分达成', weight: 10, entered: 6, score: 6, rule: 'qualitative' },
  { target: '良好', actual: '部分达成', weight: 10, entered: 8, score: null, rule: 'qualitative', says: '[6, 8)' },
  { target: '良好', actual: '未达成', weight: 10, entered: 0, score: 0, rule: 'qualitative' },
  { target: '良好', actual: '未达成', weight: 10, entered: 6, score: null, rule: 'qualitative' },
  { target: '良好', actual: '未达成', weight: 20, entered: 11.9, score: 11.9, rule: 'qualitative' },
  { target: '良好', actual: '达成', weight: 10, score: null, rule: 'qualitative', says: '由评价人' },
  { target: '有效提升', actual: '部分达成', weight: 15, score: null, rule: 'qualitative', says: '[9, 12)' },
  { target: '良好', actual: '95%', weight: 10, score: null, rule: 'qualitative', says: '达成、部分达成 或 未达成' },

  // ── compound: each part scored; and → mean, or → best ──────────────────────────────────
  { target: '教师获奖≥4项 学生获奖≥10项', actual: '教师获奖4项 学生获奖10项', weight: 10, score: 10, rule: 'compound' },
  { target: '教师获奖≥4项 学生获奖≥10项', actual: '教师获奖2项 学生获奖10项', weight: 10, score: 7.5, rule: 'compound', says: '取平均' },
  { target: '教师获奖≥4项 学生获奖≥10项', actual: ['2项', '5项'], weight: 10, score: 5, rule: 'compound' },
  { target: '论文2篇或课题2项', actual: '1项', weight: 10, score: 5, rule: 'compound', says: '不适用' },
  { target: '论文2篇或课题2项', actual: ['1篇', '2项'], weight: 10, score: 10, rule: 'compound', says: '取最高' },
  { target: '满意度≥90%，投诉≤2宗', actual: ['95%', '3宗'], weight: 10, score: 7.5, rule: 'compound' },
  { target: '教师获奖≥4项 学生获奖≥10项', actual: '3项', weight: 10, score: null, rule: 'compound', says: '逐项填写' },

  // ── errors: never a guess ───────────────────────────────────────────────────────────────
  { target: '≥90%', actual: '很好', weight: 10, score: null, rule: 'positive', says: '无法读出' },
  { target: '≥90%', actual: '85人', weight: 10, score: null, rule: 'positive', says: '不是同一种计量' },
  { target: '≥1000人', actual: '1000次', weight: 10, score: null, rule: 'positive', says: '不是同一种计量' },
  { target: '≥1.665万人', actual: '16650人次', weight: 10, score: null, rule: 'positive' },
  { target: '≥90%', actual: '', weight: 10, score: null, rule: 'positive', says: '没有填写' },
  { target: '', actual: '3', weight: 10, score: null, rule: null, says: '指标值为空' },
  { target: '≥90%', actual: '≥95%', weight: 10, score: null, rule: 'positive', says: '比较符号' },
  { target: '≤2宗', actual: '达成', weight: 10, score: null, rule: 'reverse' },
  { target: '2024年11月前', actual: '3次', weight: 10, score: null, rule: 'deadline' },
  { target: '≥90%', actual: '2024年10月', weight: 10, score: null, rule: 'positive', says: '日期' },
  { target: '2024年11月前', actual: '2024年13月1日', weight: 10, score: null, rule: 'deadline', says: '不是有效的日期' },
];
