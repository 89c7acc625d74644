// Small SVG charts drawn from the JSON API: lines (ROC, gains, overlaid versions, over time), bars (histogram, AUC per version, buckets).
"use strict";
const Charts = (() => {
  const ns = "http://www.w3.org/2000/svg";
  const el = (name, attrs, parent) => {
    const node = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  };
  const frame = (width, height, testId) => {
    const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "data-testid": testId, style: `max-height:${height + 40}px` });
    return svg;
  };
  const text = (parent, x, y, value, anchor) => { const t = el("text", { x, y, "text-anchor": anchor || "middle" }, parent); t.textContent = value; return t; };

  // series: [{ name, color, points: [[x, y], ...], dash }] over [x0,x1]x[y0,y1] (default the unit square); several
  // series overlay. diagonal: draw y = x; dots: mark each point (with a tooltip); xFormat/yFormat: tick labels.
  function lines(series, { testId, xLabel, yLabel, diagonal = false, dots = false, x: [x0, x1] = [0, 1], y: [y0, y1] = [0, 1],
    xFormat = v => v.toFixed(2), yFormat = v => v.toFixed(2) }) {
    const W = 420, H = 320, L = 44, R = 12, T = 12, B = 38;
    const svg = frame(W, H, testId);
    const spanX = x1 - x0 || 1, spanY = y1 - y0 || 1;
    const sx = v => L + (v - x0) / spanX * (W - L - R), sy = v => H - B - (v - y0) / spanY * (H - T - B);
    for (let i = 0; i <= 4; i++) {
      const vx = x0 + spanX * i / 4, vy = y0 + spanY * i / 4;
      el("line", { x1: sx(x0), x2: sx(x1), y1: sy(vy), y2: sy(vy), class: "grid-line" }, svg);
      text(svg, sx(vx), H - B + 14, xFormat(vx));
      text(svg, L - 6, sy(vy) + 4, yFormat(vy), "end");
    }
    el("line", { x1: sx(x0), x2: sx(x1), y1: sy(y0), y2: sy(y0), class: "axis" }, svg);
    el("line", { x1: sx(x0), x2: sx(x0), y1: sy(y0), y2: sy(y1), class: "axis" }, svg);
    if (diagonal) { const lo = Math.max(x0, y0), hi = Math.min(x1, y1); el("line", { x1: sx(lo), y1: sy(lo), x2: sx(hi), y2: sy(hi), class: "diag" }, svg); }
    text(svg, (L + W - R) / 2, H - 6, xLabel);
    const yl = text(svg, 12, (T + H - B) / 2, yLabel); yl.setAttribute("transform", `rotate(-90 12 ${(T + H - B) / 2})`);
    for (const s of series) {
      const d = s.points.map((p, i) => `${i ? "L" : "M"}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(" ");
      el("path", { d, fill: "none", stroke: s.color, "stroke-width": 2, ...(s.dash ? { "stroke-dasharray": s.dash } : {}), "data-series": s.name, "data-points": s.points.length }, svg);
      if (dots) for (const p of s.points) {
        const c = el("circle", { cx: sx(p[0]).toFixed(1), cy: sy(p[1]).toFixed(1), r: 3, fill: s.color, "data-series": s.name, "data-y": p[1] }, svg);
        el("title", {}, c).textContent = `${s.name}: ${xFormat(p[0])}, ${yFormat(p[1])}`;
      }
    }
    return svg;
  }

  const unitLines = (series, { testId, xLabel, yLabel, diagonal = true }) => lines(series, { testId, xLabel, yLabel, diagonal });

  // bars: [{ label, value, color, title, attrs }]; format: value -> label text.
  function bars(items, { testId, height = 240, yMax, format = v => String(v), yFormat, rotate = false }) {
    const W = 560, H = height, L = 52, R = 10, T = 14, B = rotate ? 60 : 34;
    const svg = frame(W, H, testId);
    const max = yMax ?? Math.max(1e-9, ...items.map(i => i.value));
    const slot = (W - L - R) / Math.max(1, items.length), bw = Math.max(2, slot * 0.72);
    const sy = v => H - B - (v / max) * (H - T - B);
    for (let i = 0; i <= 4; i++) {
      const v = max * i / 4;
      el("line", { x1: L, x2: W - R, y1: sy(v), y2: sy(v), class: "grid-line" }, svg);
      text(svg, L - 6, sy(v) + 4, (yFormat || format)(v), "end");
    }
    el("line", { x1: L, x2: W - R, y1: sy(0), y2: sy(0), class: "axis" }, svg);
    items.forEach((item, i) => {
      const x = L + i * slot + (slot - bw) / 2, y = sy(item.value);
      const rect = el("rect", { x: x.toFixed(1), y: y.toFixed(1), width: bw.toFixed(1), height: Math.max(0, sy(0) - y).toFixed(1), fill: item.color || "#2f6fed", ...(item.attrs || {}) }, svg);
      const tip = el("title", {}, rect); tip.textContent = item.title || `${item.label}: ${format(item.value)}`;
      if (items.length <= 24 && (i % Math.ceil(items.length / 12) === 0)) {
        const t = text(svg, x + bw / 2, H - B + 14, item.label);
        if (rotate) t.setAttribute("transform", `rotate(-35 ${x + bw / 2} ${H - B + 14})`), t.setAttribute("text-anchor", "end");
      }
    });
    return svg;
  }

  // groups: [{ label, values: [{ name, value, color }] }] side by side.
  function groupedBars(groups, { testId, format = v => String(v) }) {
    const W = 560, H = 240, L = 52, R = 10, T = 14, B = 34;
    const svg = frame(W, H, testId);
    const max = Math.max(1e-9, ...groups.flatMap(g => g.values.map(v => v.value)));
    const slot = (W - L - R) / Math.max(1, groups.length), n = Math.max(1, ...groups.map(g => g.values.length));
    const bw = slot * 0.7 / n;
    const sy = v => H - B - (v / max) * (H - T - B);
    for (let i = 0; i <= 4; i++) {
      const v = max * i / 4;
      el("line", { x1: L, x2: W - R, y1: sy(v), y2: sy(v), class: "grid-line" }, svg);
      text(svg, L - 6, sy(v) + 4, format(v), "end");
    }
    el("line", { x1: L, x2: W - R, y1: sy(0), y2: sy(0), class: "axis" }, svg);
    groups.forEach((g, i) => {
      g.values.forEach((v, j) => {
        const x = L + i * slot + slot * 0.15 + j * bw, y = sy(v.value);
        const rect = el("rect", { x: x.toFixed(1), y: y.toFixed(1), width: (bw - 2).toFixed(1), height: Math.max(0, sy(0) - y).toFixed(1), fill: v.color, "data-group": g.label, "data-name": v.name, "data-value": v.value }, svg);
        el("title", {}, rect).textContent = `${g.label} ${v.name}: ${format(v.value)}`;
      });
      text(svg, L + i * slot + slot / 2, H - B + 14, g.label);
    });
    return svg;
  }

  return { lines, unitLines, bars, groupedBars };
})();
