// The audit page's Chinese labels cover what the server records: every action a plan, a 运行监控 report or
// a 绩效自评 can be logged with (from the state machines' own tables), and every object type.
import { expect, test } from 'vitest';
import { AUDIT_ACTION_GROUPS, AUDIT_TARGET_LABEL, auditActionLabel, auditTargetLabel } from '../../src/auth/audit-labels.js';
import { REPORT_ACTIONS } from '../../src/workflow/report-states.js';
import { ACTIONS } from '../../src/workflow/states.js';

test('every plan, monitoring and evaluation action has a Chinese label, and a group the filter offers', () => {
  const recorded = [
    ...['create', 'import', ...ACTIONS].map((a) => `plan.${a}`),
    ...['monitoring', 'evaluation'].flatMap((k) => ['create', ...REPORT_ACTIONS].map((a) => `${k}.${a}`)),
  ];
  for (const a of recorded) {
    expect(auditActionLabel(a), a).toMatch(/^[^a-z]*[\u4e00-\u9fff][^a-z]*$/);
    expect(AUDIT_ACTION_GROUPS.find((g) => a.startsWith(`${g.prefix}.`))?.actions[a], a).toBeDefined();
  }
  expect(auditActionLabel('plan.submit')).toBe('提交申报');
  expect(auditActionLabel('auth.login')).toBe('登录成功');
  expect(auditActionLabel('no.such-action')).toBe('no.such-action');
});

test('every object type entries point at has a Chinese label', () => {
  for (const t of ['user', 'org', 'token', 'document', 'plan', 'monitoring', 'evaluation']) expect(AUDIT_TARGET_LABEL[t], t).toMatch(/[\u4e00-\u9fff]/);
  expect(auditTargetLabel('plan')).toBe('绩效目标申报');
  expect(auditTargetLabel('monitoring')).toBe('运行监控报告');
  expect(auditTargetLabel('evaluation')).toBe('绩效自评');
});
