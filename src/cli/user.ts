// `jixiao user add|list|passwd|disable|enable` and `jixiao token create|list|revoke`: accounts from the
// command line, on the same store the server uses. A password is read from standard input when it is
// piped (`echo 密码 | jixiao user add …`), else generated and printed once. Every change is audited,
// the actor being the command line and the operating-system user who ran it.
import { userInfo } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { audit, diffOf } from '../auth/audit.js';
import { generatePassword, passwordProblem } from '../auth/password.js';
import { ROLE_LABELS, type Role } from '../auth/roles.js';
import { endUserSessions } from '../auth/sessions.js';
import { createToken, listTokens, revokeToken } from '../auth/tokens.js';
import { AccountError, auditView, createUser, listUsers, setPassword, updateUser, userRow } from '../auth/users.js';
import type { Store } from '../store/index.js';
import { findOrg, getOrg, type Org } from '../store/orgs.js';
import { withStore, type DbOption } from './store-options.js';

export interface UserAddOptions extends DbOption {
  readonly role: Role;
  readonly org?: string | undefined;
}

const actor = () => {
  let who = '';
  try { who = userInfo().username; } catch { /* no user name (containers): the command line alone */ }
  return { id: null, name: `命令行${who ? `（${who}）` : ''}` };
};

/** the piped password (first line), or null when standard input is a terminal or empty */
export async function readPassword(stdin: Readable & { isTTY?: boolean }): Promise<string | null> {
  if (stdin.isTTY) return null;
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  const line = text.split(/\r?\n/)[0] ?? '';
  return line === '' ? null : line;
}

async function orgArg(store: Store, text: string): Promise<Org | string> {
  const org = /^\d+$/.test(text) ? await getOrg(store.db, Number(text)) : await findOrg(store.db, text);
  return org ?? `没有名为（或编号为）“${text}”的组织；组织由导入的表自动建立，也可在网页“组织”中添加`;
}

export async function userAddCommand(name: string, opts: UserAddOptions, stdin: Readable, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    let orgId: number | null = null;
    if (opts.org !== undefined) {
      const org = await orgArg(store, opts.org);
      if (typeof org === 'string') { err.write(`jixiao: ${org}\n`); return 2; }
      orgId = org.id;
    } else if (opts.role !== 'admin') {
      err.write(`jixiao: “${ROLE_LABELS[opts.role]}”账户须用 --org 指定所属组织（名称或编号）\n`);
      return 2;
    }
    const piped = await readPassword(stdin);
    const problem = piped === null ? null : passwordProblem(piped, name);
    if (problem) { err.write(`jixiao: ${problem}\n`); return 2; }
    const password = piped ?? generatePassword();
    try {
      const user = await createUser(store.db, { username: name, password, role: opts.role, orgId, mustChangePassword: piped === null });
      await audit(store.db, { actor: actor(), action: 'user.create', target: { type: 'user', id: user.id }, summary: `新建账户 ${user.username}（${user.roleLabel}${user.org ? `，${user.org.name}` : ''}）`, detail: { diff: diffOf({}, auditView(user)) } });
      out.write(`已创建账户 ${user.username}：${user.roleLabel}${user.org ? `，${user.org.name}` : ''}\n`);
      if (piped === null) out.write(`初始密码（只显示这一次，首次登录须修改）：${password}\n`);
      return 0;
    } catch (e) {
      if (e instanceof AccountError) { err.write(`jixiao: ${e.message}\n`); return 2; }
      throw e;
    }
  });
}

export async function userListCommand(opts: DbOption & { format?: 'text' | 'json' }, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    const users = await listUsers(store.db);
    if (opts.format === 'json') { out.write(`${JSON.stringify(users, null, 2)}\n`); return 0; }
    if (users.length === 0) { out.write('还没有账户。\n'); return 0; }
    const now = new Date().toISOString();
    for (const u of users) {
      const state = [u.disabled ? '已停用' : '', u.lockedUntil && u.lockedUntil > now ? '已锁定' : '', u.mustChangePassword ? '须改密码' : '', u.demo ? '演示账户' : ''].filter(Boolean).join('，');
      out.write(`${u.username}\t${u.roleLabel}\t${u.org?.name ?? '—'}${state ? `\t${state}` : ''}\n`);
    }
    return 0;
  });
}

