/** A horizontal bar chart (ECharts, only the parts used, canvas renderer). */
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export interface Bar {
  label: string;
  /** The value as a number for drawing; `text` is what users read (decimal comma). */
  value: number;
  text: string;
}

export function Bars({
  bars,
  max,
  mean,
  testId,
}: {
  bars: Bar[];
  max?: number;
  mean?: Bar | null;
  testId?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const ordered = [...bars].reverse();
    chart.setOption({
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataIndex: number }) =>
          `${ordered[p.dataIndex]!.label}: ${ordered[p.dataIndex]!.text}`,
      },
      xAxis: {
        type: 'value',
        max: max ?? 'dataMax',
        axisLabel: { formatter: (v: number) => String(v).replace('.', ',') },
      },
      yAxis: {
        type: 'category',
        data: ordered.map((b) => b.label),
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: ordered.map((b) => b.value),
          itemStyle: { color: '#b71c1c' },
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => ordered[p.dataIndex]!.text,
          },
          ...(mean
            ? {
                markLine: {
                  symbol: 'none',
                  data: [{ xAxis: mean.value, label: { formatter: `${mean.label}: ${mean.text}` } }],
                },
              }
            : {}),
        },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [bars, max, mean]);
  return (
    <div
      ref={el}
      data-testid={testId}
      style={{ width: '100%', height: Math.max(160, bars.length * 28 + 40) }}
    />
  );
}
