// The first accounts of a fresh database: `admin` with a generated password (to be changed at first
// login) and, unless switched off (--no-demo, JIXIAO_DEMO=0), one demo account (演示账户) per role on
// the sample data, sharing one generated password. The passwords are returned for the caller to print
// once; they are never logged.
import type { Store } from '../store/index.js';
import { listOrgs, rootOrg } from '../store/orgs.js';
import { audit } from './audit.js';
import { generatePassword } from './password.js';
import { ROLES, type Role } from './roles.js';
import { createUser } from './users.js';

export interface Bootstrapped {
  readonly admin: { readonly username: string; readonly password: string } | null;
  readonly demo: { readonly password: string; readonly accounts: readonly { username: string; role: Role; org: string | null }[] } | null;
}

export const demoEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => !/^(0|false|no|off)$/i.test(env['JIXIAO_DEMO']?.trim() ?? '');

/** creates the first accounts when the database has none; nothing when it has any */
export async function ensureAccounts(store: Store, o: { demo: boolean }): Promise<Bootstrapped> {
  const n = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(n.n) > 0) return { admin: null, demo: null };
  const adminPassword = generatePassword();
  await createUser(store.db, { username: 'admin', password: adminPassword, role: 'admin', orgId: null, mustChangePassword: true });
  await audit(store.db, { actor: null, action: 'user.create', target: null, summary: '新数据库：创建系统管理员账户 admin（首次登录须修改密码）' });
  if (!o.demo) return { admin: { username: 'admin', password: adminPassword }, demo: null };

  // the sample data's first department that has units, and its first unit
  const orgs = await listOrgs(store.db);
  const root = await rootOrg(store.db);
  const department = orgs.find((d) => d.kind === 'department' && orgs.some((u) => u.parentId === d.id)) ?? orgs.find((d) => d.kind === 'department') ?? root;
  const unit = orgs.find((u) => u.kind === 'unit' && u.parentId === department.id) ?? department;
  const orgOf: Record<Role, typeof root | null> = { admin: null, finance: root, department, unit, viewer: root };
  const password = generatePassword();
  const accounts: { username: string; role: Role; org: string | null }[] = [];
  for (const role of ROLES) {
    if (role === 'admin') continue;
    const username = `demo-${role}`;
    await createUser(store.db, { username, password, role, orgId: orgOf[role]?.id ?? null, demo: true });
    accounts.push({ username, role, org: orgOf[role]?.name ?? null });
  }
  await audit(store.db, { actor: null, action: 'user.create', target: null, summary: `新数据库：创建演示账户 ${accounts.map((a) => a.username).join('、')}` });
  return { admin: { username: 'admin', password: adminPassword }, demo: { password, accounts } };
}
