// What can be imported today, in one place: the binary-file message, the upload's accept list and the
// import page all read it. A reader for another format adds its entry here.

export interface AcceptedType {
  /** file name endings, with the dot */
  readonly extensions: readonly string[];
  /** MIME types a browser may report for them */
  readonly mime: readonly string[];
  /** what it is, for a clerk */
  readonly label: string;
}

export const ACCEPTED_TYPES: readonly AcceptedType[] = [
  { extensions: ['.pdf'], mime: ['application/pdf'], label: '部门公开的 PDF 绩效目标表（.pdf，含有文字层；扫描件无法读取）' },
  { extensions: ['.xlsx'], mime: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], label: 'Excel 工作簿（.xlsx，Excel、WPS 或 LibreOffice 保存；每个项目一行或每个指标一行均可）' },
  { extensions: ['.csv'], mime: ['text/csv'], label: '逗号分隔的表格（.csv，UTF-8 或 GBK 编码）' },
  { extensions: ['.txt'], mime: ['text/plain'], label: '文本格式的绩效目标表（.txt：制表符分隔，或由 PDF 转出的文本；UTF-8 或 GBK 编码）' },
];

/** `.txt,text/plain`: the accept attribute of a file input */
export const acceptAttribute = (): string => ACCEPTED_TYPES.flatMap((t) => [...t.extensions, ...t.mime]).join(',');

/** 目前可导入：… — the sentence every "cannot read this" message ends with */
export const acceptedSentence = (): string => `目前可导入：${ACCEPTED_TYPES.map((t) => t.label).join('；')}。`;
