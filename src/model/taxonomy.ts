// The three-level indicator taxonomy (项目支出绩效指标体系): level-1 and level-2 codes and their
// standard names. Level-3 indicators are free text. The code table changes between budget years — the
// tables published up to 2025 file 成本 as `14` under 产出; from 2026 成本 is a level-1 dimension of its
// own (`4-成本指标` with 41/42/43) — so the tables are data here, one per system with the years it
// applies to, and a document's year (or, without one, its own codes) picks the system.

/** What a level-1 dimension measures; the review rules ask for dimensions by role, not by code. */
export type DimensionRole = 'output' | 'benefit' | 'satisfaction' | 'cost';

export interface IndicatorSystem {
  readonly id: string;
  /** for messages: 2025年及以前（成本为产出下的二级指标） */
  readonly label: string;
  /** first and last budget year it applies to, inclusive; null = open-ended */
  readonly years: readonly [number | null, number | null];
  readonly level1: Readonly<Record<string, string>>;
  readonly level2: Readonly<Record<string, string>>;
  /** level-1 code of each dimension this system has */
  readonly roles: Readonly<Partial<Record<DimensionRole, string>>>;
  /** the dimensions every project is expected to cover */
  readonly required: readonly DimensionRole[];
  /** 产出's three faces, as level-2 codes: 数量, 质量, 时效 */
  readonly outputFaces: readonly (readonly [code: string, name: string])[];
}

const SHARED_LEVEL2 = {
  '11': '数量指标',
  '12': '质量指标',
  '13': '时效指标',
  '21': '经济效益',
  '22': '社会效益',
  '23': '生态效益',
  '24': '可持续影响',
  '31': '服务对象满意度',
} as const;

const OUTPUT_FACES = [['11', '数量'], ['12', '质量'], ['13', '时效']] as const;

export const INDICATOR_SYSTEMS: readonly IndicatorSystem[] = [
  {
    id: 'cost-under-output',
    label: '2025年及以前的指标体系（成本为产出下的二级指标“14-成本指标”）',
    years: [null, 2025],
    level1: { '1': '产出指标', '2': '效益指标', '3': '满意度指标' },
    level2: { ...SHARED_LEVEL2, '14': '成本指标' },
    roles: { output: '1', benefit: '2', satisfaction: '3' },
    required: ['output', 'benefit', 'satisfaction'],
    outputFaces: OUTPUT_FACES,
  },
  {
    id: 'cost-level1',
    label: '2026年起的指标体系（成本为一级指标“4-成本指标”）',
    years: [2026, null],
    level1: { '1': '产出指标', '2': '效益指标', '3': '满意度指标', '4': '成本指标' },
    level2: { ...SHARED_LEVEL2, '41': '经济成本指标', '42': '社会成本指标', '43': '生态环境成本指标' },
    roles: { output: '1', benefit: '2', satisfaction: '3', cost: '4' },
    required: ['output', 'benefit', 'satisfaction'],
    outputFaces: OUTPUT_FACES,
  },
];

/** The system assumed when neither a year nor the codes say otherwise: the one the seed tables use. */
export const DEFAULT_SYSTEM: IndicatorSystem = INDICATOR_SYSTEMS[0]!;

export function systemForYear(year: number): IndicatorSystem | null {
  return INDICATOR_SYSTEMS.find((s) => (s.years[0] === null || year >= s.years[0]) && (s.years[1] === null || year <= s.years[1])) ?? null;
}

export interface SystemChoice {
  readonly system: IndicatorSystem;
  /** how it was chosen: the document's year, its codes (no year printed), or the default */
  readonly by: 'year' | 'codes' | 'default';
}

/**
 * The system a document's indicators are read against: its year's when the year is known; otherwise
 * the system that knows the most of the codes it uses, the default on a tie (so a table whose codes
 * fit every system reads as it always has).
 */
export function chooseSystem(year: number | null, codes: Iterable<readonly [string | null, string | null]>): SystemChoice {
  if (year !== null) {
    const s = systemForYear(year);
    if (s) return { system: s, by: 'year' };
  }
  const pairs = [...codes];
  const known = (s: IndicatorSystem): number => pairs.reduce((n, [c1, c2]) => n + (c1 !== null && c1 in s.level1 ? 1 : 0) + (c2 !== null && c2 in s.level2 ? 1 : 0), 0);
  let best = DEFAULT_SYSTEM;
  let bestKnown = known(best);
  for (const s of INDICATOR_SYSTEMS) {
    const k = known(s);
    if (k > bestKnown) { best = s; bestKnown = k; }
  }
  return { system: best, by: best === DEFAULT_SYSTEM ? 'default' : 'codes' };
}

/** Every level-1 code any system defines, with its name: for labels and filters across years. */
export const LEVEL1: Readonly<Record<string, string>> = Object.assign({}, ...INDICATOR_SYSTEMS.map((s) => s.level1)) as Record<string, string>;

/** Every level-2 code any system defines, with its name. */
export const LEVEL2: Readonly<Record<string, string>> = Object.assign({}, ...INDICATOR_SYSTEMS.map((s) => s.level2)) as Record<string, string>;

/** The level-1 code a level-2 code belongs to: '22' → '2'. */
export const parentOf = (level2: string): string => level2.charAt(0);
