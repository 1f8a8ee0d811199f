// Hand-written expectations for parseTarget: every `expect` below was written from the reading rules
// (normalise → kind → op → value → unit → normalized → subject → per → note), not copied from parser
// output. The test compares `parseTarget(raw)` with `{ raw, ...expect }`, so every optional field that
// does not apply is left out. Lines marked `// judgement:` are readings the rules do not settle.
//
// Every raw string comes from test/targets/seed-targets.txt (the distinct 实施周期指标值/年度指标值 of the
// five seed tables) unless it sits in a section marked "synthesised".
import type { Target } from '../../src/targets/types.js';

export interface Case {
  readonly raw: string;
  readonly expect: Omit<Target, 'raw'>;
}

export const cases: readonly Case[] = [
  // ── empty ───────────────────────────────────────────────────────────────────────────────────────
  { raw: '', expect: { kind: 'empty' } },
  // synthesised: the other spellings of "nothing" the rule names
  { raw: '   ', expect: { kind: 'empty' } },
  { raw: '-', expect: { kind: 'empty' } },
  { raw: '—', expect: { kind: 'empty' } },
  { raw: '/', expect: { kind: 'empty' } },

  // ── qualitative: no number at all ───────────────────────────────────────────────────────────────
  { raw: '良好', expect: { kind: 'qualitative' } },
  { raw: '是', expect: { kind: 'qualitative' } },
  { raw: '有效提升', expect: { kind: 'qualitative' } },
  { raw: '持续扩大', expect: { kind: 'qualitative' } },
  { raw: '按时完成', expect: { kind: 'qualitative' } },
  { raw: '和谐稳定', expect: { kind: 'qualitative' } },
  { raw: '定量指标', expect: { kind: 'qualitative' } },
  { raw: '非量化指标', expect: { kind: 'qualitative' } },
  { raw: '为市领导决策提供数据支撑', expect: { kind: 'qualitative' } },
  { raw: '合法合规', expect: { kind: 'qualitative' } },
  { raw: '不低于上年', expect: { kind: 'qualitative' } },
  { raw: '进一步提高', expect: { kind: 'qualitative' } },
  { raw: '按当年度市下达任务数', expect: { kind: 'qualitative' } },
  { raw: '采购价格≤预算价格', expect: { kind: 'qualitative' } },
  { raw: '无重大网络安全事件', expect: { kind: 'qualitative' } },
  { raw: '达到节能降噪减排效果', expect: { kind: 'qualitative' } },
  { raw: '长期', expect: { kind: 'qualitative' } },
  { raw: '全天', expect: { kind: 'qualitative' } },
  { raw: '每周', expect: { kind: 'qualitative' } },
  { raw: '招募率', expect: { kind: 'qualitative' } },
  { raw: '年度计划数', expect: { kind: 'qualitative' } },
  { raw: '按月提供', expect: { kind: 'qualitative' } },
  { raw: '安全保障、平稳有序', expect: { kind: 'qualitative' } },
  { raw: '较快交付，性能较优', expect: { kind: 'qualitative' } },
  { raw: '项目实施前后对比，环境得到改善', expect: { kind: 'qualitative' } },
  { raw: '工程质量合格，通过竣工验收。', expect: { kind: 'qualitative' } },
  { raw: '增强“三支一扶”人员的归属感', expect: { kind: 'qualitative' } },
  {
    raw: '通过对留学人才创业、高层次留学人员提供配套资助，支持一批留学人员来穗创业创新，助推粤港澳大湾区高水平人才高地建设。',
    expect: { kind: 'qualitative' },
  },
  // Chinese numerals inside prose are not a number (rule 4)
  { raw: '全市七个区协管员工资按比例分摊', expect: { kind: 'qualitative' } },
  { raw: '七个区协管员工资分摊', expect: { kind: 'qualitative' } },

  // ── percentages, every operator spelling ────────────────────────────────────────────────────────
  { raw: '100%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%' } },
  { raw: '90%', expect: { kind: 'numeric', op: '=', value: 90, unit: '%' } },
  { raw: '0%', expect: { kind: 'numeric', op: '=', value: 0, unit: '%' } },
  { raw: '2.5%', expect: { kind: 'numeric', op: '=', value: 2.5, unit: '%' } },
  { raw: '99.9%', expect: { kind: 'numeric', op: '=', value: 99.9, unit: '%' } },
  { raw: '100.00%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%' } },
  { raw: '100％', expect: { kind: 'numeric', op: '=', value: 100, unit: '%' } },
  { raw: '≥90%', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%' } },
  { raw: '≥95%', expect: { kind: 'numeric', op: '>=', value: 95, unit: '%' } },
  { raw: '≥98%', expect: { kind: 'numeric', op: '>=', value: 98, unit: '%' } },
  { raw: '≥85%', expect: { kind: 'numeric', op: '>=', value: 85, unit: '%' } },
  { raw: '≥99.9%', expect: { kind: 'numeric', op: '>=', value: 99.9, unit: '%' } },
  { raw: '≧90%', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%' } },
  { raw: '≧85%', expect: { kind: 'numeric', op: '>=', value: 85, unit: '%' } },
  { raw: '大于等于90%', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%' } },
  { raw: '大于等于97.5%', expect: { kind: 'numeric', op: '>=', value: 97.5, unit: '%' } },
  { raw: '不低于95%', expect: { kind: 'numeric', op: '>=', value: 95, unit: '%' } },
  { raw: '不少于98%', expect: { kind: 'numeric', op: '>=', value: 98, unit: '%' } },
  { raw: '不小于98%', expect: { kind: 'numeric', op: '>=', value: 98, unit: '%' } },
  { raw: '90%或以上', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%' } },
  { raw: '95%或以上', expect: { kind: 'numeric', op: '>=', value: 95, unit: '%' } },
  { raw: '80%或以上', expect: { kind: 'numeric', op: '>=', value: 80, unit: '%' } },
  { raw: '60%或以上', expect: { kind: 'numeric', op: '>=', value: 60, unit: '%' } },
  { raw: '90%以上', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%' } },
  { raw: '95%以上', expect: { kind: 'numeric', op: '>=', value: 95, unit: '%' } },
  { raw: '99%以上', expect: { kind: 'numeric', op: '>=', value: 99, unit: '%' } },
  { raw: '90%及以上', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%' } },
  { raw: '95%及以上', expect: { kind: 'numeric', op: '>=', value: 95, unit: '%' } },
  { raw: '30%及以上', expect: { kind: 'numeric', op: '>=', value: 30, unit: '%' } },
  { raw: '＞90%', expect: { kind: 'numeric', op: '>', value: 90, unit: '%' } },
  { raw: '>95%', expect: { kind: 'numeric', op: '>', value: 95, unit: '%' } },
  { raw: '>80%', expect: { kind: 'numeric', op: '>', value: 80, unit: '%' } },
  { raw: '<5%', expect: { kind: 'numeric', op: '<', value: 5, unit: '%' } },
  { raw: '＜5%', expect: { kind: 'numeric', op: '<', value: 5, unit: '%' } },
  { raw: '＜10%', expect: { kind: 'numeric', op: '<', value: 10, unit: '%' } },
  { raw: '<1%', expect: { kind: 'numeric', op: '<', value: 1, unit: '%' } },
  { raw: '≤8%', expect: { kind: 'numeric', op: '<=', value: 8, unit: '%' } },
  { raw: '≤2%', expect: { kind: 'numeric', op: '<=', value: 2, unit: '%' } },
  { raw: '1%以下', expect: { kind: 'numeric', op: '<=', value: 1, unit: '%' } },
  { raw: '10%或以下', expect: { kind: 'numeric', op: '<=', value: 10, unit: '%' } },

  // ── bare numbers (unit '') ──────────────────────────────────────────────────────────────────────
  { raw: '0', expect: { kind: 'numeric', op: '=', value: 0, unit: '' } },
  { raw: '1', expect: { kind: 'numeric', op: '=', value: 1, unit: '' } },
  { raw: '3354', expect: { kind: 'numeric', op: '=', value: 3354, unit: '' } },
  { raw: '16619.8', expect: { kind: 'numeric', op: '=', value: 16619.8, unit: '' } },
  { raw: '≥10000', expect: { kind: 'numeric', op: '>=', value: 10000, unit: '' } },
  { raw: '≧1220', expect: { kind: 'numeric', op: '>=', value: 1220, unit: '' } },
  { raw: '＞12000', expect: { kind: 'numeric', op: '>', value: 12000, unit: '' } },
  { raw: '＞300', expect: { kind: 'numeric', op: '>', value: 300, unit: '' } },
  { raw: '＜1.4', expect: { kind: 'numeric', op: '<', value: 1.4, unit: '' } },
  { raw: '<1.4', expect: { kind: 'numeric', op: '<', value: 1.4, unit: '' } },
  { raw: '＜550', expect: { kind: 'numeric', op: '<', value: 550, unit: '' } },
  { raw: '＜20', expect: { kind: 'numeric', op: '<', value: 20, unit: '' } },
  { raw: '<30', expect: { kind: 'numeric', op: '<', value: 30, unit: '' } },
  { raw: '<=3', expect: { kind: 'numeric', op: '<=', value: 3, unit: '' } },
  { raw: '<=5', expect: { kind: 'numeric', op: '<=', value: 5, unit: '' } },
  { raw: '≤110', expect: { kind: 'numeric', op: '<=', value: 110, unit: '' } },

  // ── counts with units ───────────────────────────────────────────────────────────────────────────
  { raw: '0次', expect: { kind: 'numeric', op: '=', value: 0, unit: '次' } },
  { raw: '0起', expect: { kind: 'numeric', op: '=', value: 0, unit: '起' } },
  { raw: '0件', expect: { kind: 'numeric', op: '=', value: 0, unit: '件' } },
  { raw: '1次', expect: { kind: 'numeric', op: '=', value: 1, unit: '次' } },
  { raw: '2个', expect: { kind: 'numeric', op: '=', value: 2, unit: '个' } },
  { raw: '1项', expect: { kind: 'numeric', op: '=', value: 1, unit: '项' } },
  { raw: '1份', expect: { kind: 'numeric', op: '=', value: 1, unit: '份' } },
  { raw: '1套', expect: { kind: 'numeric', op: '=', value: 1, unit: '套' } },
  { raw: '2台', expect: { kind: 'numeric', op: '=', value: 2, unit: '台' } },
  { raw: '2篇', expect: { kind: 'numeric', op: '=', value: 2, unit: '篇' } },
  { raw: '5条', expect: { kind: 'numeric', op: '=', value: 5, unit: '条' } },
  { raw: '1本', expect: { kind: 'numeric', op: '=', value: 1, unit: '本' } },
  { raw: '2辆', expect: { kind: 'numeric', op: '=', value: 2, unit: '辆' } },
  { raw: '3种', expect: { kind: 'numeric', op: '=', value: 3, unit: '种' } },
  { raw: '3家', expect: { kind: 'numeric', op: '=', value: 3, unit: '家' } },
  { raw: '60场', expect: { kind: 'numeric', op: '=', value: 60, unit: '场' } },
  { raw: '2067亩', expect: { kind: 'numeric', op: '=', value: 2067, unit: '亩' } },
  { raw: '850间', expect: { kind: 'numeric', op: '=', value: 850, unit: '间' } },
  { raw: '100小时', expect: { kind: 'numeric', op: '=', value: 100, unit: '小时' } },
  { raw: '50人天', expect: { kind: 'numeric', op: '=', value: 50, unit: '人天' } },
  { raw: '2500人次', expect: { kind: 'numeric', op: '=', value: 2500, unit: '人次' } },
  { raw: '10630平方米', expect: { kind: 'numeric', op: '=', value: 10630, unit: '平方米' } },
  { raw: '10527.44平方米', expect: { kind: 'numeric', op: '=', value: 10527.44, unit: '平方米' } },
  { raw: '10527.44 平方米', expect: { kind: 'numeric', op: '=', value: 10527.44, unit: '平方米' } },
  { raw: '3100 人', expect: { kind: 'numeric', op: '=', value: 3100, unit: '人' } },
  { raw: '≥ 280人', expect: { kind: 'numeric', op: '>=', value: 280, unit: '人' } },
  { raw: '≥ 200 人', expect: { kind: 'numeric', op: '>=', value: 200, unit: '人' } },
  { raw: '≥1000人', expect: { kind: 'numeric', op: '>=', value: 1000, unit: '人' } },
  { raw: '≥150人次', expect: { kind: 'numeric', op: '>=', value: 150, unit: '人次' } },
  { raw: '≥4门', expect: { kind: 'numeric', op: '>=', value: 4, unit: '门' } },
  { raw: '≥1套', expect: { kind: 'numeric', op: '>=', value: 1, unit: '套' } },
  { raw: '≥1倍', expect: { kind: 'numeric', op: '>=', value: 1, unit: '倍' } },
  { raw: '≥16期', expect: { kind: 'numeric', op: '>=', value: 16, unit: '期' } },
  { raw: '≥700课时', expect: { kind: 'numeric', op: '>=', value: 700, unit: '课时' } },
  { raw: '≤3次', expect: { kind: 'numeric', op: '<=', value: 3, unit: '次' } },
  { raw: '≤2宗', expect: { kind: 'numeric', op: '<=', value: 2, unit: '宗' } },
  { raw: '<=5分钟', expect: { kind: 'numeric', op: '<=', value: 5, unit: '分钟' } },
  { raw: '小于等于3次', expect: { kind: 'numeric', op: '<=', value: 3, unit: '次' } },
  { raw: '不少于2次', expect: { kind: 'numeric', op: '>=', value: 2, unit: '次' } },
  { raw: '不少于20人', expect: { kind: 'numeric', op: '>=', value: 20, unit: '人' } },
  { raw: '不少于200批次', expect: { kind: 'numeric', op: '>=', value: 200, unit: '批次' } },
  { raw: '不少于50篇', expect: { kind: 'numeric', op: '>=', value: 50, unit: '篇' } },
  { raw: '不少于200人次。', expect: { kind: 'numeric', op: '>=', value: 200, unit: '人次' } },
  { raw: '不低于170个', expect: { kind: 'numeric', op: '>=', value: 170, unit: '个' } },
  { raw: '大于或等于10个', expect: { kind: 'numeric', op: '>=', value: 10, unit: '个' } },
  { raw: '大于12000宗', expect: { kind: 'numeric', op: '>', value: 12000, unit: '宗' } },
  { raw: '大于5种', expect: { kind: 'numeric', op: '>', value: 5, unit: '种' } },
  { raw: '>144000件', expect: { kind: 'numeric', op: '>', value: 144000, unit: '件' } },
  { raw: '>10000份', expect: { kind: 'numeric', op: '>', value: 10000, unit: '份' } },
  { raw: '>80人次', expect: { kind: 'numeric', op: '>', value: 80, unit: '人次' } },
  { raw: '少于5次', expect: { kind: 'numeric', op: '<', value: 5, unit: '次' } },
  { raw: '少于1宗', expect: { kind: 'numeric', op: '<', value: 1, unit: '宗' } },
  { raw: '小于5次', expect: { kind: 'numeric', op: '<', value: 5, unit: '次' } },
  { raw: '250家或以上', expect: { kind: 'numeric', op: '>=', value: 250, unit: '家' } },
  { raw: '500人或以上', expect: { kind: 'numeric', op: '>=', value: 500, unit: '人' } },
  { raw: '1间或以上', expect: { kind: 'numeric', op: '>=', value: 1, unit: '间' } },
  { raw: '6门或以上', expect: { kind: 'numeric', op: '>=', value: 6, unit: '门' } },
  { raw: '6项以上', expect: { kind: 'numeric', op: '>=', value: 6, unit: '项' } },
  { raw: '20人以上', expect: { kind: 'numeric', op: '>=', value: 20, unit: '人' } },
  { raw: '140人次以上', expect: { kind: 'numeric', op: '>=', value: 140, unit: '人次' } },
  // no known unit: the trailing CJK characters are the unit (rule 5)
  { raw: '200平方', expect: { kind: 'numeric', op: '=', value: 200, unit: '平方' } },
  { raw: '0事故', expect: { kind: 'numeric', op: '=', value: 0, unit: '事故' } },
  // judgement: 位 is not a known unit; read the fallback unit as the CJK text before the suffix operator 以上
  { raw: '2位以上', expect: { kind: 'numeric', op: '>=', value: 2, unit: '位' } },
  // judgement: 场次 is not in the unit list; longest match would give unit 场 + note 次 — read 场次 as the unit
  { raw: '不少于150场次', expect: { kind: 'numeric', op: '>=', value: 150, unit: '场次' } },
  // judgement: 场次 as the unit (see 不少于150场次)
  { raw: '至少2场次', expect: { kind: 'numeric', op: '>=', value: 2, unit: '场次' } },
  // judgement: 场次 as the unit, 活动 the note (longest match would give unit 场, note 次活动)
  { raw: '32场次活动', expect: { kind: 'numeric', op: '=', value: 32, unit: '场次', note: '活动' } },
  // judgement: 家次 is not in the unit list; read it as the unit rather than 家 + note 次
  { raw: '不少于4000家次', expect: { kind: 'numeric', op: '>=', value: 4000, unit: '家次' } },
  // judgement: 台套 is not in the unit list; read it as the unit rather than 台 + note 套
  { raw: '≥5台套', expect: { kind: 'numeric', op: '>=', value: 5, unit: '台套' } },
  // judgement: rule-literal 个 + note 工作日; semantically this is a duration of 5 working days
  { raw: '5个工作日', expect: { kind: 'numeric', op: '=', value: 5, unit: '个工作日' } },

  // ── a unit in brackets right after the number ───────────────────────────────────────────────────
  { raw: '>100000（次）', expect: { kind: 'numeric', op: '>', value: 100000, unit: '次' } },
  { raw: '>1000（个）', expect: { kind: 'numeric', op: '>', value: 1000, unit: '个' } },
  { raw: '新增信息资源目录数5（个）', expect: { kind: 'numeric', op: '=', value: 5, unit: '个', subject: '新增信息资源目录数' } },

  // ── compound units with a per-period suffix ────────────────────────────────────────────────────
  { raw: '≥25人/班', expect: { kind: 'numeric', op: '>=', value: 25, unit: '人/班' } },
  { raw: '1800人次/年', expect: { kind: 'numeric', op: '=', value: 1800, unit: '人次/年' } },
  { raw: '9000人次/年', expect: { kind: 'numeric', op: '=', value: 9000, unit: '人次/年' } },
  { raw: '至少1次/周', expect: { kind: 'numeric', op: '>=', value: 1, unit: '次/周' } },
  { raw: '2次/月', expect: { kind: 'numeric', op: '=', value: 2, unit: '次/月' } },
  { raw: '2次/年', expect: { kind: 'numeric', op: '=', value: 2, unit: '次/年' } },
  { raw: '不少于2次/年', expect: { kind: 'numeric', op: '>=', value: 2, unit: '次/年' } },

  // ── 万 / 亿 units: normalized ───────────────────────────────────────────────────────────────────
  { raw: '15万', expect: { kind: 'numeric', op: '=', value: 15, unit: '万', normalized: { value: 150000, unit: '' } } },
  { raw: '3.5万', expect: { kind: 'numeric', op: '=', value: 3.5, unit: '万', normalized: { value: 35000, unit: '' } } },
  { raw: '1.85万人', expect: { kind: 'numeric', op: '=', value: 1.85, unit: '万人', normalized: { value: 18500, unit: '人' } } },
  { raw: '2万人', expect: { kind: 'numeric', op: '=', value: 2, unit: '万人', normalized: { value: 20000, unit: '人' } } },
  { raw: '0.6万人', expect: { kind: 'numeric', op: '=', value: 0.6, unit: '万人', normalized: { value: 6000, unit: '人' } } },
  { raw: '≥57万人', expect: { kind: 'numeric', op: '>=', value: 57, unit: '万人', normalized: { value: 570000, unit: '人' } } },
  { raw: '≥130万人', expect: { kind: 'numeric', op: '>=', value: 130, unit: '万人', normalized: { value: 1300000, unit: '人' } } },
  { raw: '≥0.95万人', expect: { kind: 'numeric', op: '>=', value: 0.95, unit: '万人', normalized: { value: 9500, unit: '人' } } },
  { raw: '≥0.25万人', expect: { kind: 'numeric', op: '>=', value: 0.25, unit: '万人', normalized: { value: 2500, unit: '人' } } },
  // 4.1 × 10000 is 40999.999… in floating point: the parser must round
  { raw: '≥4.1万人', expect: { kind: 'numeric', op: '>=', value: 4.1, unit: '万人', normalized: { value: 41000, unit: '人' } } },
  { raw: '≥13.7万人', expect: { kind: 'numeric', op: '>=', value: 13.7, unit: '万人', normalized: { value: 137000, unit: '人' } } },
  { raw: '≥27.3万人', expect: { kind: 'numeric', op: '>=', value: 27.3, unit: '万人', normalized: { value: 273000, unit: '人' } } },
  { raw: '不少于8万人', expect: { kind: 'numeric', op: '>=', value: 8, unit: '万人', normalized: { value: 80000, unit: '人' } } },
  { raw: '≥ 5万人次', expect: { kind: 'numeric', op: '>=', value: 5, unit: '万人次', normalized: { value: 50000, unit: '人次' } } },
  { raw: '≥1万人次', expect: { kind: 'numeric', op: '>=', value: 1, unit: '万人次', normalized: { value: 10000, unit: '人次' } } },
  { raw: '≥2.7万人次', expect: { kind: 'numeric', op: '>=', value: 2.7, unit: '万人次', normalized: { value: 27000, unit: '人次' } } },
  { raw: '20万人次', expect: { kind: 'numeric', op: '=', value: 20, unit: '万人次', normalized: { value: 200000, unit: '人次' } } },
  { raw: '10万次', expect: { kind: 'numeric', op: '=', value: 10, unit: '万次', normalized: { value: 100000, unit: '次' } } },
  { raw: '100万次', expect: { kind: 'numeric', op: '=', value: 100, unit: '万次', normalized: { value: 1000000, unit: '次' } } },
  { raw: '72万份', expect: { kind: 'numeric', op: '=', value: 72, unit: '万份', normalized: { value: 720000, unit: '份' } } },
  { raw: '不少于0.2万元', expect: { kind: 'numeric', op: '>=', value: 0.2, unit: '万元', normalized: { value: 2000, unit: '元' } } },
  { raw: '≥3.9亿元', expect: { kind: 'numeric', op: '>=', value: 3.9, unit: '亿元', normalized: { value: 390000000, unit: '元' } } },
  // 9.2 × 100000000 is 919999999.99… in floating point: the parser must round
  { raw: '≥9.2亿元', expect: { kind: 'numeric', op: '>=', value: 9.2, unit: '亿元', normalized: { value: 920000000, unit: '元' } } },
  {
    raw: '年访问量≥30万次',
    expect: { kind: 'numeric', op: '>=', value: 30, unit: '万次', normalized: { value: 300000, unit: '次' }, subject: '年访问量' },
  },
  // judgement: 万条 is not in the list; read 万 + known unit 条 as unit 万条 (rule 6 `万X`) rather than unit 万 + note 条
  { raw: '≥300万条', expect: { kind: 'numeric', op: '>=', value: 300, unit: '万条', normalized: { value: 3000000, unit: '条' } } },
  // judgement: 万件 read as one unit (see ≥300万条)
  { raw: '不少于10万件', expect: { kind: 'numeric', op: '>=', value: 10, unit: '万件', normalized: { value: 100000, unit: '件' } } },
  // judgement: 万学时 read as one unit (see ≥300万条)
  { raw: '≥680万学时', expect: { kind: 'numeric', op: '>=', value: 680, unit: '万学时', normalized: { value: 6800000, unit: '学时' } } },
  // judgement: 万件 read as one unit (see ≥300万条)
  {
    raw: '年度业务办理量3万件',
    expect: { kind: 'numeric', op: '=', value: 3, unit: '万件', normalized: { value: 30000, unit: '件' }, subject: '年度业务办理量' },
  },

  // ── ㎡ alias ────────────────────────────────────────────────────────────────────────────────────
  { raw: '111848.37㎡', expect: { kind: 'numeric', op: '=', value: 111848.37, unit: '㎡', normalized: { value: 111848.37, unit: '平方米' } } },
  { raw: '15667.58㎡', expect: { kind: 'numeric', op: '=', value: 15667.58, unit: '㎡', normalized: { value: 15667.58, unit: '平方米' } } },

  // ── network units (Latin, longest match first) ──────────────────────────────────────────────────
  { raw: '≥1000M', expect: { kind: 'numeric', op: '>=', value: 1000, unit: 'M' } },
  { raw: '≥10Gbps', expect: { kind: 'numeric', op: '>=', value: 10, unit: 'Gbps' } },
  { raw: '≤10ms', expect: { kind: 'numeric', op: '<=', value: 10, unit: 'ms' } },
  { raw: '＞600Mbps', expect: { kind: 'numeric', op: '>', value: 600, unit: 'Mbps' } },
  { raw: '≥40G', expect: { kind: 'numeric', op: '>=', value: 40, unit: 'G' } },
  // judgement: rule-literal 4 G; in the source this may mean "4G" (the mobile network), not 4 gigabytes
  { raw: '4G', expect: { kind: 'numeric', op: '=', value: 4, unit: 'G' } },
  { raw: '提升30G以上', expect: { kind: 'numeric', op: '>=', value: 30, unit: 'G', subject: '提升' } },
  { raw: '骨干网络带宽不低于1000Mbps', expect: { kind: 'numeric', op: '>=', value: 1000, unit: 'Mbps', subject: '骨干网络带宽' } },

  // ── approximate ─────────────────────────────────────────────────────────────────────────────────
  { raw: '约14000人', expect: { kind: 'numeric', op: '≈', value: 14000, unit: '人' } },
  { raw: '约600间', expect: { kind: 'numeric', op: '≈', value: 600, unit: '间' } },
  { raw: '约1200人次', expect: { kind: 'numeric', op: '≈', value: 1200, unit: '人次' } },
  { raw: '约1237人', expect: { kind: 'numeric', op: '≈', value: 1237, unit: '人' } },
  { raw: '百余名', expect: { kind: 'numeric', op: '≈', value: 100, unit: '名' } },
  { raw: '50余所同类院校', expect: { kind: 'numeric', op: '≈', value: 50, unit: '所', note: '同类院校' } },

  // ── Chinese numerals (whole value is numeral + unit) ────────────────────────────────────────────
  { raw: '三级', expect: { kind: 'numeric', op: '=', value: 3, unit: '级' } },
  { raw: '二级', expect: { kind: 'numeric', op: '=', value: 2, unit: '级' } },
  { raw: '零故障', expect: { kind: 'numeric', op: '=', value: 0, unit: '故障' } },
  // judgement: numeral + unit + suffix operator + bracketed note — read as a number although not "numeral + unit" only
  { raw: '一周以内（一般整改）', expect: { kind: 'numeric', op: '<=', value: 1, unit: '周', note: '（一般整改）' } },
  // judgement: 每周 is the per prefix and 一次 is then the whole value (numeral + unit)
  { raw: '每周一次', expect: { kind: 'numeric', op: '=', value: 1, unit: '次', per: '周' } },

  // ── subject before the quantity ─────────────────────────────────────────────────────────────────
  { raw: '完成率100%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', subject: '完成率' } },
  { raw: '合格100%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', subject: '合格' } },
  { raw: '及时率100%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', subject: '及时率' } },
  { raw: '利用率100%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', subject: '利用率' } },
  { raw: '验收通过率100%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', subject: '验收通过率' } },
  { raw: '完成率90%以上', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%', subject: '完成率' } },
  { raw: '覆盖专业40%', expect: { kind: 'numeric', op: '=', value: 40, unit: '%', subject: '覆盖专业' } },
  { raw: '重大网络安全事故发生率0%', expect: { kind: 'numeric', op: '=', value: 0, unit: '%', subject: '重大网络安全事故发生率' } },
  { raw: '助学金学生受补贴助学金学生就业率95%', expect: { kind: 'numeric', op: '=', value: 95, unit: '%', subject: '助学金学生受补贴助学金学生就业率' } },
  { raw: '车辆准点率>95%', expect: { kind: 'numeric', op: '>', value: 95, unit: '%', subject: '车辆准点率' } },
  { raw: '校舍面积增长率≥18%', expect: { kind: 'numeric', op: '>=', value: 18, unit: '%', subject: '校舍面积增长率' } },
  { raw: '主干网络满意率≥90%', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%', subject: '主干网络满意率' } },
  { raw: '满意率≥90%', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%', subject: '满意率' } },
  { raw: '无事故发生天数≥99%', expect: { kind: 'numeric', op: '>=', value: 99, unit: '%', subject: '无事故发生天数' } },
  { raw: '网络可用性不低于99%', expect: { kind: 'numeric', op: '>=', value: 99, unit: '%', subject: '网络可用性' } },
  { raw: '业务分区分流改善50%以上', expect: { kind: 'numeric', op: '>=', value: 50, unit: '%', subject: '业务分区分流改善' } },
  { raw: '施工进度达到100%', expect: { kind: 'numeric', op: '>=', value: 100, unit: '%', subject: '施工进度' } },
  { raw: '参训学员的满意度达90%以上', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%', subject: '参训学员的满意度' } },
  { raw: '出国培训人员满意度达到95%以上', expect: { kind: 'numeric', op: '>=', value: 95, unit: '%', subject: '出国培训人员满意度' } },
  {
    raw: '被调查满意的出国培训人员/出国培训总人数*100%达到95%以上。',
    expect: { kind: 'numeric', op: '>=', value: 95, unit: '%', subject: '被调查满意的出国培训人员/出国培训总人数*100%' },
  },
  {
    raw: '响应时间30分钟以内比例大于等于95%',
    expect: { kind: 'numeric', op: '>=', value: 95, unit: '%', subject: '响应时间30分钟以内比例' },
  },
  { raw: '平均丢包率不大于1‰', expect: { kind: 'numeric', op: '<=', value: 1, unit: '‰', subject: '平均丢包率' } },
  { raw: '1+X证书数量≥32个', expect: { kind: 'numeric', op: '>=', value: 32, unit: '个', subject: '1+X证书数量' } },
  { raw: '平均≤6秒', expect: { kind: 'numeric', op: '<=', value: 6, unit: '秒', subject: '平均' } },
  { raw: '年度平均不低于90分', expect: { kind: 'numeric', op: '>=', value: 90, unit: '分', subject: '年度平均' } },
  { raw: '全年平均不低于90分', expect: { kind: 'numeric', op: '>=', value: 90, unit: '分', subject: '全年平均' } },
  { raw: '上半年≥60%', expect: { kind: 'numeric', op: '>=', value: 60, unit: '%', subject: '上半年' } },
  { raw: '上半年办案量≥1250', expect: { kind: 'numeric', op: '>=', value: 1250, unit: '', subject: '上半年办案量' } },
  { raw: '全年≥10000件', expect: { kind: 'numeric', op: '>=', value: 10000, unit: '件', subject: '全年' } },
  { raw: '全年不少于2000件', expect: { kind: 'numeric', op: '>=', value: 2000, unit: '件', subject: '全年' } },
  { raw: '全年收到有效投诉少于3次', expect: { kind: 'numeric', op: '<', value: 3, unit: '次', subject: '全年收到有效投诉' } },
  { raw: '收到有效投诉小于5宗', expect: { kind: 'numeric', op: '<', value: 5, unit: '宗', subject: '收到有效投诉' } },
  { raw: '用户总数≥100人', expect: { kind: 'numeric', op: '>=', value: 100, unit: '人', subject: '用户总数' } },
  { raw: '完成车辆更新购置数量≥1', expect: { kind: 'numeric', op: '>=', value: 1, unit: '', subject: '完成车辆更新购置数量' } },
  { raw: '累积社会培训1000人次', expect: { kind: 'numeric', op: '=', value: 1000, unit: '人次', subject: '累积社会培训' } },
  { raw: '增加宿位2370个', expect: { kind: 'numeric', op: '=', value: 2370, unit: '个', subject: '增加宿位' } },
  { raw: '省级以上技能竞赛奖项80个', expect: { kind: 'numeric', op: '=', value: 80, unit: '个', subject: '省级以上技能竞赛奖项' } },
  { raw: '满足实训需求的课程2门或以上', expect: { kind: 'numeric', op: '>=', value: 2, unit: '门', subject: '满足实训需求的课程' } },
  { raw: '服务不少于300人次', expect: { kind: 'numeric', op: '>=', value: 300, unit: '人次', subject: '服务' } },
  { raw: '开展推广业务3次以上', expect: { kind: 'numeric', op: '>=', value: 3, unit: '次', subject: '开展推广业务' } },
  { raw: '开展调研成果分享活动1次', expect: { kind: 'numeric', op: '=', value: 1, unit: '次', subject: '开展调研成果分享活动' } },
  { raw: '出国培训撰写报告1份', expect: { kind: 'numeric', op: '=', value: 1, unit: '份', subject: '出国培训撰写报告' } },
  { raw: '完成需求确认子项目数5个', expect: { kind: 'numeric', op: '=', value: 5, unit: '个', subject: '完成需求确认子项目数' } },
  { raw: '专业带头人立项和结项通过总数不少于45人', expect: { kind: 'numeric', op: '>=', value: 45, unit: '人', subject: '专业带头人立项和结项通过总数' } },
  { raw: '出国培训、交流学习人数2人次。', expect: { kind: 'numeric', op: '=', value: 2, unit: '人次', subject: '出国培训、交流学习人数' } },
  {
    raw: '利用税务、社保、水电燃气、物业管理、住建局广州市建设领域管理应用信息平台等领域的平台数达到5个',
    expect: {
      kind: 'numeric',
      op: '>=',
      value: 5,
      unit: '个',
      subject: '利用税务、社保、水电燃气、物业管理、住建局广州市建设领域管理应用信息平台等领域的平台数',
    },
  },
  // one quantity only, so not a compound: the clause before it is subject, punctuation kept
  { raw: '按照设计图纸完成，验收通过率100%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', subject: '按照设计图纸完成，验收通过率' } },
  { raw: '完成主基地设计、建设，设施设备到位率100%', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', subject: '完成主基地设计、建设，设施设备到位率' } },
  {
    raw: '加强学术交流，拓宽国际视野，产出交流成果报告18份',
    expect: { kind: 'numeric', op: '=', value: 18, unit: '份', subject: '加强学术交流，拓宽国际视野，产出交流成果报告' },
  },
  // judgement: one quantity, so not a compound; the trailing separator ， is trimmed from the subject along with spaces
  { raw: '安全，0次', expect: { kind: 'numeric', op: '=', value: 0, unit: '次', subject: '安全' } },
  // judgement (reconciled): the rules cannot tell that 4.0 belongs to the name 工业4.0, so the first clause reads as
  // 4 项 with the rest of 项目… as note. A known limitation, kept visible here rather than special-cased in the parser.
  {
    raw: '满足工业4.0项目国家队其他地区的选手来我院进行交流训练的需要，交流走训不低于2次',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '满足工业4.0项目国家队其他地区的选手来我院进行交流训练的需要', kind: 'numeric', op: '=', value: 4, unit: '项', subject: '满足工业', note: '目国家队其他地区的选手来我院进行交流训练的需要' },
        { raw: '交流走训不低于2次', kind: 'numeric', op: '>=', value: 2, unit: '次', subject: '交流走训' },
      ],
    },
  },
  // judgement: the leading ≥ governs the number although the subject stands between them
  { raw: '≥年度计划值600台（套）', expect: { kind: 'numeric', op: '>=', value: 600, unit: '台', subject: '年度计划值', note: '（套）' } },
  // judgement: op comes from the suffix 之内; 控制在 is not next to the number, so it is left in the subject
  { raw: '签证费控制在工程费5%之内。', expect: { kind: 'numeric', op: '<=', value: 5, unit: '%', subject: '签证费控制在工程费' } },
  // judgement: 至少 governs the number across 完成 and is removed from the subject
  { raw: '年度内至少完成1次资产盘点工作', expect: { kind: 'numeric', op: '>=', value: 1, unit: '次', subject: '年度内完成', note: '资产盘点工作' } },
  // judgement: a formula; `=` (not in the operator list) is taken as an explicit '=' before 90, so 90% is the quantity
  // and the formula before it (with its 100%) is the subject
  {
    raw: '（合同审核参与数÷合同数）×100%=90%',
    expect: { kind: 'numeric', op: '=', value: 90, unit: '%', subject: '（合同审核参与数÷合同数）×100%' },
  },

  // ── per-period prefix ───────────────────────────────────────────────────────────────────────────
  { raw: '每年不少于2次', expect: { kind: 'numeric', op: '>=', value: 2, unit: '次', per: '年' } },
  { raw: '合同期内每月1份', expect: { kind: 'numeric', op: '=', value: 1, unit: '份', per: '月', subject: '合同期内' } },
  { raw: '每月1次', expect: { kind: 'numeric', op: '=', value: 1, unit: '次', per: '月' } },
  { raw: '每月至少1次', expect: { kind: 'numeric', op: '>=', value: 1, unit: '次', per: '月' } },
  { raw: '每月大于或等于1次', expect: { kind: 'numeric', op: '>=', value: 1, unit: '次', per: '月' } },
  // judgement: 每季度 opens the string but is not next to the quantity; still read as the per prefix and lifted out of the subject
  { raw: '每季度考核分数≥90分', expect: { kind: 'numeric', op: '>=', value: 90, unit: '分', per: '季度', subject: '考核分数' } },
  // judgement: 每年 not next to the quantity; read as per (see 每季度考核分数≥90分)
  { raw: '每年资产盘点次数不少于1次', expect: { kind: 'numeric', op: '>=', value: 1, unit: '次', per: '年', subject: '资产盘点次数' } },
  // judgement: 每年 not next to the quantity; read as per (see 每季度考核分数≥90分)
  {
    raw: '每年实施不少于3个世行开发课程',
    expect: { kind: 'numeric', op: '>=', value: 3, unit: '个', per: '年', subject: '实施', note: '世行开发课程' },
  },
  // judgement: 每月 sits inside the subject (after 平均); it is lifted out as per and the subject closes up around it
  {
    raw: '平均每月功能模块访问总次数1000次',
    expect: { kind: 'numeric', op: '=', value: 1000, unit: '次', per: '月', subject: '平均功能模块访问总次数' },
  },

  // ── notes after the quantity ────────────────────────────────────────────────────────────────────
  { raw: '≤2宗（实际发生的有效投诉次数）', expect: { kind: 'numeric', op: '<=', value: 2, unit: '宗', note: '（实际发生的有效投诉次数）' } },
  { raw: '100％依照合同期限完成竣工验收', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', note: '依照合同期限完成竣工验收' } },
  { raw: '100%依照合同期限完成竣工验收', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', note: '依照合同期限完成竣工验收' } },
  { raw: '80%以上对新的室内环境表示满意', expect: { kind: 'numeric', op: '>=', value: 80, unit: '%', note: '对新的室内环境表示满意' } },
  {
    raw: '100%保证支出的相关性、支出的合规性、项目采购和项目管理合法合规。',
    expect: { kind: 'numeric', op: '=', value: 100, unit: '%', note: '保证支出的相关性、支出的合规性、项目采购和项目管理合法合规' },
  },
  { raw: '供货设备质量和性能100%满足要求', expect: { kind: 'numeric', op: '=', value: 100, unit: '%', subject: '供货设备质量和性能', note: '满足要求' } },
  { raw: '5个子项目', expect: { kind: 'numeric', op: '=', value: 5, unit: '个', note: '子项目' } },
  { raw: '不少于4个项目', expect: { kind: 'numeric', op: '>=', value: 4, unit: '个', note: '项目' } },
  { raw: '≥3门核心课程', expect: { kind: 'numeric', op: '>=', value: 3, unit: '门', note: '核心课程' } },
  { raw: '≥1块奖牌', expect: { kind: 'numeric', op: '>=', value: 1, unit: '块', note: '奖牌' } },
  { raw: '≥1个团组', expect: { kind: 'numeric', op: '>=', value: 1, unit: '个', note: '团组' } },
  { raw: '176家医院', expect: { kind: 'numeric', op: '=', value: 176, unit: '家', note: '医院' } },
  { raw: '200个学时', expect: { kind: 'numeric', op: '=', value: 200, unit: '个学时' } },
  { raw: '8人师资队伍', expect: { kind: 'numeric', op: '=', value: 8, unit: '人', note: '师资队伍' } },
  { raw: '全市591名协管员', expect: { kind: 'numeric', op: '=', value: 591, unit: '名', subject: '全市', note: '协管员' } },
  {
    raw: '全市劳动保障监察协管员591名工资',
    expect: { kind: 'numeric', op: '=', value: 591, unit: '名', subject: '全市劳动保障监察协管员', note: '工资' },
  },
  { raw: '开展39项世赛课题研究检查指导', expect: { kind: 'numeric', op: '=', value: 39, unit: '项', subject: '开展', note: '世赛课题研究检查指导' } },
  { raw: '完成1次教学督导', expect: { kind: 'numeric', op: '=', value: 1, unit: '次', subject: '完成', note: '教学督导' } },
  { raw: '完成2份专业（课程）建设指导意见', expect: { kind: 'numeric', op: '=', value: 2, unit: '份', subject: '完成', note: '专业（课程）建设指导意见' } },
  { raw: '培训不少于10名选手', expect: { kind: 'numeric', op: '>=', value: 10, unit: '名', subject: '培训', note: '选手' } },
  { raw: '培养不少于5名选手参加技能竞赛', expect: { kind: 'numeric', op: '>=', value: 5, unit: '名', subject: '培养', note: '选手参加技能竞赛' } },
  // judgement (reconciled): with several numbers and no operator the grammar takes the last one (as in
  // 参与1+X证书培训学生1500人, where the last is right); here that gives 10 所 with the rest around it
  { raw: '完成1次对10所技工院校教学检查', expect: { kind: 'numeric', op: '=', value: 10, unit: '所', subject: '完成1次对', note: '技工院校教学检查' } },
  // judgement: rule-literal numeric 7 天 with note ×24小时 (really "around the clock"); not a compound since × is no separator
  { raw: '7天×24小时', expect: { kind: 'numeric', op: '=', value: 7, unit: '天', note: '×24小时' } },

  // ── ranges ──────────────────────────────────────────────────────────────────────────────────────
  { raw: '4-8个团组', expect: { kind: 'range', min: 4, max: 8, unit: '个', note: '团组' } },
  { raw: '3-5块奖牌', expect: { kind: 'range', min: 3, max: 5, unit: '块', note: '奖牌' } },
  { raw: '10-15人师资队伍', expect: { kind: 'range', min: 10, max: 15, unit: '人', note: '师资队伍' } },
  { raw: '2-24小时', expect: { kind: 'range', min: 2, max: 24, unit: '小时' } },
  // judgement (reconciled): a range carries no op, and dropping 以上 would lose meaning, so it stays in the note
  { raw: '4-6家以上新闻媒体', expect: { kind: 'range', min: 4, max: 6, unit: '家', note: '以上新闻媒体' } },
  // synthesised: the other range spellings the rule names (none occur in the seed)
  { raw: '90%~95%', expect: { kind: 'range', min: 90, max: 95, unit: '%' } },
  { raw: '3～5次', expect: { kind: 'range', min: 3, max: 5, unit: '次' } },
  { raw: '10至15人', expect: { kind: 'range', min: 10, max: 15, unit: '人' } },
  { raw: '5—8个', expect: { kind: 'range', min: 5, max: 8, unit: '个' } },
  { raw: '完成率90%-95%', expect: { kind: 'range', min: 90, max: 95, unit: '%', subject: '完成率' } },

  // ── deadlines ───────────────────────────────────────────────────────────────────────────────────
  { raw: '2024年11月前', expect: { kind: 'deadline', year: 2024, month: 11, op: '<' } },
  { raw: '2023年6月前', expect: { kind: 'deadline', year: 2023, month: 6, op: '<' } },
  { raw: '2023年6月前完成', expect: { kind: 'deadline', year: 2023, month: 6, op: '<', note: '完成' } },
  { raw: '2024年11月30日前', expect: { kind: 'deadline', year: 2024, month: 11, day: 30, op: '<' } },
  { raw: '2024年6月30日前', expect: { kind: 'deadline', year: 2024, month: 6, day: 30, op: '<' } },
  // judgement: 年底 without a month — read as the end of December, inclusive
  { raw: '2024年底', expect: { kind: 'deadline', year: 2024, month: 12, op: '<=' } },
  // judgement: no year — a yearly recurring deadline: per 年, no year field
  { raw: '每年12月31日前', expect: { kind: 'deadline', month: 12, day: 31, op: '<', per: '年' } },
  // judgement: no year and 月份 rather than 月 — per 年, 之前 → '<', 完成 is the note
  { raw: '每年7月份之前完成', expect: { kind: 'deadline', month: 7, op: '<', per: '年', note: '完成' } },
  // synthesised: the other deadline suffixes the rule names
  { raw: '2024年10月之前', expect: { kind: 'deadline', year: 2024, month: 10, op: '<' } },
  { raw: '2024年6月以前', expect: { kind: 'deadline', year: 2024, month: 6, op: '<=' } },
  { raw: '2024年12月底前', expect: { kind: 'deadline', year: 2024, month: 12, op: '<=' } },
  { raw: '2024年6月底', expect: { kind: 'deadline', year: 2024, month: 6, op: '<=' } },
  { raw: '2025年3月内', expect: { kind: 'deadline', year: 2025, month: 3, op: '<=' } },
  { raw: '2025年3月15日以内', expect: { kind: 'deadline', year: 2025, month: 3, day: 15, op: '<=' } },

  // ── compounds ───────────────────────────────────────────────────────────────────────────────────
  {
    raw: '教师获奖≥4项 学生获奖≥10项',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '教师获奖≥4项', kind: 'numeric', op: '>=', value: 4, unit: '项', subject: '教师获奖' },
        { raw: '学生获奖≥10项', kind: 'numeric', op: '>=', value: 10, unit: '项', subject: '学生获奖' },
      ],
    },
  },
  {
    raw: '8个电子资源数据库，1个纸质图书采购子项目',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '8个电子资源数据库', kind: 'numeric', op: '=', value: 8, unit: '个', note: '电子资源数据库' },
        { raw: '1个纸质图书采购子项目', kind: 'numeric', op: '=', value: 1, unit: '个', note: '纸质图书采购子项目' },
      ],
    },
  },
  {
    raw: '学生满意度≥92%；社会被服务人员满意度≥92%',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '学生满意度≥92%', kind: 'numeric', op: '>=', value: 92, unit: '%', subject: '学生满意度' },
        { raw: '社会被服务人员满意度≥92%', kind: 'numeric', op: '>=', value: 92, unit: '%', subject: '社会被服务人员满意度' },
      ],
    },
  },
  // the trailing 。 is dropped before splitting, so the last part's raw has none
  {
    raw: '学生满意度≥92%；社会被服务人员满意度≥92%。',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '学生满意度≥92%', kind: 'numeric', op: '>=', value: 92, unit: '%', subject: '学生满意度' },
        { raw: '社会被服务人员满意度≥92%', kind: 'numeric', op: '>=', value: 92, unit: '%', subject: '社会被服务人员满意度' },
      ],
    },
  },
  {
    raw: '实践操作手册5本、 特色教材3本',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '实践操作手册5本', kind: 'numeric', op: '=', value: 5, unit: '本', subject: '实践操作手册' },
        { raw: '特色教材3本', kind: 'numeric', op: '=', value: 3, unit: '本', subject: '特色教材' },
      ],
    },
  },
  {
    raw: '撰写报告18份，汇编成册1份',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '撰写报告18份', kind: 'numeric', op: '=', value: 18, unit: '份', subject: '撰写报告' },
        { raw: '汇编成册1份', kind: 'numeric', op: '=', value: 1, unit: '份', subject: '汇编成册' },
      ],
    },
  },
  {
    raw: '兼职仲裁员1500件，专职仲裁员10000件',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '兼职仲裁员1500件', kind: 'numeric', op: '=', value: 1500, unit: '件', subject: '兼职仲裁员' },
        { raw: '专职仲裁员10000件', kind: 'numeric', op: '=', value: 10000, unit: '件', subject: '专职仲裁员' },
      ],
    },
  },
  {
    raw: '兼职仲裁员办案1500件和专职仲裁员办案10000件以上',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '兼职仲裁员办案1500件', kind: 'numeric', op: '=', value: 1500, unit: '件', subject: '兼职仲裁员办案' },
        { raw: '专职仲裁员办案10000件以上', kind: 'numeric', op: '>=', value: 10000, unit: '件', subject: '专职仲裁员办案' },
      ],
    },
  },
  {
    raw: '出国培训1人次，观摩交流学习1人次',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '出国培训1人次', kind: 'numeric', op: '=', value: 1, unit: '人次', subject: '出国培训' },
        { raw: '观摩交流学习1人次', kind: 'numeric', op: '=', value: 1, unit: '人次', subject: '观摩交流学习' },
      ],
    },
  },
  {
    raw: '拍摄世界技能大赛宣传视频1组、拍摄职业技能竞赛宣传视频1组。',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '拍摄世界技能大赛宣传视频1组', kind: 'numeric', op: '=', value: 1, unit: '组', subject: '拍摄世界技能大赛宣传视频' },
        { raw: '拍摄职业技能竞赛宣传视频1组', kind: 'numeric', op: '=', value: 1, unit: '组', subject: '拍摄职业技能竞赛宣传视频' },
      ],
    },
  },
  {
    raw: '现代学徒制试点专业达7个，订单班学生规模达35%以上，获得中高职衔接试点9个以上',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '现代学徒制试点专业达7个', kind: 'numeric', op: '>=', value: 7, unit: '个', subject: '现代学徒制试点专业' },
        { raw: '订单班学生规模达35%以上', kind: 'numeric', op: '>=', value: 35, unit: '%', subject: '订单班学生规模' },
        { raw: '获得中高职衔接试点9个以上', kind: 'numeric', op: '>=', value: 9, unit: '个', subject: '获得中高职衔接试点' },
      ],
    },
  },
  {
    raw: '新建课程思政示范课6门，“课岗融合”精品在线课程25门以上（含省级2门）',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '新建课程思政示范课6门', kind: 'numeric', op: '=', value: 6, unit: '门', subject: '新建课程思政示范课' },
        {
          raw: '“课岗融合”精品在线课程25门以上（含省级2门）',
          kind: 'numeric',
          op: '>=',
          value: 25,
          unit: '门',
          subject: '“课岗融合”精品在线课程',
          note: '（含省级2门）',
        },
      ],
    },
  },
  {
    raw: '创新创业特色课程教学资源建设等16项，创新创业教育理论研究项目20项，创新创业特色活动15项，大学生创新创业训练计划项目20项，产教融合工作室建设12项，职业生涯规划咨询工作室6项',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '创新创业特色课程教学资源建设等16项', kind: 'numeric', op: '=', value: 16, unit: '项', subject: '创新创业特色课程教学资源建设等' },
        { raw: '创新创业教育理论研究项目20项', kind: 'numeric', op: '=', value: 20, unit: '项', subject: '创新创业教育理论研究项目' },
        { raw: '创新创业特色活动15项', kind: 'numeric', op: '=', value: 15, unit: '项', subject: '创新创业特色活动' },
        { raw: '大学生创新创业训练计划项目20项', kind: 'numeric', op: '=', value: 20, unit: '项', subject: '大学生创新创业训练计划项目' },
        { raw: '产教融合工作室建设12项', kind: 'numeric', op: '=', value: 12, unit: '项', subject: '产教融合工作室建设' },
        { raw: '职业生涯规划咨询工作室6项', kind: 'numeric', op: '=', value: 6, unit: '项', subject: '职业生涯规划咨询工作室' },
      ],
    },
  },
  {
    raw: '2项成果转化 横向经费100万 教科研项目3项以上',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '2项成果转化', kind: 'numeric', op: '=', value: 2, unit: '项', note: '成果转化' },
        { raw: '横向经费100万', kind: 'numeric', op: '=', value: 100, unit: '万', normalized: { value: 1000000, unit: '' }, subject: '横向经费' },
        { raw: '教科研项目3项以上', kind: 'numeric', op: '>=', value: 3, unit: '项', subject: '教科研项目' },
      ],
    },
  },
  {
    raw: '发表研究相关论文2篇或申报项课相关课题2项或形成总谱1本或召开1次学术研讨会',
    expect: {
      kind: 'compound',
      joiner: 'or',
      parts: [
        { raw: '发表研究相关论文2篇', kind: 'numeric', op: '=', value: 2, unit: '篇', subject: '发表研究相关论文' },
        { raw: '申报项课相关课题2项', kind: 'numeric', op: '=', value: 2, unit: '项', subject: '申报项课相关课题' },
        { raw: '形成总谱1本', kind: 'numeric', op: '=', value: 1, unit: '本', subject: '形成总谱' },
        { raw: '召开1次学术研讨会', kind: 'numeric', op: '=', value: 1, unit: '次', subject: '召开', note: '学术研讨会' },
      ],
    },
  },
  // judgement: in the second part 1 belongs to the name 1+X; the quantity is 1500人 (last number, followed by a unit, ends the part)
  {
    raw: '1+X证书数量≥32个，参与1+X证书培训学生1500人',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '1+X证书数量≥32个', kind: 'numeric', op: '>=', value: 32, unit: '个', subject: '1+X证书数量' },
        { raw: '参与1+X证书培训学生1500人', kind: 'numeric', op: '=', value: 1500, unit: '人', subject: '参与1+X证书培训学生' },
      ],
    },
  },
  // judgement: a space between a subject and its number is not a separator (only spaces with a number on both sides
  // split), so 建设教材 3部 and 申请专利（含软著） 40项 stay whole; ； and ， both join with 'and'
  {
    raw: '建设教材 3部；专业课程资源8门，持续建设省级标准专业资源库1个，在线精品课2门；教科研论文8篇；申请专利（含软著） 40项',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        { raw: '建设教材 3部', kind: 'numeric', op: '=', value: 3, unit: '部', subject: '建设教材' },
        { raw: '专业课程资源8门', kind: 'numeric', op: '=', value: 8, unit: '门', subject: '专业课程资源' },
        { raw: '持续建设省级标准专业资源库1个', kind: 'numeric', op: '=', value: 1, unit: '个', subject: '持续建设省级标准专业资源库' },
        { raw: '在线精品课2门', kind: 'numeric', op: '=', value: 2, unit: '门', subject: '在线精品课' },
        { raw: '教科研论文8篇', kind: 'numeric', op: '=', value: 8, unit: '篇', subject: '教科研论文' },
        { raw: '申请专利（含软著） 40项', kind: 'numeric', op: '=', value: 40, unit: '项', subject: '申请专利（含软著）' },
      ],
    },
  },
  // judgement: mixed joiners — ， binds loosest, so (A 或 B)，C is an 'and' whose first part is an 'or' compound;
  // 省级以上 after 1项 is prose (not a suffix operator right after the unit), so it stays in the note
  {
    raw: '聘期内取得1项省级以上标志性成果或合作从事技术产品研发等横向项目1项，到账经费不低于2万元',
    expect: {
      kind: 'compound',
      joiner: 'and',
      parts: [
        {
          raw: '聘期内取得1项省级以上标志性成果或合作从事技术产品研发等横向项目1项',
          kind: 'compound',
          joiner: 'or',
          parts: [
            { raw: '聘期内取得1项省级以上标志性成果', kind: 'numeric', op: '=', value: 1, unit: '项', subject: '聘期内取得', note: '省级以上标志性成果' },
            { raw: '合作从事技术产品研发等横向项目1项', kind: 'numeric', op: '=', value: 1, unit: '项', subject: '合作从事技术产品研发等横向项目' },
          ],
        },
        {
          raw: '到账经费不低于2万元',
          kind: 'numeric',
          op: '>=',
          value: 2,
          unit: '万元',
          normalized: { value: 20000, unit: '元' },
          subject: '到账经费',
        },
      ],
    },
  },

  // ── unparsed: a number that fits no shape ───────────────────────────────────────────────────────
  // judgement: a formula defining the indicator, not a target; the only number (100%) is part of the formula
  { raw: '设备使用率=实际使用设备数量/总设备数量*100%', expect: { kind: 'unparsed' } },

  // ── synthesised: thousands separator (rule 4) ───────────────────────────────────────────────────
  { raw: '≥1,000人', expect: { kind: 'numeric', op: '>=', value: 1000, unit: '人' } },

  // ── synthesised: comparison and dash look-alikes (issue 9) — the 2026 table writes ≦ ＜ ＞ ──────────
  { raw: '≦10万元', expect: { kind: 'numeric', op: '<=', value: 10, unit: '万元', normalized: { value: 100000, unit: '元' } } },
  { raw: '⩾95%', expect: { kind: 'numeric', op: '>=', value: 95, unit: '%' } },
  { raw: '⩽2次', expect: { kind: 'numeric', op: '<=', value: 2, unit: '次' } },
  { raw: '﹤3次', expect: { kind: 'numeric', op: '<', value: 3, unit: '次' } },
  { raw: '﹥85分', expect: { kind: 'numeric', op: '>', value: 85, unit: '分' } },
  { raw: '＜3次', expect: { kind: 'numeric', op: '<', value: 3, unit: '次' } },
  { raw: '≮90%', expect: { kind: 'numeric', op: '>=', value: 90, unit: '%' } },
  { raw: '4–8个团组', expect: { kind: 'range', min: 4, max: 8, unit: '个', note: '团组' } },

  // ── 及以内 (the 2026 Guangzhou table: 专家评审成本控制数 9000元及以内) and （含） before a suffix ──────
  { raw: '9000元及以内', expect: { kind: 'numeric', op: '<=', value: 9000, unit: '元' } },
  // synthesised: the other spellings
  { raw: '3次或以内', expect: { kind: 'numeric', op: '<=', value: 3, unit: '次' } },
  { raw: '9000元（含）以内', expect: { kind: 'numeric', op: '<=', value: 9000, unit: '元' } },
  { raw: '80%（含）以上', expect: { kind: 'numeric', op: '>=', value: 80, unit: '%' } },
  { raw: '3次(含)以下', expect: { kind: 'numeric', op: '<=', value: 3, unit: '次' } },
  { raw: '五天及以内', expect: { kind: 'numeric', op: '<=', value: 5, unit: '天' } },
];

/** Strings the product owner named: each must be in the table. */
export const named: readonly string[] = [
  '≥90%', '≧85%', '＞90%', '＜1.4', '<5%', '90%或以上', '90%及以上', '95%以上', '10%或以下', '不少于2次', '不少于2次/年',
  '每年不少于2次', '小于等于3次', '少于1宗', '不低于95%', '约14000人', '约600间', '1.85万人', '≥ 5万人次', '≥1000M',
  '≥10Gbps', '≤10ms', '1+X证书数量≥32个', '完成率100%', '合格100%', '100％依照合同期限完成竣工验收', '0', '0次', '零故障',
  '0事故', '三级', '2024年11月前', '按时完成', '良好', '是', '有效提升', '持续扩大', '百余名', '50余所同类院校', '≥25人/班',
  '1800人次/年', '15万', '10527.44 平方米', '＜550', '教师获奖≥4项 学生获奖≥10项', '',
];
