import { describe, expect, it } from 'vitest';
import { readIndicators } from '../../src/ingest/indicators.js';
import { spanOf } from '../../src/ingest/span.js';

const read = (...lines: string[]) => readIndicators(spanOf(lines.map((text, i) => ({ no: i + 1, text }))), 'p');
const codes = (r: ReturnType<typeof read>) => r.diagnostics.map((d) => d.code);

// Each case is a cell text taken from the seeds, with the reading written out by hand.
const cases: { what: string; lines: string[]; expect: { seq: number; l1: [string, string | null]; l2: [string, string | null]; name: string; period: string; annual: string; line?: number }[]; diagnostics?: string[] }[] = [
  {
    what: 'the standard form, wrapped mid-word over lines (004)',
    lines: ['1、1-产出指标；11-数量指标；配备人员的达标率；实施周期指标', '值:90%或以上；年度指标值:90%或以上。2、1-产出指标；12-质量指', '标；工资待遇保障率；实施周期指标值:90%或以上；年度指标值:90%或', '以上。'],
    expect: [
      { seq: 1, l1: ['1', '产出指标'], l2: ['11', '数量指标'], name: '配备人员的达标率', period: '90%或以上', annual: '90%或以上', line: 1 },
      { seq: 2, l1: ['1', '产出指标'], l2: ['12', '质量指标'], name: '工资待遇保障率', period: '90%或以上', annual: '90%或以上', line: 2 },
    ],
  },
  {
    what: 'a number separated from its 、 by a line break (000)',
    lines: ['值:≥90%；年度指标值:≥90%。4', '、1-产出指标；11-数量指标；宿舍无线网络覆盖率；实施周期指标值:100%；年度指标值:100%。'].slice(1).map((l, i) => (i === 0 ? `4${l}` : l)),
    expect: [{ seq: 4, l1: ['1', '产出指标'], l2: ['11', '数量指标'], name: '宿舍无线网络覆盖率', period: '100%', annual: '100%' }],
  },
  {
    what: 'half-width semicolons everywhere (002)',
    lines: ['1、1-产出指标;11-数量指标;项目工作量完成率;实施周期指标值:100%;年度指标值:100%。2、2-效益指标;22-社会效益;网络安全等级保护级别;实施周期指标值:三级;年度指标值:三级。'],
    expect: [
      { seq: 1, l1: ['1', '产出指标'], l2: ['11', '数量指标'], name: '项目工作量完成率', period: '100%', annual: '100%' },
      { seq: 2, l1: ['2', '效益指标'], l2: ['22', '社会效益'], name: '网络安全等级保护级别', period: '三级', annual: '三级' },
    ],
  },
  {
    what: 'commas between fields and ; ending each indicator, the last unterminated (002)',
    lines: ['1、2-效益指标,22-社会效益,非正常停机率;实施周期指标值:<5%,年度指标值:<5%;2、2-效益指标,21-经济效益,无故障运行时间;实施周期指标值:80%以上,年度指标值:80%以上'],
    expect: [
      { seq: 1, l1: ['2', '效益指标'], l2: ['22', '社会效益'], name: '非正常停机率', period: '<5%', annual: '<5%' },
      { seq: 2, l1: ['2', '效益指标'], l2: ['21', '经济效益'], name: '无故障运行时间', period: '80%以上', annual: '80%以上' },
    ],
  },
  {
    what: 'full-width colons (002)',
    lines: ['1、3-满意度指标；31-服务对象满意度；就业扶持政策经办满意度；实施周期指标值：≥90%；年度指标值：≥90%。'],
    expect: [{ seq: 1, l1: ['3', '满意度指标'], l2: ['31', '服务对象满意度'], name: '就业扶持政策经办满意度', period: '≥90%', annual: '≥90%' }],
  },
  {
    what: 'level-2 codes without names (003)',
    lines: ['4、1-产出指标；14-；成本控制率；实施周期指标值:100%；年度指标值:100%。5、2-效益指标；24-；提升专业及学院整体形象；实施周期指标值:明显提升 ；年度指标值:明显提升 。'],
    expect: [
      { seq: 4, l1: ['1', '产出指标'], l2: ['14', '成本指标'], name: '成本控制率', period: '100%', annual: '100%' },
      { seq: 5, l1: ['2', '效益指标'], l2: ['24', '可持续影响'], name: '提升专业及学院整体形象', period: '明显提升', annual: '明显提升' },
    ],
    diagnostics: ['level2-name-missing', 'level2-name-missing'],
  },
  {
    what: 'a period value ending in 。 with no separator before 年度指标值 (002)',
    lines: ['1、2-效益指标；22-社会效益；体现关怀；实施周期指标值:通过及时足额发放补贴。年度指标值:通过及时足额发放补贴。2、1-产出指标；13-时效指标；补贴发放及时率；实施周期指标值:≥95%；年度指标值:≥95%。'],
    expect: [
      { seq: 1, l1: ['2', '效益指标'], l2: ['22', '社会效益'], name: '体现关怀', period: '通过及时足额发放补贴。', annual: '通过及时足额发放补贴' },
      { seq: 2, l1: ['1', '产出指标'], l2: ['13', '时效指标'], name: '补贴发放及时率', period: '≥95%', annual: '≥95%' },
    ],
  },
  {
    what: 'values that contain ；and 。 themselves (003)',
    lines: ['10、3-满意度指标；31-服务对象满意度；服务对象满意度（%）；实施周期指标值:学生满意度≥92%；', '社会被服务人员满意度≥92%。；年度指标值:学生满意度≥92%；社会', '被服务人员满意度≥92%。'],
    expect: [{ seq: 10, l1: ['3', '满意度指标'], l2: ['31', '服务对象满意度'], name: '服务对象满意度（%）', period: '学生满意度≥92%；社会被服务人员满意度≥92%。', annual: '学生满意度≥92%；社会被服务人员满意度≥92%' }],
  },
  {
    what: 'a name that ends in 。 before its separator (001)',
    lines: ['6、2-效益指标；22-社会效益；鼓励高校学生积极入伍，提高兵员质量，提高退役士兵就业能力。；实施周期指标值:是；年度指标值:是。'],
    expect: [{ seq: 6, l1: ['2', '效益指标'], l2: ['22', '社会效益'], name: '鼓励高校学生积极入伍，提高兵员质量，提高退役士兵就业能力。', period: '是', annual: '是' }],
  },
  {
    what: 'numbering that skips and a corrupted row repeating 年度指标值 (002)',
    lines: ['1、1-产出指标；11-数量指标；服务人才数量；实施周期指标值:2个；年度指标值:2个。2、2-效益指标；22-社会效益；集聚人才；实施周期指标值:助推建设。；年度指标值:助推建设。；年度指标值:助推建设。5、3-满意度指标；31-服务对象满意度；有效投诉次数；实施周期指标值:少于1宗；年度指标值:少于1宗。'],
    expect: [
      { seq: 1, l1: ['1', '产出指标'], l2: ['11', '数量指标'], name: '服务人才数量', period: '2个', annual: '2个' },
      { seq: 2, l1: ['2', '效益指标'], l2: ['22', '社会效益'], name: '集聚人才', period: '助推建设。', annual: '助推建设。' },
      { seq: 5, l1: ['3', '满意度指标'], l2: ['31', '服务对象满意度'], name: '有效投诉次数', period: '少于1宗', annual: '少于1宗' },
    ],
    diagnostics: ['indicator-annual-repeated', 'indicator-seq-gap'],
  },
  {
    what: 'a 1、 in the value text is not an indicator start (003 goal-like value)',
    lines: ['1、1-产出指标；11-数量指标；课程；实施周期指标值:1、建设2门；年度指标值:1、建设2门。'],
    expect: [{ seq: 1, l1: ['1', '产出指标'], l2: ['11', '数量指标'], name: '课程', period: '1、建设2门', annual: '1、建设2门' }],
  },
];

