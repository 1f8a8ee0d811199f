// Lights and scores as the unit types: the very functions the server stores them with (the report kinds
// of src/workflow, over src/score — pure, no I/O), run on the approved plan version the report carries.
// So what the form shows before saving is what the save will store, and what a submission still needs
// (`issues`) is known per field before the server is asked.
import type { PlanContent } from '../../../src/workflow/content';
import { EVALUATION, type EvaluationEntry } from '../../../src/workflow/evaluations';
import { MONITORING, type MonitoringEntry } from '../../../src/workflow/monitoring';
import type { PlanBasis } from '../../../src/workflow/reports';
import type { EvaluationDetail, MonitoringDetail } from '../api/reports';

type Detail = MonitoringDetail | EvaluationDetail;

function basis(d: Detail): PlanBasis {
  return {
    planId: d.planId, versionId: 0, versionNumber: d.planVersion, name: d.planName, unitOrgId: 0, unit: d.unit, department: d.department,
    planYear: d.period.year, projectId: null, content: d.content as PlanContent,
  };
}

export type { EvaluationEntry, MonitoringEntry };

export function liveMonitoring(d: MonitoringDetail, input: MonitoringEntry) {
  return MONITORING.compute(basis(d), input, d.period);
}

export function liveEvaluation(d: EvaluationDetail, input: EvaluationEntry) {
  return EVALUATION.compute(basis(d), input, d.period);
}
