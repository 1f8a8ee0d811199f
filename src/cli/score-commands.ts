// The scoring commands (score, evaluate, monitor), registered on the root command in one call so
// main.ts changes by one line.
import { Option, type Command } from 'commander';
import { evaluateCommand, monitorCommand, type FormOptions } from './evaluate.js';
import { scoreCommand } from './score.js';

export function scoreCommands(p: Command): void {
  p.command('score')
    .summary('按评分规则为指标打分（标准输入 JSON Lines，每行一个指标）')
    .description('评分：从标准输入读 JSON Lines，每行一个指标，如 {"target": "≤2宗", "actual": "3宗", "weight": 10}（定性指标可带 "score"，可带 "config"、"year"）；每行输出一行 JSON：{"score", "max", "rule", "explanation"}，无法评分时 "score" 为 null 并给出 "error"')
    .option('-c, --config <file>', '评分配置文件（JSON 或 YAML）：阈值、分值、反向指标公式等，各行自带的 config 优先')
    .action(async (opts: { config?: string }) => {
      process.exitCode = await scoreCommand(opts, process.stdin, process.stdout, process.stderr);
    });
  const form = (name: string, summary: string, description: string, run: typeof evaluateCommand) => p.command(name)
    .summary(summary)
    .description(description)
    .argument('<file>', '输入文件（JSON 或 YAML）')
    .addOption(new Option('-f, --format <format>', 'json：计分结果；html：可打印的表（A4，每个项目一页）；xlsx：同样版式的 Excel 文件').choices(['json', 'html', 'xlsx']).default('json'))
    .option('-o, --output <file>', '写入文件（xlsx 须写入文件或重定向）')
    .option('-c, --config <file>', '评分配置文件（JSON 或 YAML）；输入文件自带的 config 优先')
    .action(async (file: string, opts: FormOptions) => {
      process.exitCode = await run(file, opts, process.stdout, process.stderr);
    });
  form('evaluate', '绩效自评：按项目计算指标得分、预算执行得分、总分与等级',
    '绩效自评：读入预算数与各指标的实际完成值（见 samples/evaluation-example.json），按分值与评分规则计算每项得分（附计算说明）、预算执行率得分、总分、等级与预警，输出 JSON、可打印的自评表或 Excel；输入有误时退出码为 2',
    evaluateCommand);
  form('monitor', '运行监控：按序时进度给指标和预算亮灯',
    '运行监控：读入各资金来源的预算与累计支出、各指标的当前完成值与完成可能性（见 samples/monitoring-example.json），给预算执行和每个指标亮红、黄、绿、蓝灯（附说明），项目取最差的灯；输出 JSON、可打印的监控表或 Excel；输入有误时退出码为 2',
    monitorCommand);
}
