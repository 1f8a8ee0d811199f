// ECharts with just what the app draws: bar and pie charts on a canvas. Imported only by the pages
// that chart (they are lazy routes), so it never weighs on the first load.
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { echarts };
export type { ComposeOption } from 'echarts/core';
export type { BarSeriesOption, PieSeriesOption } from 'echarts/charts';
export type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
