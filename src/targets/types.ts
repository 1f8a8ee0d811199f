// The Target model lives with the other model nodes; re-exported here for the grammar's users.
export type { Normalized, ParsedTarget, Target, TargetKind, TargetOp } from '../model/index.js';
