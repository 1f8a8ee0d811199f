// The workflow as data: every legal transition, every illegal one refused with a reason that says
// whether the role or the state is wrong, and the table exhaustive over states × actions × roles.
import { describe, expect, test } from 'vitest';
import { ROLES, type Role } from '../../src/auth/roles.js';
import { ACTIONS, decide, next, REVIEWER_OF, rolesFor, STATES, TRANSITIONS, type Action, type State } from '../../src/workflow/states.js';

/** the workflow as the issue states it: [state, action, role] → next state */
const LEGAL: readonly (readonly [State, Action, Role, State])[] = [
  ['draft', 'save', 'unit', 'draft'],
  ['draft', 'submit', 'unit', 'submitted'],
  ['submitted', 'approve', 'department', 'department-approved'],
  ['submitted', 'return', 'department', 'draft'],
  ['department-approved', 'approve', 'finance', 'approved'],
  ['department-approved', 'return', 'finance', 'draft'],
  ['approved', 'publish', 'finance', 'published'],
  ['approved', 'adjust', 'unit', 'draft'],
  ['published', 'adjust', 'unit', 'draft'],
  ...STATES.flatMap((s) => (['unit', 'department', 'finance'] as const).map((r) => [s, 'comment', r, s] as const)),
];

describe('plan workflow states', () => {
  test('every legal transition is allowed and leads where the issue says', () => {
    for (const [state, action, role, to] of LEGAL) {
      const d = decide(state, action, role);
      expect(d.ok, `${state} ${action} by ${role}`).toBe(true);
      expect(next(state, action)).toBe(to);
    }
  });

  test('everything else is refused, with a Chinese reason naming the state or the role', () => {
    const legal = new Set(LEGAL.map(([s, a, r]) => `${s} ${a} ${r}`));
    let refused = 0;
    for (const s of STATES) for (const a of ACTIONS) for (const r of ROLES) {
      if (legal.has(`${s} ${a} ${r}`)) continue;
      const d = decide(s, a, r);
      expect(d.ok, `${s} ${a} by ${r} must be refused`).toBe(false);
      if (d.ok) continue;
      expect(d.message).toMatch(/[\u4e00-\u9fff]/);
      expect(d.reason).toBe(TRANSITIONS[s][a] ? 'role' : 'state');
      refused++;
    }
    expect(refused).toBe(STATES.length * ACTIONS.length * ROLES.length - LEGAL.length);
  });

  test('a unit approving its own plan is refused for its role, and says so', () => {
    const d = decide('submitted', 'approve', 'unit');
    expect(d).toMatchObject({ ok: false, reason: 'role' });
    expect(!d.ok && d.message).toMatch(/单位不能审核、批复或公开自己的计划/);
  });

  test('editing a submitted plan is refused for its state, and says when it can be edited again', () => {
    const d = decide('submitted', 'save', 'unit');
    expect(d).toMatchObject({ ok: false, reason: 'state' });
    expect(!d.ok && d.message).toMatch(/已提交.*退回后才能修改/);
    const approved = decide('approved', 'save', 'unit');
    expect(!approved.ok && approved.message).toMatch(/发起调整/);
  });

  test('finance cannot skip the department, and a department cannot give the final approval', () => {
    expect(decide('submitted', 'approve', 'finance')).toMatchObject({ ok: false, reason: 'role' });
    expect(decide('department-approved', 'approve', 'department')).toMatchObject({ ok: false, reason: 'role' });
    expect(decide('draft', 'approve', 'department')).toMatchObject({ ok: false, reason: 'state' });
  });

  test('admin and viewer take no workflow action (they read)', () => {
    for (const a of ACTIONS) {
      expect(rolesFor(a)).not.toContain('admin');
      expect(rolesFor(a)).not.toContain('viewer');
    }
  });

  test('each review state has exactly the reviewer whose queue it is in', () => {
    for (const s of STATES) {
      const reviewer = REVIEWER_OF[s];
      const approvers = TRANSITIONS[s].approve?.roles ?? [];
      expect(approvers).toEqual(reviewer ? [reviewer] : []);
    }
  });
});
