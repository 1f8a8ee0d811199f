// jixiao's command line. Each command is a small function over the pipeline's public entry points.
import { Command, Option } from 'commander';
import { parseCommand } from './parse.js';
import { statsCommand } from './stats.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { importCommand, type ImportCliOptions } from './import.js';
import { dbMigrateCommand } from './db.js';
import { exportCommand } from './export.js';
import { projectsCommand, type ProjectsOptions } from './projects.js';
import { serveCommand, type ServeOptions } from './serve.js';
import { addFilterOptions, DB_HELP, yearArg, type FilterOptions } from './store-options.js';
import { searchCommand, type SearchCommandOptions } from './search.js';
import { chineseHelp } from './help.js';
import { progress } from './read.js';
import { withOutput } from './output.js';
import { scoreCommands } from './score-commands.js';
import { summaryCommand, type SummaryOptions } from './summary.js';
import { plansCommand, type PlansOptions } from './plans.js';
import { exportXlsxCommand, parseXlsxCommand, templateCommand, type TemplateCliOptions } from './xlsx.js';
import { ROLES, ROLE_LABELS, type Role } from '../auth/roles.js';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand, userAddCommand, userDisableCommand, userListCommand, userPasswdCommand, type UserAddOptions } from './user.js';

export function program(): Command {
  const p = chineseHelp(new Command('jixiao'), '0.1.0')
    .description('项目支出绩效目标表：读取、审核、存储与跟踪（project expenditure performance targets）');
  // --progress on any command that reads files: PDF page progress on stderr even when it is not a terminal
  p.hook('preAction', (_, action) => { if (action.opts().progress === true) progress.force = true; });
  const LAYOUT = () => new Option('--layout <layout>', 'xlsx 的表式：table：公开表式，每个项目一行、指标在一个单元格；indicators：每个指标一行，项目单元格向下合并').choices(['table', 'indicators']).default('table');
  /** a number option: an empty value is no number (NaN, refused by the command), not 0 */
  const int = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v));
  const OUTPUT = ['-o, --output <file>', '写入这个文件（不给出时写到标准输出；xlsx 是二进制文件，输出到终端时必须给出）'] as const;
  const PROGRESS = ['--progress', '读取多页 PDF 时在标准错误输出上显示页进度（终端上默认显示）'] as const;
  p.command('parse')
    .summary('读取绩效目标表，输出结构化结果')
    .description('读取绩效目标表文件（PDF、Excel 工作簿 .xlsx、CSV、PDF 提取的文本或制表符分隔文本），输出结构化结果')
    .argument('<file...>', '一个或多个文件')
    .addOption(new Option('-f, --format <format>', 'json：文档（多个文件时每行一个）；table：可读摘要；csv：每个指标一行，指标值类型与比较用中文（数值、≥）；csv-raw：同 csv，但用代码（numeric、>=），供脚本使用；xlsx：Excel 工作簿，每个文件一个工作表').choices(['json', 'table', 'csv', 'csv-raw', 'xlsx']).default('json'))
    .addOption(LAYOUT())
    .option(...OUTPUT)
    .option(...PROGRESS)
    .action(async (files: string[], opts: { format: 'json' | 'table' | 'csv' | 'csv-raw' | 'xlsx'; layout: 'table' | 'indicators'; output?: string }) => {
      const format = opts.format;
      process.exitCode = format === 'xlsx'
        ? await parseXlsxCommand(files, opts, process.stdout, process.stderr)
        : await withOutput(opts.output, process.stdout, process.stderr, (out) => parseCommand(files, format, out, process.stderr));
    });
  p.command('check')
    .summary('审核：检查问题、给出位置与修改建议、评分')
    .description('审核：按规则检查绩效目标表（勾稽、规范性、完整性、可衡量、一致性、适当性），给出问题、位置与修改建议；有“错误”级问题时退出码为 1')
    .argument('<file...>', '一个或多个文件')
    .addOption(new Option('-f, --format <format>', 'text：终端报告；json：机器可读；html：可打印的独立报告').choices(['text', 'json', 'html']).default('text'))
    .option('-c, --config <file>', '规则配置文件（JSON 或 YAML）：启用/停用规则、调整级别、各审核方面的分值')
    .addOption(new Option('--order <order>', 'severity：错误在前，其次警告、提示，同级按表中顺序；document：按表中顺序逐个项目').choices(['severity', 'document']).default('severity'))
    .option(...PROGRESS)
    .action(async (files: string[], opts: { format: 'text' | 'json' | 'html'; config?: string; order: 'severity' | 'document' }) => {
      process.exitCode = await checkCommand(files, { format: opts.format, config: opts.config, colour: process.stdout.isTTY === true, order: opts.order }, process.stdout, process.stderr);
    });
  p.command('stats')
    .summary('统计：指标构成、指标值识别比例、常见指标')
    .description('统计：指标分类构成、指标值的识别与量化比例、最常见的指标及其常见目标、未能识别的指标值')
    .argument('<file...>', '一个或多个文件')
    .addOption(new Option('-f, --format <format>', 'text：可读报告；json：机器可读').choices(['text', 'json']).default('text'))
    .option(...PROGRESS)
    .action(async (files: string[], opts: { format: 'text' | 'json' }) => {
      process.exitCode = await statsCommand(files, opts.format, process.stdout, process.stderr);
    });
  p.command('diff')
    .summary('比较同一单位的两个版本')
    .description('比较同一单位的两个版本：逐个项目列出资金、绩效目标与指标的改动（逐词标出），不论有无改动退出码都为 0')
    .argument('<a>', '甲：先前的或单位自己的版本')
    .argument('<b>', '乙：另一个版本（可以是含该单位的部门表）')
    .option('-u, --unit <name>', '只比较这个单位')
    .addOption(new Option('-f, --format <format>', 'text：终端报告；json：DocumentDiff').choices(['text', 'json']).default('text'))
    .action(async (a: string, b: string, opts: { unit?: string; format: 'text' | 'json' }) => {
      process.exitCode = await diffCommand(a, b, { format: opts.format, ...(opts.unit === undefined ? {} : { unit: opts.unit }) }, process.stdout, process.stderr);
    });
  p.command('import')
    .summary('导入：读取、审核并存入数据库')
    .description('导入：读取、审核并存入数据库（每个文件一个事务）；同样的内容再次导入不变，同一单位同一年度的新表成为新版本；有文件失败时退出码为 1')
    .argument('<file...>', '一个或多个文件')
    .option('--db <path|url>', DB_HELP)
    .option('--year <year>', '原表未注明年度时的年度（数字；none 表示确无年度）')
    .option('--department <name>', '原表未注明部门时的部门名称（none 表示确无部门）')
    .option('--accept-proposed', '原表未注明年度或部门、库中已有同一单位的表（项目名称与金额一致）时，采用其年度与部门')
    .option(...PROGRESS)
    .action(async (files: string[], opts: ImportCliOptions) => {
      process.exitCode = await importCommand(files, opts, process.stdout, process.stderr);
    });
  p.command('db').description('数据库维护')
    .command('migrate')
    .description('把数据库结构升级到最新，并说明执行了哪些迁移、数据库在哪里')
    .option('--db <path|url>', DB_HELP)
    .action(async (opts: { db?: string }) => {
      process.exitCode = await dbMigrateCommand(opts, process.stdout, process.stderr);
    });
  addFilterOptions(p.command('export')
    .summary('导出库中的项目（csv、json 或 xlsx）')
    .description('导出库中的项目：csv 每个指标一行（同 parse --format csv，另加部门、年度、版本、评分等列）；json 每行一个项目及其指标（JSON Lines）；xlsx 按公开表式的 Excel 工作簿，每个文件一个工作表')
    .addOption(new Option('-f, --format <format>', 'csv（指标值类型与比较用中文）、csv-raw（用代码，供脚本使用）、json 或 xlsx').choices(['csv', 'csv-raw', 'json', 'xlsx']).makeOptionMandatory())
    .addOption(LAYOUT())
    .option(...OUTPUT)
    .option('--db <path|url>', DB_HELP))
    .action(async (opts: FilterOptions & { db?: string; format: 'csv' | 'csv-raw' | 'json' | 'xlsx'; layout: 'table' | 'indicators'; output?: string }) => {
      const format = opts.format;
      process.exitCode = format === 'xlsx'
        ? await exportXlsxCommand(opts, process.stdout, process.stderr)
        : await withOutput(opts.output, process.stdout, process.stderr, (out) => exportCommand({ ...opts, format }, out, process.stderr));
    });
  addFilterOptions(p.command('projects')
    .summary('列出库中的项目：筛选、排序、分页')
    .description('列出库中的项目：可按年度、部门、单位、金额、资金来源、指标类别、审核问题筛选，按任一列排序，分页')
    .option('--sort <column>', '排序：document（默认）、name、total、unit、year、score、indicators、findings')
    .option('--desc', '降序')
    .option('--limit <N>', '每页条数（至多 500，默认 50）', int)
    .option('--offset <N>', '从第几个之后开始（默认 0）', int)
    .addOption(new Option('-f, --format <format>', 'text：表格；json：{ total, items }').choices(['text', 'json']).default('text'))
    .option('--db <path|url>', DB_HELP))
    .action(async (opts: ProjectsOptions) => {
      process.exitCode = await projectsCommand(opts, process.stdout, process.stderr);
    });
  p.command('template')
    .summary('生成运行监控表或自评表的填报模板（xlsx）')
    .description('生成填报模板：按单位已公开的项目及其指标，生成运行监控表（monitor）或绩效自评表（evaluate）的 Excel 模板；已知内容锁定，待填列标黄，必填列带 *，固定取值的列有下拉列表')
    .addOption(new Option('--kind <kind>', 'monitor：运行监控表；evaluate：绩效自评表').choices(['monitor', 'evaluate']).makeOptionMandatory())
    .requiredOption('--unit <名称>', '资金使用单位（完整名称）')
    .option('--year <N|none>', '年度（默认取该单位最新的年度；none：未注明年度的表）', yearArg)
    .option(...OUTPUT)
    .option('--db <path|url>', DB_HELP)
    .action(async (opts: TemplateCliOptions) => {
      process.exitCode = await templateCommand(opts, process.stdout, process.stderr);
    });
  p.command('plans')
    .summary('列出或导出绩效目标申报（text、json、xlsx）')
    .description('列出库中的绩效目标申报（单位在本系统填报的，及由公开表转成的）：按年度、状态、来源、单位、名称筛选；xlsx 按公开表的版式导出各申报的当前版本（每个部门与年度一张表）')
    .option('--year <N>', '年度', int)
    .option('--state <state>', '状态：draft（草稿）、submitted（已提交）、department-approved（部门已审）、approved（已批复）、published（已公开），也可写中文')
    .addOption(new Option('--source <source>', 'authored：单位填报；publication：公开表导入').choices(['authored', 'publication']))
    .option('--unit <名称>', '资金使用单位（完整名称）')
    .option('--q <文字>', '项目名称包含的文字')
    .option('--limit <N>', '每页条数（默认 50；xlsx 不分页）', int)
    .option('--offset <N>', '从第几项之后开始（默认 0）', int)
    .addOption(new Option('-f, --format <format>', 'text：表格；json：{ total, items }；xlsx：公开表版式').choices(['text', 'json', 'xlsx']).default('text'))
    .addOption(new Option('--layout <layout>', 'xlsx 的版式：table（每个项目一行）、indicators（每个指标一行）').choices(['table', 'indicators']).default('table'))
    .option(...OUTPUT)
    .option('--db <path|url>', DB_HELP)
    .action(async (opts: PlansOptions) => {
      process.exitCode = opts.format === 'xlsx'
        ? await plansCommand(opts, process.stdout, process.stderr)
        : await withOutput(opts.output, process.stdout, process.stderr, (out) => plansCommand(opts, out, process.stderr));
    });
  p.command('summary')
    .summary('部门绩效自评汇总表（html、xlsx）或部门全部自评表（forms）')
    .description('部门汇总：从库中读取某部门某年度各单位的绩效自评，生成可打印的汇总表（按单位的项目数、等级、最近一期监控亮灯、平均分、资金，及项目明细）、同版式的 Excel，或该部门全部项目的自评表合为一份可打印文档（每个项目一页）')
    .requiredOption('--department <名称>', '主管部门（完整名称）')
    .requiredOption('--year <N>', '年度', int)
    .addOption(new Option('-f, --format <format>', 'html：汇总表；xlsx：汇总表 Excel；forms：全部自评表').choices(['html', 'xlsx', 'forms']).default('html'))
    .option(...OUTPUT)
    .option('--db <path|url>', DB_HELP)
    .action(async (opts: SummaryOptions) => {
      process.exitCode = await summaryCommand(opts, process.stdout, process.stderr);
    });
  p.command('serve')
    .summary('启动网页应用与 JSON 接口')
    .description('网页应用：启动 HTTP 服务（/api 下的 JSON 接口、/api/docs 接口文档、web/dist 的前端）；数据库为空时先导入 samples/ 中的示例；没有账户时创建系统管理员 admin 与各角色的演示账户（密码只在控制台显示一次）')
    .option('--port <N>', '端口（默认取 PORT，否则 3000）')
    .option('--host <host>', '监听地址（默认 localhost；0.0.0.0 对外开放）')
    .option('--db <path|url>', DB_HELP)
    .option('--upload-limit <size>', '每个上传文件的上限，如 10MB、512KB（默认取 JIXIAO_UPLOAD_LIMIT，否则 10MB）')
    .option('--request-timeout <时长>', '接收一个请求（含上传）的时限，超时断开（默认取 JIXIAO_REQUEST_TIMEOUT，否则 120s）')
    .option('--handler-timeout <时长>', '查询请求的应答时限，超时回答 504（默认取 JIXIAO_HANDLER_TIMEOUT，否则 30s）')
    .option('--statement-timeout <时长>', 'PostgreSQL 单条语句的时限，超时回答 503（默认取 JIXIAO_STATEMENT_TIMEOUT，否则 20s）')
    .option('--workers <N>', '导入、报告等耗时工作的后台线程数（默认取 JIXIAO_WORKERS，否则 2）')
    .option('--allow-origin <来源,…>', '除本站外允许发起导入等修改请求的来源，如 http://localhost:5173（默认取 JIXIAO_ALLOWED_ORIGINS）')
    .option('--score-config <文件>', '运行监控与绩效自评的评分配置（JSON 或 YAML：监控期间、亮灯阈值、分值等；默认取 JIXIAO_SCORE_CONFIG）')
    .option('--region <地区>', '评分配置中按地区覆盖时所用的地区（默认取 JIXIAO_REGION）')
    .option('--no-demo', '新数据库不创建演示账户（也可设 JIXIAO_DEMO=0）')
    .action(async (opts: ServeOptions) => {
      process.exitCode = await serveCommand(opts, process.stdout, process.stderr);
    });
  p.command('search')
    .summary('检索项目名称、绩效目标和指标名称')
    .description('检索：在库中的项目名称、绩效目标和指标名称中查找文字（两个字即可，如“运维”“满意”），按相关程度排序，标出匹配处')
    .argument('<query>', '要查找的文字（不区分全角半角、大小写，忽略空格）')
    .addOption(new Option('--in <scope>', 'projects：项目名称与绩效目标；indicators：指标名称；all：全部').choices(['projects', 'indicators', 'all']).default('all'))
    .option('--limit <N>', '每页条数（1–1000，默认 20）', int)
    .option('--offset <N>', '从第几条之后开始（默认 0）', int)
    .option('--all-versions', '也查找各单位的旧版本（默认只查最新版本）')
    .option('--db <path|url>', DB_HELP)
    .addOption(new Option('-f, --format <format>', 'text：每条结果一行；json：{ total, totalExact, hits }').choices(['text', 'json']).default('text'))
    .action(async (query: string, opts: SearchCommandOptions) => {
      process.exitCode = await searchCommand(query, { ...opts, colour: process.stdout.isTTY === true && !process.env['NO_COLOR'] }, process.stdout, process.stderr);
    });
  scoreCommands(p);
  const roleOption = (desc: string) => new Option('--role <role>', `${desc}：${ROLES.map((r) => `${r} ${ROLE_LABELS[r]}`).join('、')}`).choices([...ROLES]);
  const user = p.command('user').description('账户：新建、列出、重置密码、停用与启用');
  user.command('add')
    .description('新建账户：密码从标准输入读取（如 echo 密码 | jixiao user add …），否则自动生成并只显示一次（首次登录须修改）')
    .argument('<name>', '用户名')
    .addOption(roleOption('角色').makeOptionMandatory())
    .option('--org <组织>', '所属组织的名称或编号（系统管理员以外的角色必填）')
    .option('--db <path|url>', DB_HELP)
    .action(async (name: string, opts: UserAddOptions) => {
      process.exitCode = await userAddCommand(name, opts, process.stdin, process.stdout, process.stderr);
    });
  user.command('list')
    .description('列出账户：用户名、角色、组织、状态（停用、锁定、须改密码、演示账户）')
    .addOption(new Option('-f, --format <format>', 'text：每个账户一行；json：机器可读').choices(['text', 'json']).default('text'))
    .option('--db <path|url>', DB_HELP)
    .action(async (opts: { db?: string; format: 'text' | 'json' }) => {
      process.exitCode = await userListCommand(opts, process.stdout, process.stderr);
    });
  user.command('passwd')
    .description('重置密码并解除锁定、结束其会话：新密码从标准输入读取，否则自动生成并只显示一次（下次登录须修改）')
    .argument('<name>', '用户名')
    .option('--db <path|url>', DB_HELP)
    .action(async (name: string, opts: { db?: string }) => {
      process.exitCode = await userPasswdCommand(name, opts, process.stdin, process.stdout, process.stderr);
    });
  for (const [cmd, disabled, desc] of [['disable', true, '停用账户：不能再登录，其会话与 API 令牌随即失效'], ['enable', false, '重新启用停用的账户']] as const) {
    user.command(cmd).description(desc).argument('<name>', '用户名').option('--db <path|url>', DB_HELP)
      .action(async (name: string, opts: { db?: string }) => {
        process.exitCode = await userDisableCommand(name, disabled, opts, process.stdout, process.stderr);
      });
  }
  const token = p.command('token').description('API 令牌：供脚本使用（请求头 Authorization: Bearer 令牌）');
  token.command('create')
    .description('为账户创建 API 令牌：令牌只显示这一次，库中只存其摘要')
    .argument('<name>', '令牌代表的账户（用户名）')
    .option('--label <用途>', '令牌的用途，如“夜间导入脚本”')
    .addOption(roleOption('令牌的角色（默认与账户相同）'))
    .option('--org <组织>', '令牌的组织名称或编号（默认与账户相同）')
    .option('--db <path|url>', DB_HELP)
    .action(async (name: string, opts: { db?: string; label?: string; role?: Role; org?: string }) => {
      process.exitCode = await tokenCreateCommand(name, opts, process.stdout, process.stderr);
    });
  token.command('list').description('列出 API 令牌（不含令牌本身）').option('--db <path|url>', DB_HELP)
    .action(async (opts: { db?: string }) => { process.exitCode = await tokenListCommand(opts, process.stdout, process.stderr); });
  token.command('revoke').description('撤销 API 令牌（立即失效）').argument('<id>', '令牌编号（jixiao token list）').option('--db <path|url>', DB_HELP)
    .action(async (id: string, opts: { db?: string }) => { process.exitCode = await tokenRevokeCommand(id, opts, process.stdout, process.stderr); });
  return p;
}

// A reader that stops early (`| head`) closes the pipe: the output is not wanted any more, so the command
// ends quietly and successfully, not with an unhandled 'error' event's stack trace. A closed stderr only
// silences the progress and messages (a closed stream drops later writes): an import goes on to the end.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});
await program().parseAsync(process.argv);
