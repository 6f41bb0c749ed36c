/** One line of a chart. */
export interface ChartSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly color: string;
  /** SVG stroke-dasharray, e.g. "6 4". */
  readonly dash?: string;
}

/** A line chart with a legend; axes linear, log2 or log10. */
export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xScale: "linear" | "log2";
  readonly yScale: "linear" | "log10";
  /** Tick values of the x axis (the measured x values read best). */
  readonly xTicks: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { left: 72, right: 190, top: 40, bottom: 52 };

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c,
  );
}

function formatNumber(value: number): string {
  if (value >= 1000) return `${Number((value / 1000).toPrecision(3))}k`;
  if (value >= 1) return String(Number(value.toPrecision(3)));
  return String(Number(value.toPrecision(2)));
}

/** Powers of ten spanning [min, max], at least two. */
function decadeTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++)
    ticks.push(10 ** e);
  return ticks;
}

/** Renders a line chart as a standalone SVG document. */
export function renderLineChart(chart: LineChart): string {
  const width = chart.width ?? 720;
  const height = chart.height ?? 400;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const all = chart.series
    .flatMap((s) => s.points)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const positive = chart.yScale === "log10" ? all.filter(([, y]) => y > 0) : all;
  const ys = positive.map(([, y]) => y);
  const xs = [...chart.xTicks, ...positive.map(([x]) => x)];
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const tx = chart.xScale === "log2" ? Math.log2 : (v: number) => v;
  const x = (v: number) =>
    MARGIN.left +
    (xMax === xMin ? plotW / 2 : ((tx(v) - tx(xMin)) / (tx(xMax) - tx(xMin))) * plotW);

  let yTicks: number[];
  let y: (v: number) => number;
  if (chart.yScale === "log10") {
    const lo = ys.length ? Math.min(...ys) : 1;
    const hi = ys.length ? Math.max(...ys) : 10;
    yTicks = decadeTicks(lo, hi);
    const a = Math.log10(yTicks[0] as number);
    const b = Math.log10(yTicks.at(-1) as number);
    y = (v) => MARGIN.top + plotH - ((Math.log10(v) - a) / (b - a || 1)) * plotH;
  } else {
    const hi = ys.length ? Math.max(...ys) : 1;
    const step = 10 ** Math.floor(Math.log10(hi || 1));
    const top = Math.ceil(hi / step) * step || 1;
    yTicks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
    if (yTicks.length > 11) yTicks = yTicks.filter((_, i) => i % 2 === 0);
    y = (v) => MARGIN.top + plotH - (v / top) * plotH;
  }

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    // Long titles get a smaller font so that they fit (about 0.6 em per character).
    `<text x="16" y="22" font-size="${Math.min(14, Math.floor((width - 32) / (0.6 * chart.title.length)))}" font-weight="bold">${escapeXml(chart.title)}</text>`,
  );
  for (const t of yTicks) {
    const py = y(t).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${py}" y2="${py}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${formatNumber(t)}</text>`,
    );
  }
  for (const t of chart.xTicks) {
    const px = x(t).toFixed(1);
    parts.push(
      `<line x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#f0f0f0"/>`,
      `<text x="${px}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${formatNumber(t)}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, i) => {
    const points = series.points.filter(
      ([px, py]) =>
        Number.isFinite(px) && Number.isFinite(py) && (chart.yScale !== "log10" || py > 0),
    );
    const dash = series.dash ? ` stroke-dasharray="${series.dash}"` : "";
    if (points.length > 1) {
      const d = points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(" ");
      parts.push(
        `<polyline points="${d}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`,
      );
    }
    for (const [px, py] of points) {
      parts.push(
        `<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="3" fill="${series.color}"/>`,
      );
    }
    const ly = MARGIN.top + 10 + i * 20;
    const lx = MARGIN.left + plotW + 14;
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 30}" y="${ly}" dominant-baseline="middle">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
