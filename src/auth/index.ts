// Accounts, sessions, API tokens, organizations and the audit log (issue 12): the services the server
// and the CLI call. The permission table itself is src/server/permissions.ts.
export { ROLES, ROLE_LABELS, type Caller, type Role, type Principal } from './roles.js';
export { DEFAULT_AUTH, authConfigFromEnv, type AuthConfig } from './config.js';
export { hashPassword, verifyPassword, passwordProblem, generatePassword, SCRYPT } from './password.js';
export { audit, listAudit, diffOf, type AuditEntry, type AuditQuery, type AuditRow } from './audit.js';
export {
  ORG_KINDS, ORG_KIND_LABELS, ORG_REFERENCES, OrgError, orgKey, listOrgs, getOrg, rootOrg, subtree, scopeOrgIds, inScope, withinScope, findOrg, upsertOrg,
  matchImportedOrgs, addOrg, changeOrg, mergeOrgs, listAliases, type Org, type OrgKind, type OrgScope,
} from './orgs.js';
export { SESSION_COOKIE, createSession, findSession, endSession, endUserSessions, pruneSessions, type SessionInfo } from './sessions.js';
export { TOKEN_PREFIX, createToken, listTokens, revokeToken, findToken, type TokenInfo } from './tokens.js';
export {
  USERNAME, isRole, userRow, publicUser, listUsers, createUser, setPassword, checkLogin, updateUser, auditView, AccountError,
  type PublicUser, type NewUser, type LoginResult, type UserRow, type UserPatch,
} from './users.js';
