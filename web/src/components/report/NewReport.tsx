// Opening a unit's report for an approved plan and a period: creates it (草稿) when there is none, or —
// when one exists already (409 report-exists) — opens that one.
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Form, InputNumber, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { plansApi } from '../../api/plans';
import { reportPath, reportsApi, type ReportKindName } from '../../api/reports';
import { errorMessage } from '../common';

export function NewReport({ open, onClose, plan, kind: initialKind = 'monitoring' }: {
  open: boolean; onClose: () => void; plan?: { id: number; year: number | null } | undefined; kind?: ReportKindName;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [kind, setKind] = useState<ReportKindName>(initialKind);
  const [planId, setPlanId] = useState<number | undefined>(plan?.id);
  const plans = useQuery({ queryKey: ['plans', 'approved-for-reports'], queryFn: ({ signal }) => plansApi.list({ limit: 200 }, signal), enabled: open && !plan });
  const approved = (plans.data?.items ?? []).filter((p) => p.approvedVersion !== null);
  const chosen = plan ?? approved.find((p) => p.id === planId);
  const [year, setYear] = useState<number | null>(null);
  const now = new Date();
  const y = year ?? chosen?.year ?? now.getFullYear();
  // the period so far: this month in the current year, the whole of a past one
  const [chosenMonth, setMonth] = useState<number | null>(null);
  const month = chosenMonth ?? (y < now.getFullYear() ? 12 : y === now.getFullYear() ? now.getMonth() + 1 : 1);
  const create = useMutation({
    mutationFn: async () => {
      if (!chosen) throw new Error('请选择已批复的绩效目标');
      try {
        return (await reportsApi.create(kind, { planId: chosen.id, year: y, ...(kind === 'monitoring' ? { month } : {}) })).id;
      } catch (e) {
        // one report per plan and period: open the one there is
        if (e instanceof ApiError && e.code === 'report-exists' && typeof (e.detail as { id?: unknown } | undefined)?.id === 'number') return (e.detail as { id: number }).id;
        throw e;
      }
    },
    onSuccess: (id) => { onClose(); navigate(reportPath(kind, id)); },
    onError: (e) => { void message.error(errorMessage(e)); },
  });
  return (
    <Modal open={open} onCancel={onClose} title="填报运行监控或绩效自评" okText="打开" cancelText="取消" okButtonProps={{ disabled: !chosen, loading: create.isPending, 'data-testid': 'open-report' } as never}
      onOk={() => create.mutate()} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label="报告">
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ReportKindName)} optionType="button"
            options={[{ value: 'monitoring', label: '运行监控' }, { value: 'evaluation', label: '绩效自评' }]} />
        </Form.Item>
        {plan ? null : (
          <Form.Item label="已批复的绩效目标">
            <Select aria-label="绩效目标" showSearch optionFilterProp="label" value={planId} onChange={setPlanId} loading={plans.isLoading} placeholder="选择本单位已批复的项目"
              notFoundContent="没有已批复的绩效目标" options={approved.map((p) => ({ value: p.id, label: `${p.year ?? '未注明'}年 · ${p.name}` }))} />
          </Form.Item>
        )}
        <Form.Item label={kind === 'monitoring' ? '监控期间' : '自评年度'} extra={kind === 'monitoring' ? `${y}年1月至所选月份的累计情况` : undefined}>
          <span className="plan-years">
            <InputNumber aria-label="报告年度" min={1990} max={2100} value={y} onChange={(v) => setYear(v)} style={{ width: 100 }} /> 年
            {kind === 'monitoring' ? <>1—<Select aria-label="截至月份" value={month} onChange={setMonth} style={{ width: 80 }} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: String(i + 1) }))} /> 月</> : null}
          </span>
        </Form.Item>
        <div className="muted note">每个项目每个期间只有一份报告：已有时打开已有的那一份。</div>
      </Form>
    </Modal>
  );
}
