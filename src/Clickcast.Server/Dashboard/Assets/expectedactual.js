// Expected vs actual conversion over time (issue 14): one point per scoring run whose outcome window has closed,
// read from GET …/predictions/monitoring and drawn beside the latest run's per-bucket bars.
"use strict";
const ExpectedActual = (() => {
  const day = 86400000;
  const date = v => new Date(v).toISOString().slice(0, 10);

  function chart(points) {
    if (!points.length) return h("p", { class: "muted", "data-testid": "expected-actual-over-time-empty" }, "No scoring run's outcome window has closed yet.");
    const xs = points.map(p => Date.parse(p.from)), x0 = Math.min(...xs), x1 = Math.max(...xs);
    // One run alone still gets a readable axis: a day either side.
    const [from, to] = x1 > x0 ? [x0, x1] : [x0 - day, x1 + day];
    const top = Math.min(1, Math.ceil(20 * Math.max(0.05, ...points.flatMap(p => [p.expectedRate, p.actualRate]))) / 20);
    const series = [
      { name: "expected", color: "#93b4f5", points: points.map((p, i) => [xs[i], p.expectedRate]) },
      { name: "actual", color: "#1f9d55", points: points.map((p, i) => [xs[i], p.actualRate]) }];
    return h("div", {},
      h("p", { class: "muted" }, `${points.length} scoring run${points.length === 1 ? "" : "s"} with a closed outcome window, oldest first; the latest run per bucket below.`),
      Charts.lines(series, { testId: "expected-actual-over-time", xLabel: "scored as of (outcome window start)", yLabel: "conversion rate", dots: true, x: [from, to], y: [0, top], xFormat: date, yFormat: v => pct(v, 1) }),
      table(["Run", "Model", "Window from", "Window", "Clients", "Expected", "Actual"],
        points.slice().reverse().slice(0, 10).map(p => [p.runId, `v${p.modelVersion}`, when(p.from), dur(p.horizon), int(p.clients), pct(p.expectedRate, 2), pct(p.actualRate, 2)]), "expected-actual-runs"));
  }

  // base: the task's API path. Returns a node at once and fills it when the history arrives.
  function overTime(base) {
    const node = h("div", { "data-testid": "expected-actual-history" }, h("p", { class: "muted" }, "Loading expected vs actual over time…"));
    api(base + "/predictions/monitoring")
      .then(points => node.replaceChildren(chart(points ?? [])))
      .catch(e => node.replaceChildren(h("p", { class: "error" }, e.message)));
    return node;
  }

  return { overTime, chart };
})();