describe('indicator cell grammar', () => {
  it.each(cases)('$what', (c) => {
    const r = read(...c.lines);
    expect(r.indicators.map((i) => ({ seq: i.seq, l1: [i.level1.code, i.level1.name], l2: [i.level2.code, i.level2.name], name: i.name, period: i.period.raw, annual: i.annual.raw, ...(c.expect[0]?.line !== undefined ? { line: i.line } : {}) }))).toEqual(c.expect);
    expect(codes(r)).toEqual(c.diagnostics ?? []);
    expect(r.unread).toBe('');
  });

  it('keeps free prose verbatim and says so (002 仲裁院信息化运维项目)', () => {
    const prose = '1.产出数量：1.1故障工单关闭率=实际完成处理的故障工单数/故障工单总数*100%,目标值100%。1.2提供数据备份服务，每周进行一次备份服务,目标值52次。';
    const r = read(prose);
    expect(r.indicators).toEqual([]);
    expect(r.unread).toBe(prose);
    expect(codes(r)).toEqual(['indicators-prose']);
  });

  it('keeps text before the first numbered indicator', () => {
    const r = read('说明文字。1、1-产出指标；11-数量指标；完成率；实施周期指标值:100%；年度指标值:100%。');
    expect(r.unread).toBe('说明文字。');
    expect(r.indicators).toHaveLength(1);
    expect(codes(r)).toEqual(['indicator-unread']);
  });

  it('reports a missing target and keeps the indicator', () => {
    const r = read('1、1-产出指标；11-数量指标；完成率；实施周期指标值:100%。');
    expect(r.indicators[0]).toMatchObject({ name: '完成率', period: { raw: '100%。' }, annual: { raw: '' } });
    expect(codes(r)).toEqual(['indicator-target-missing']);
  });

  it('keeps each indicator\'s whole text', () => {
    const r = read('1、1-产出指标；11-数量指标；完成率；实施周期指标值:100%；年度指标值:100%。2、1-产出指标；12-质量指标；合格率；实施周期指标值:95%；年度指标值:95%。');
    expect(r.indicators.map((i) => i.text)).toEqual(['1、1-产出指标；11-数量指标；完成率；实施周期指标值:100%；年度指标值:100%。', '2、1-产出指标；12-质量指标；合格率；实施周期指标值:95%；年度指标值:95%。']);
  });
});
