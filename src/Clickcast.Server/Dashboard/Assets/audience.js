// The "Choose an audience" card: a slider over the share of clients flagged, read off the champion's test ROC curve.
"use strict";
const Audience = (() => {
  // Each ROC point is an operating point: flagged share = TPR·π + FPR·(1 − π), precision = TPR·π / share.
  const points = test => test.curves.roc.map(p => {
    const share = p.truePositiveRate * test.positiveRate + p.falsePositiveRate * (1 - test.positiveRate);
    return { share, threshold: p.threshold, recall: p.truePositiveRate, precision: share > 0 ? p.truePositiveRate * test.positiveRate / share : null };
  });
  // The point flagging the most clients without exceeding the chosen share; the first point flags nobody.
  const at = (all, share) => all.reduce((best, p) => p.share <= share + 1e-12 && p.share >= best.share ? p : best, all[0]);
  const out = (testId, label) => { const b = h("b", { "data-testid": testId }, "–"); return [b, h("div", { class: "stat" }, b, h("span", {}, label))]; };

  // metrics: the champion's metrics.json (or null); clients: clients currently scored (or null).
  function card(metrics, clients) {
    const title = "Choose an audience";
    const roc = metrics?.test?.curves?.roc ?? [];
    if (!roc.length) return h("section", { class: "card", "data-testid": "audience" }, h("h2", {}, title),
      h("p", { class: "muted", "data-testid": "audience-empty" }, "No champion yet: the audience slider appears once a model is trained and promoted."));
    const all = points(metrics.test);
    // Starts at the share the task's own threshold flags (rounded to the slider's 0.5 % step), else 10 %.
    const rule = metrics.test.threshold, start = Number.isFinite(rule?.flaggedRate) ? Math.round(rule.flaggedRate * 200) / 2 : 10;
    const input = h("input", { id: "audience-share", type: "range", min: "0", max: "100", step: "0.5", value: String(start), style: "width:min(360px,100%)", "data-testid": "audience-slider" });
    const chosen = h("output", { for: "audience-share", "data-testid": "audience-chosen" });
    const [threshold, thresholdStat] = out("audience-threshold", "probability threshold");
    const [precision, precisionStat] = out("audience-precision", "precision (test)");
    const [recall, recallStat] = out("audience-recall", "recall (test)");
    const [flagged, flaggedStat] = out("audience-flagged", "flagged share (test)");
    const [size, sizeStat] = out("audience-size", clients ? `audience of ${int(clients)} clients scored` : "audience (no clients scored yet)");
    const show = () => {
      const share = Number(input.value) / 100, p = at(all, share);
      chosen.textContent = `at most ${input.value} %`;
      const set = (node, value, text) => { node.textContent = text; node.dataset.value = value ?? ""; };
      set(threshold, p.threshold, fmt(p.threshold));
      set(precision, p.precision, pct(p.precision));
      set(recall, p.recall, pct(p.recall));
      set(flagged, p.share, pct(p.share));
      const n = clients ? Math.round(p.share * clients) : null;
      set(size, n, int(n));
    };
    input.addEventListener("input", show);
    show();
    return h("section", { class: "card", "data-testid": "audience" }, h("h2", {}, title),
      h("p", { class: "row" }, h("label", { for: "audience-share" }, "Share of clients to flag"), input, chosen),
      h("div", { class: "row" }, thresholdStat, precisionStat, recallStat, flaggedStat, sizeStat),
      h("p", { class: "muted" }, "Flag every client whose probability is at least the threshold: precision and recall are the champion's on its test clients; the audience is the flagged share of the clients scored now."));
  }

  return { card, points, at };
})();
