/** A horizontal bar chart (ECharts, only the parts used, canvas renderer). ECharts is fetched when a
 * chart is first drawn (its own chunk), not with the page that holds it. */
import { useEffect, useRef } from 'react';

let loading: Promise<typeof import('echarts/core')> | null = null;
function loadEcharts() {
  loading ??= Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]).then(([echarts, charts, components, renderers]) => {
    echarts.use([
      charts.BarChart,
      components.GridComponent,
      components.TooltipComponent,
      components.MarkLineComponent,
      renderers.CanvasRenderer,
    ]);
    return echarts;
  });
  return loading;
}

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
    const node = el.current;
    if (!node) return;
    let dispose = () => {};
    let cancelled = false;
    void loadEcharts().then((echarts) => {
      if (cancelled) return;
      dispose = draw(echarts, node);
    });
    return () => {
      cancelled = true;
      dispose();
    };
  }, [bars, max, mean]);
  function draw(echarts: typeof import('echarts/core'), node: HTMLDivElement) {
    const chart = echarts.init(node, undefined, { renderer: 'canvas' });
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
    ro.observe(node);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }
  return (
    <div
      ref={el}
      data-testid={testId}
      style={{ width: '100%', height: Math.max(160, bars.length * 28 + 40) }}
    />
  );
}
