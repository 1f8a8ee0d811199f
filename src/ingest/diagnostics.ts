// Every diagnostic a reader can emit, in one table: a code is stable once published (the store and
// the web app key on it), and its severity is decided here, not at each call site.
import type { Diagnostic, Severity } from '../model/index.js';

export const DIAGNOSTIC_SEVERITY = {
  'input-empty': 'error',            // 文件为空
  'input-binary': 'error',           // 不是文本文件
  'input-encoding': 'info',          // 按 GB18030 解码
  'input-invalid-bytes': 'warning',  // 含无法解码的字节
  'layout-unknown': 'error',         // 找不到表头，无法识别为绩效目标表
  'header-missing': 'warning',       // 缺少部门/单位名称或金额单位
  'unit-inferred': 'info',           // 没有资金使用单位行，以表头名称为单位
  'unit-unknown': 'warning',         // 第一个单位行之前的项目，其单位行不在文件中
  'unit-empty': 'warning',           // 单位行之下没有项目
  'row-malformed': 'error',          // 制表行列数不对
  'amount-joined': 'info',           // 跨行拆开的金额已合并
  'amount-deferred': 'info',         // 来源金额印在项目其他内容之后
  'amount-missing': 'error',         // 行没有金额
  'amount-unread': 'error',          // 无法读取的金额
  'amount-stray': 'error',           // 金额无法归属任何行
  'column-undecided': 'warning',     // 来源列无法判定，列入 unplaced
  'column-decided': 'info',          // 由表内合计判定来源列
  'columns-not-printed': 'warning',  // 本单位每行只印一个来源金额，原文未标明所属列（每单位一条）
  'columns-from-other-publication': 'info', // 来源列取自同一单位同一年度另一份标明了列的公开文件
  'sources-mismatch': 'error',       // 来源之和 ≠ 总计
  'sum-mismatch': 'error',           // 单位 ≠ Σ项目，合计 ≠ Σ单位
  'sum-rounding': 'info',            // 差 0.01 以内，视为四舍五入
  'indicator-unread': 'warning',     // 指标文字无法按格式读取，原文保留
  'indicators-prose': 'warning',     // 绩效指标为自由文字，原文保留
  'indicator-seq-gap': 'warning',    // 序号跳号
  'indicator-seq-repeat': 'warning', // 序号重复或倒退
  'indicator-annual-repeated': 'warning', // 年度指标值重复（源数据损坏）
  'indicator-target-missing': 'warning',  // 缺实施周期或年度指标值
  'indicator-name-missing': 'warning',    // 缺三级指标名称
  'level1-name-missing': 'info',     // 一级指标只有代码，已按代码表补名称
  'level2-name-missing': 'info',     // 二级指标只有代码，已按代码表补名称
  'level-name-mismatch': 'warning',  // 指标代码与名称不符
  'level-code-unknown': 'warning',   // 不在代码表中的指标代码
  'level-code-inconsistent': 'warning', // 二级代码不属于所写的一级
  'indicator-system-inferred': 'info', // 表头无年度，按指标代码判定所用的指标体系
  'indicator-number-fused': 'info',  // 指标序号与一级代码连写（“31-产出指标”）
  'classified': 'info',              // 涉密项目：金额或指标值不公开
  'reading-order-scrambled': 'error', // 文字顺序错乱（栏目交错），无法可靠读取
  'goal-missing': 'warning',         // 缺绩效目标
  'goal-displaced': 'info',          // 绩效目标印在指标之后
  'name-missing': 'error',           // 项目名称缺失
  'name-recovered': 'info',          // 项目名称紧接上一项目的指标印出，已取回
  'orphan': 'warning',               // 内容无法归属任何项目
  'stray-punctuation': 'info',       // 游离的标点
  'pdf-encrypted': 'error',          // PDF 加密（需要密码），无法读取
  'pdf-damaged': 'error',            // PDF 损坏或不完整，无法打开
  'pdf-page-unread': 'error',        // 某一页无法解析
  'pdf-text-garbled': 'error',       // 文字层乱码（字体缺少 Unicode 映射），该页不读
  'pdf-no-text': 'error',            // 没有文字层（扫描件）
  'pdf-no-table': 'error',           // 找不到项目支出绩效目标表
  'pdf-pages-read': 'info',          // 读取了哪些页
  'pdf-summary-skipped': 'info',     // 重点项目绩效目标情况表，与项目表重复，未读入
  'pdf-summary-unmatched': 'warning', // 重点项目绩效目标情况表中有项目表里没有的项目
  'pdf-row-continued': 'info',       // 跨页的行已接续
  'pdf-column-unknown': 'warning',   // 表头无法识别的栏
  'fiscal-parts-mismatch': 'error',
  'xlsx-not-workbook': 'error',      // 不是工作簿（不是 zip，或 zip 中没有 Excel 工作簿）
  'xlsx-damaged': 'error',           // 工作簿损坏，无法读取
  'xlsx-encrypted': 'error',         // 工作簿有打开密码
  'xlsx-old-format': 'error',        // .xls（Excel 97-2003）旧格式
  'xlsx-too-large': 'error',         // 解压后过大（压缩炸弹）
  'xlsx-no-table': 'error',          // 没有一个工作表带有绩效目标表的表头
  'xlsx-several-tables': 'error',    // 工作表是不同部门或年度的几张表
  'xlsx-formula-no-value': 'error',  // 公式没有保存计算结果
  'xlsx-formula-cached': 'info',     // 公式按保存的计算结果读取
  'xlsx-cell-error': 'warning',      // 单元格是错误值（#REF! 等），按原文读取
  'xlsx-sheets-read': 'info',        // 读取了哪些工作表
  'xlsx-column-unknown': 'warning',  // 无法识别的栏目，未读入
  'xlsx-amount-yuan': 'info',        // 金额以元填写，已换算为万元
  'xlsx-amount-rounded': 'info',     // 金额超过两位小数，已四舍五入
  'xlsx-columns-clipped': 'warning', // 超出列数上限的单元格未读  // 财政拨款合计 ≠ 一般公共预算 + 政府性基金 + 国有资本经营
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_SEVERITY;

/** a short Chinese name per code, for people (the import preview); the code itself is for support */
export const DIAGNOSTIC_LABEL = {
  'input-empty': '文件为空',
  'input-binary': '不是文本文件',
  'input-encoding': '按 GB18030 解码',
  'input-invalid-bytes': '含无法解码的字节',
  'layout-unknown': '无法识别为绩效目标表',
  'header-missing': '表头信息缺失',
  'unit-inferred': '以表头名称为单位',
  'unit-unknown': '项目所属单位不明',
  'unit-empty': '单位下没有项目',
  'row-malformed': '行的列数不对',
  'amount-joined': '跨行金额已合并',
  'amount-deferred': '来源金额印在后面',
  'amount-missing': '缺少金额',
  'amount-unread': '金额无法读取',
  'amount-stray': '金额无法归属',
  'column-undecided': '资金来源列未能判定',
  'column-decided': '按合计判定来源列',
  'columns-not-printed': '原文未标明来源列',
  'columns-from-other-publication': '来源列取自另一份公开文件',
  'sources-mismatch': '来源之和与总计不符',
  'sum-mismatch': '合计与明细之和不符',
  'sum-rounding': '四舍五入差额',
  'indicator-unread': '指标无法按格式读取',
  'indicators-prose': '指标为自由文字',
  'indicator-seq-gap': '指标序号跳号',
  'indicator-seq-repeat': '指标序号重复或倒退',
  'indicator-annual-repeated': '年度指标值重复',
  'indicator-target-missing': '缺少指标值',
  'indicator-name-missing': '缺少三级指标名称',
  'level1-name-missing': '已补一级指标名称',
  'level2-name-missing': '已补二级指标名称',
  'level-name-mismatch': '指标代码与名称不符',
  'level-code-unknown': '未知的指标代码',
  'level-code-inconsistent': '二级代码与一级不符',
  'indicator-system-inferred': '按代码判定指标体系',
  'indicator-number-fused': '序号与代码连写',
  'classified': '涉密项目',
  'reading-order-scrambled': '文字顺序错乱',
  'goal-missing': '缺少绩效目标',
  'goal-displaced': '绩效目标位置靠后',
  'name-missing': '缺少项目名称',
  'name-recovered': '项目名称已取回',
  'orphan': '内容无法归属项目',
  'stray-punctuation': '游离的标点',
  'pdf-encrypted': 'PDF 已加密',
  'pdf-damaged': 'PDF 损坏',
  'pdf-page-unread': '页面无法解析',
  'pdf-text-garbled': '文字层乱码',
  'pdf-no-text': '没有文字层（扫描件）',
  'pdf-no-table': '找不到绩效目标表',
  'pdf-pages-read': '读取的页',
  'pdf-summary-skipped': '已略过重点项目情况表',
  'pdf-summary-unmatched': '重点项目表与项目表不一致',
  'pdf-row-continued': '跨页行已接续',
  'pdf-column-unknown': '无法识别的栏',
  'fiscal-parts-mismatch': '财政拨款分项之和不符',
  'xlsx-not-workbook': '不是 Excel 工作簿',
  'xlsx-damaged': '工作簿损坏',
  'xlsx-encrypted': '工作簿有密码',
  'xlsx-old-format': '.xls 旧格式',
  'xlsx-too-large': '工作簿过大',
  'xlsx-no-table': '没有绩效目标表',
  'xlsx-several-tables': '工作簿含几张表',
  'xlsx-formula-no-value': '公式没有计算结果',
  'xlsx-formula-cached': '按公式保存的结果读取',
  'xlsx-cell-error': '单元格是错误值',
  'xlsx-sheets-read': '读取的工作表',
  'xlsx-column-unknown': '无法识别的栏目',
  'xlsx-amount-yuan': '金额已由元换算为万元',
  'xlsx-amount-rounded': '金额已四舍五入',
  'xlsx-columns-clipped': '超出列数上限',
} as const satisfies Record<DiagnosticCode, string>;

/** the Chinese name of a diagnostic code; a code no reader emits any more reads as 其他说明 */
export const diagnosticLabel = (code: string): string => (DIAGNOSTIC_LABEL as Record<string, string>)[code] ?? '其他说明';

export function diag(code: DiagnosticCode, message: string, where: { line?: number | undefined; path?: string | undefined } = {}): Diagnostic {
  return {
    severity: DIAGNOSTIC_SEVERITY[code],
    code,
    message,
    ...(where.line !== undefined ? { line: where.line } : {}),
    ...(where.path !== undefined ? { path: where.path } : {}),
  };
}
