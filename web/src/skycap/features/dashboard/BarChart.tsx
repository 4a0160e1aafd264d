/** A horizontal bar chart in plain SVG (no chart library): labels, bars and values, described for screen readers. */
export interface Bar {
  label: string;
  value: number;
  text: string;
  colour: string;
}

export function BarChart({ bars, label, max }: { bars: Bar[]; label: string; max?: number }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const row = 30;
  const labelWidth = 110;
  const width = 520;
  const barSpace = width - labelWidth - 70;
  const height = bars.length * row + 8;
  const description = bars.map((b) => `${b.label}: ${b.text}`).join(', ');
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${label}. ${description}`}>
      {bars.map((bar, i) => {
        const y = i * row + 4;
        const length = Math.max(bar.value > 0 ? 3 : 0, Math.round((bar.value / top) * barSpace));
        return (
          <g key={bar.label}>
            <text x={labelWidth - 8} y={y + row / 2} textAnchor="end" dominantBaseline="middle" style={{ textTransform: 'capitalize' }}>
              {bar.label}
            </text>
            <rect x={labelWidth} y={y + 5} width={barSpace} height={row - 10} fill="#eef1f5" rx={4} />
            <rect x={labelWidth} y={y + 5} width={length} height={row - 10} fill={bar.colour} rx={4} />
            <text x={labelWidth + length + 6} y={y + row / 2} dominantBaseline="middle" fontWeight={600}>
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