async function named(store: Store, name: string, err: Writable) {
  const row = await userRow(store.db, { username: name });
  if (!row) err.write(`jixiao: 没有名为“${name}”的账户（jixiao user list 列出全部）\n`);
  return row;
}

export async function userPasswdCommand(name: string, opts: DbOption, stdin: Readable, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    const row = await named(store, name, err);
    if (!row) return 2;
    const piped = await readPassword(stdin);
    const problem = piped === null ? null : passwordProblem(piped, name);
    if (problem) { err.write(`jixiao: ${problem}\n`); return 2; }
    const password = piped ?? generatePassword();
    await setPassword(store.db, row.id, password, piped === null);
    await endUserSessions(store.db, row.id);
    await audit(store.db, { actor: actor(), action: 'user.reset-password', target: { type: 'user', id: row.id }, summary: `重置账户 ${row.username} 的密码` });
    out.write(`已重置 ${row.username} 的密码，并解除锁定、结束其会话。\n`);
    if (piped === null) out.write(`新密码（只显示这一次，下次登录须修改）：${password}\n`);
    return 0;
  });
}

export async function userDisableCommand(name: string, disabled: boolean, opts: DbOption, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    const row = await named(store, name, err);
    if (!row) return 2;
    const r = (await updateUser(store.db, row.id, { disabled }))!;
    if (disabled) await endUserSessions(store.db, row.id);
    await audit(store.db, { actor: actor(), action: disabled ? 'user.disable' : 'user.enable', target: { type: 'user', id: row.id }, summary: `${disabled ? '停用' : '启用'}账户 ${row.username}`, detail: { diff: diffOf(auditView(r.before), auditView(r.after)) } });
    out.write(`已${disabled ? '停用' : '启用'}账户 ${row.username}${disabled ? '（其会话与 API 令牌随即失效）' : ''}。\n`);
    return 0;
  });
}

export async function tokenCreateCommand(name: string, opts: DbOption & { label?: string; role?: Role; org?: string }, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    const row = await named(store, name, err);
    if (!row) return 2;
    if (row.disabled === 1) { err.write(`jixiao: 账户 ${row.username} 已停用，不能为其创建令牌\n`); return 2; }
    let orgId = row.org_id;
    if (opts.org !== undefined) {
      const org = await orgArg(store, opts.org);
      if (typeof org === 'string') { err.write(`jixiao: ${org}\n`); return 2; }
      orgId = org.id;
    }
    const role = opts.role ?? (row.role as Role);
    const { token, info } = await createToken(store.db, { userId: row.id, name: opts.label ?? '命令行创建', role, orgId });
    await audit(store.db, { actor: actor(), action: 'token.create', target: { type: 'token', id: info.id }, summary: `为 ${row.username} 创建 API 令牌“${info.name}”（${ROLE_LABELS[role]}）` });
    out.write(`已为 ${row.username} 创建 API 令牌（编号 ${info.id}，${ROLE_LABELS[role]}）。令牌只显示这一次：\n${token}\n用法：curl -H 'Authorization: Bearer ${token.slice(0, 6)}…' …\n`);
    return 0;
  });
}

export async function tokenListCommand(opts: DbOption, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    const tokens = await listTokens(store.db);
    if (tokens.length === 0) { out.write('还没有 API 令牌。\n'); return 0; }
    for (const t of tokens) out.write(`${t.id}\t${t.username}\t${t.name}\t${ROLE_LABELS[t.role]}\t${t.revokedAt ? `已撤销 ${t.revokedAt}` : t.lastUsedAt ? `最近使用 ${t.lastUsedAt}` : '未使用'}\n`);
    return 0;
  });
}

export async function tokenRevokeCommand(id: string, opts: DbOption, out: Writable, err: Writable): Promise<number> {
  return withStore(opts, err, async (store) => {
    const [t] = /^\d+$/.test(id) ? await listTokens(store.db, { id: Number(id) }) : [];
    if (!t) { err.write(`jixiao: 没有编号为“${id}”的令牌（jixiao token list 列出全部）\n`); return 2; }
    if (!(await revokeToken(store.db, t.id))) { err.write(`jixiao: 令牌 ${t.id} 已经撤销\n`); return 2; }
    await audit(store.db, { actor: actor(), action: 'token.revoke', target: { type: 'token', id: t.id }, summary: `撤销 ${t.username} 的 API 令牌“${t.name}”` });
    out.write(`已撤销令牌 ${t.id}（${t.username}，${t.name}）。\n`);
    return 0;
  });
}
