// One ECharts instance on a canvas, sized to its box, redrawn when the option changes, disposed on unmount.
import { useEffect, useRef } from 'react';
import { echarts, type BarSeriesOption, type ComposeOption, type GridComponentOption, type LegendComponentOption, type PieSeriesOption, type TooltipComponentOption } from '../lib/echarts';

const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartClick {
  name: string;
  seriesName?: string;
  seriesIndex?: number;
  dataIndex: number;
  data: unknown;
}

interface Props {
  option: ChartOption;
  height: number;
  onClick?: (p: ChartClick) => void;
  /** the chart's name for screen readers and the browser tests (ECharts' own generated aria text is off: it reads
   *  object data points as NaN); every chart's data is also reachable as the list it clicks through to */
  label: string;
}

export default function Chart({ option, height, onClick, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: { fontFamily: FONT }, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={box} className="chart" role="img" aria-label={label} data-chart={label} style={{ height, width: '100%', cursor: onClick ? 'pointer' : undefined }} />;
}
